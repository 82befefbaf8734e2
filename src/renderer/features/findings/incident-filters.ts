/**
 * Triage of incidents: filter by severity, signal, account and source, whether reviewed, and the review
 * state of each incident (a review holds while the incident's evidence is unchanged). Pure, so the view
 * and the tab count agree and tests need no DOM.
 */
import type { Incident } from '../../../core/correlate/incidents';
import type { CorrelationSeverity, SignalKind } from '../../../core/correlate/types';
import type { IncidentReview } from '../../db/database';

export interface IncidentFilter {
  readonly severity: CorrelationSeverity | 'all';
  readonly signal: SignalKind | 'all';
  readonly accountKey: string | 'all';
  /** A login-source key, an account key (its Deribit access log and rows), or 'all'. */
  readonly sourceKey: string | 'all';
  readonly review: 'all' | 'unreviewed' | 'reviewed';
}

export const NO_FILTER: IncidentFilter = { severity: 'all', signal: 'all', accountKey: 'all', sourceKey: 'all', review: 'all' };

export type ReviewState = { readonly kind: 'unreviewed' } | { readonly kind: 'reviewed'; readonly review: IncidentReview } | { readonly kind: 'changed'; readonly review: IncidentReview };

/** Reviewed while the evidence is what was reviewed; "changed" (and so unreviewed again) once it differs. */
export function reviewStateOf(incident: Incident, reviews: ReadonlyMap<string, IncidentReview>): ReviewState {
  const review = reviews.get(incident.id);
  if (!review) return { kind: 'unreviewed' };
  return review.evidenceDigest === incident.evidenceDigest ? { kind: 'reviewed', review } : { kind: 'changed', review };
}

export function filterIncidents(incidents: readonly Incident[], filter: IncidentFilter, reviews: ReadonlyMap<string, IncidentReview>): Incident[] {
  return incidents.filter((incident) => {
    if (filter.severity !== 'all' && incident.severity !== filter.severity) return false;
    if (filter.signal !== 'all' && !incident.signals.includes(filter.signal)) return false;
    if (filter.accountKey !== 'all' && !incident.accountKeys.includes(filter.accountKey)) return false;
    if (filter.sourceKey !== 'all' && !incident.sourceKeys.includes(filter.sourceKey)) return false;
    if (filter.review !== 'all') {
      const reviewed = reviewStateOf(incident, reviews).kind === 'reviewed';
      if ((filter.review === 'reviewed') !== reviewed) return false;
    }
    return true;
  });
}

export function unreviewedHighCount(incidents: readonly Incident[], reviews: ReadonlyMap<string, IncidentReview>): number {
  return incidents.filter((i) => i.severity === 'high' && reviewStateOf(i, reviews).kind !== 'reviewed').length;
}

/** The values the filters offer: only those some incident has, so no choice leads to an empty list by itself. */
export function filterChoices(incidents: readonly Incident[]): {
  readonly signals: SignalKind[];
  readonly accountKeys: string[];
  readonly sourceKeys: string[];
} {
  const signals = new Set<SignalKind>();
  const accounts = new Set<string>();
  const sources = new Set<string>();
  for (const incident of incidents) {
    incident.signals.forEach((s) => signals.add(s));
    incident.accountKeys.forEach((a) => accounts.add(a));
    incident.sourceKeys.forEach((s) => sources.add(s));
  }
  return { signals: [...signals].sort(), accountKeys: [...accounts].sort(), sourceKeys: [...sources].sort() };
}

/** One page of a list (1-based page number, clamped to the pages there are). */
export function pageOf<T>(items: readonly T[], page: number, pageSize: number): { readonly items: T[]; readonly page: number; readonly pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page)), pages);
  return { items: items.slice((current - 1) * pageSize, current * pageSize), page: current, pages };
}
