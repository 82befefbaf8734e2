/**
 * The count of unreviewed high incidents next to the Findings tab. Asks for a correlation once accounts
 * exist (results are then kept fresh after every sync) and reads the reviews from the cache.
 */
import { useEffect } from 'react';
import { useAccounts } from '../../state/accounts-store';
import { useSync } from '../../state/sync-store';
import { useReconciliation } from '../reconciliation/reconciliation-store';
import { useCorrelation } from './correlation-store';
import { unreviewedHighCount } from './incident-filters';
import { useIncidentReviews } from './incident-reviews-store';
import './findings.css';

export function FindingsTabCount() {
  const accounts = useAccounts((s) => s.accounts.length);
  const incidents = useCorrelation((s) => s.outcome?.incidents ?? null);
  const reviews = useIncidentReviews((s) => s.reviews);
  useEffect(() => {
    if (!useIncidentReviews.getState().loaded) void useIncidentReviews.getState().load();
  }, []);
  // Once, when the app opens on a cache with accounts and nothing is syncing or reconciling (those end
  // with a correlation of their own, see startAutoCorrelate): no result drawn now is replaced moments later.
  const syncing = useSync((s) => Object.values(s.byAccount).some((a) => a.running));
  const reconciling = useReconciliation((s) => s.running);
  const busy = syncing || reconciling;
  useEffect(() => {
    const correlation = useCorrelation.getState();
    if (accounts > 0 && !busy && correlation.outcome === null && !correlation.running) void correlation.run();
  }, [accounts, busy]);
  const count = incidents === null ? 0 : unreviewedHighCount(incidents, reviews);
  if (count === 0) return null;
  return (
    <span className="tab-count" aria-label={`${count} unreviewed high ${count === 1 ? 'incident' : 'incidents'}`}>
      {count}
    </span>
  );
}
