/** Finding id → the review of the incident it belongs to, for findings whose incident is reviewed (the timeline marks them). */
import { useMemo } from 'react';
import type { IncidentReview } from '../../db/database';
import { useCorrelation } from './correlation-store';
import { reviewStateOf } from './incident-filters';
import { useIncidentReviews } from './incident-reviews-store';

export function useReviewedFindings(): ReadonlyMap<string, IncidentReview> {
  const incidents = useCorrelation((s) => s.outcome?.incidents ?? null);
  const reviews = useIncidentReviews((s) => s.reviews);
  return useMemo(() => {
    const reviewed = new Map<string, IncidentReview>();
    for (const incident of incidents ?? []) {
      const state = reviewStateOf(incident, reviews);
      if (state.kind === 'reviewed') for (const id of incident.findingIds) reviewed.set(id, state.review);
    }
    return reviewed;
  }, [incidents, reviews]);
}
