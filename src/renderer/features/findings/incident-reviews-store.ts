/**
 * Reviews of incidents, kept in the Dexie cache (table `incidentReviews`, schema version 5): marking an
 * incident reviewed stores its note and the digest of the evidence it was reviewed on, so the review
 * survives re-runs and restarts while that evidence is unchanged.
 */
import { create } from 'zustand';
import type { Incident } from '../../../core/correlate/incidents';
import type { IncidentReview } from '../../db/database';
import { db } from '../../db/db-instance';
import { toShownError } from '../../state/error-message';

interface IncidentReviewsState {
  readonly reviews: ReadonlyMap<string, IncidentReview>;
  readonly loaded: boolean;
  readonly error: string | null;
  load(): Promise<void>;
  markReviewed(incident: Incident, note: string, now?: number): Promise<void>;
  reopen(incidentId: string): Promise<void>;
}

export const useIncidentReviews = create<IncidentReviewsState>()((set, get) => ({
  reviews: new Map(),
  loaded: false,
  error: null,

  async load() {
    try {
      const all = await db.incidentReviews.toArray();
      set({ reviews: new Map(all.map((r) => [r.incidentId, r])), loaded: true, error: null });
    } catch (error) {
      set({ error: `Reviews could not be read from the cache: ${toShownError(error).message}`, loaded: true });
    }
  },

  async markReviewed(incident, note, now = Date.now()) {
    const review: IncidentReview = { incidentId: incident.id, evidenceDigest: incident.evidenceDigest, note: note.trim(), reviewedAt: now, headline: incident.headline };
    try {
      await db.incidentReviews.put(review);
      set({ reviews: new Map(get().reviews).set(incident.id, review), error: null });
    } catch (error) {
      set({ error: `The review was not saved: ${toShownError(error).message}` });
    }
  },

  async reopen(incidentId) {
    try {
      await db.incidentReviews.delete(incidentId);
      const reviews = new Map(get().reviews);
      reviews.delete(incidentId);
      set({ reviews, error: null });
    } catch (error) {
      set({ error: `The review was not removed: ${toShownError(error).message}` });
    }
  },
}));
