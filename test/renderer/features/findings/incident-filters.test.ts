import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../../src/core/correlate/incidents';
import type { IncidentReview } from '../../../../src/renderer/db/database';
import { NO_FILTER, filterChoices, filterIncidents, pageOf, reviewStateOf, unreviewedHighCount } from '../../../../src/renderer/features/findings/incident-filters';

const incident = (id: string, extra: Partial<Incident> = {}): Incident => ({
  id,
  severity: 'medium',
  headline: id,
  timestamp: 0,
  firstEvidenceAt: 0,
  movements: [],
  signals: ['new-ip-before-movement'],
  findingIds: [`f-${id}`],
  accountKeys: ['acc-1'],
  sourceKeys: ['acc-1'],
  sourceKinds: ['deribit'],
  evidence: [],
  otherRowCount: 0,
  evidenceDigest: `digest-${id}`,
  ...extra,
});

const review = (incidentId: string, evidenceDigest: string): IncidentReview => ({ incidentId, evidenceDigest, note: 'checked', reviewedAt: 1, headline: incidentId });

const takeover = incident('takeover', { severity: 'high', signals: ['security-change-before-withdrawal', 'failed-burst-then-success'], sourceKeys: ['acc-1', 'pearl'] });
const travel = incident('travel', { signals: ['two-countries'], accountKeys: ['acc-2'], sourceKeys: ['acc-2'] });
const keyChange = incident('key', { severity: 'high', signals: ['api-key-change-before-withdrawal'] });
const all = [takeover, keyChange, travel];

describe('incident triage filters', () => {
  it('filter by severity, signal, account and source, each alone and together', () => {
    const ids = (filter: Partial<typeof NO_FILTER>): string[] => filterIncidents(all, { ...NO_FILTER, ...filter }, new Map()).map((i) => i.id);
    expect(ids({})).toEqual(['takeover', 'key', 'travel']);
    expect(ids({ severity: 'high' })).toEqual(['takeover', 'key']);
    expect(ids({ signal: 'failed-burst-then-success' })).toEqual(['takeover']);
    expect(ids({ accountKey: 'acc-2' })).toEqual(['travel']);
    expect(ids({ sourceKey: 'pearl' })).toEqual(['takeover']);
    expect(ids({ severity: 'medium', sourceKey: 'pearl' })).toEqual([]);
  });

  it('a review holds while the evidence digest is unchanged; changed evidence makes it unreviewed again', () => {
    const reviews = new Map([['takeover', review('takeover', 'digest-takeover')], ['key', review('key', 'an older digest')]]);
    expect(reviewStateOf(takeover, reviews).kind).toBe('reviewed');
    expect(reviewStateOf(keyChange, reviews).kind).toBe('changed');
    expect(reviewStateOf(travel, reviews).kind).toBe('unreviewed');
    expect(unreviewedHighCount(all, reviews)).toBe(1);
    expect(unreviewedHighCount(all, new Map())).toBe(2);
    expect(filterIncidents(all, { ...NO_FILTER, review: 'reviewed' }, reviews).map((i) => i.id)).toEqual(['takeover']);
    expect(filterIncidents(all, { ...NO_FILTER, review: 'unreviewed' }, reviews).map((i) => i.id)).toEqual(['key', 'travel']);
  });

  it('offers only the values some incident has', () => {
    expect(filterChoices(all)).toEqual({
      signals: ['api-key-change-before-withdrawal', 'failed-burst-then-success', 'security-change-before-withdrawal', 'two-countries'],
      accountKeys: ['acc-1', 'acc-2'],
      sourceKeys: ['acc-1', 'acc-2', 'pearl'],
    });
  });

  it('pages a list, clamping the page to those there are', () => {
    const items = Array.from({ length: 45 }, (_, i) => i);
    expect(pageOf(items, 1, 20)).toEqual({ items: items.slice(0, 20), page: 1, pages: 3 });
    expect(pageOf(items, 3, 20).items).toEqual([40, 41, 42, 43, 44]);
    expect(pageOf(items, 9, 20).page).toBe(3);
    expect(pageOf([], 1, 20)).toEqual({ items: [], page: 1, pages: 1 });
  });
});
