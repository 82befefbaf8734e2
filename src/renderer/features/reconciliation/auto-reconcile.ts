/**
 * Reconcile after every sync: when an account's sync stops (done, cancelled or failed — whatever was
 * committed is worth checking), an incremental run over every configured account starts in the worker.
 */
import { useAccounts } from '../../state/accounts-store';
import { useSync } from '../../state/sync-store';
import { useReconciliation } from './reconciliation-store';

/** Starts watching; returns the unsubscribe function. */
export function startAutoReconcile(): () => void {
  return useSync.subscribe((state, previous) => {
    const finished = Object.entries(state.byAccount).some(([key, now]) => !now.running && previous.byAccount[key]?.running === true);
    if (!finished) return;
    const accountKeys = useAccounts.getState().accounts.map((a) => a.accountKey);
    if (accountKeys.length > 0) void useReconciliation.getState().reconcile(accountKeys, 'incremental');
  });
}
