/**
 * Running syncs, one per account at most, and the latest progress of each. The sync itself runs in
 * sync-runner (engine + Dexie); this store only starts, cancels and remembers what it reported.
 */
import { create } from 'zustand';
import type { SyncProgress } from '../../core/sync/types';
import { SERVICE_UNREACHABLE_MESSAGE } from '../api/renderer-api';
import { startSync, type RunningSync } from '../sync/sync-runner';
import { useCacheChanges } from './cache-change-store';
import { useConnectivity } from './connectivity-store';
import { toShownError } from './error-message';

export interface AccountSyncState {
  readonly progress: SyncProgress | null;
  readonly running: boolean;
  /** What went wrong, in the user's words (what happened and what to do). */
  readonly error: string | null;
}

interface SyncStoreState {
  readonly byAccount: Readonly<Record<string, AccountSyncState>>;
  start(accountKey: string): void;
  /** Asks the run to stop; resolves once it has (everything committed so far is kept). */
  cancel(accountKey: string): Promise<void>;
}

const IDLE: AccountSyncState = { progress: null, running: false, error: null };
const runs = new Map<string, RunningSync>();

export function syncStateOf(state: Pick<SyncStoreState, 'byAccount'>, accountKey: string): AccountSyncState {
  return state.byAccount[accountKey] ?? IDLE;
}

/**
 * The last progress of a run that ended without a final report (the run itself failed): stopped, with
 * no stream left "running", so the view does not show a sync that is no longer happening.
 */
export function stoppedProgress(last: SyncProgress | null, message: string | null): SyncProgress | null {
  if (last === null || last.phase === 'done' || last.phase === 'cancelled' || last.phase === 'error') return last;
  return {
    ...last,
    phase: 'error',
    etaMs: null,
    message,
    streams: last.streams.map((s) => (s.state === 'running' || s.state === 'waiting' ? { ...s, state: 'cancelled' } : s)),
  };
}

export const useSync = create<SyncStoreState>()((set, get) => {
  const patch = (accountKey: string, change: Partial<AccountSyncState>): void =>
    set((state) => ({ byAccount: { ...state.byAccount, [accountKey]: { ...syncStateOf(state, accountKey), ...change } } }));

  const finish = (accountKey: string, final: SyncProgress | null, error: string | null): void => {
    runs.delete(accountKey);
    const last = syncStateOf(get(), accountKey).progress;
    patch(accountKey, { progress: final ?? stoppedProgress(last, error), running: false, error });
    if (error === SERVICE_UNREACHABLE_MESSAGE) useConnectivity.getState().reportCallFailure('network', error);
    useCacheChanges.getState().bump();
  };

  return {
    byAccount: {},
    start(accountKey) {
      if (runs.has(accountKey)) return;
      patch(accountKey, { running: true, error: null, progress: null });
      let lastNewRows = 0;
      try {
        const run = startSync(accountKey, (progress) => {
          patch(accountKey, { progress });
          if (progress.newRows !== lastNewRows) {
            lastNewRows = progress.newRows;
            useCacheChanges.getState().bump();
          }
        });
        runs.set(accountKey, run);
        run.done.then(
          (final) => finish(accountKey, final, final.phase === 'error' ? (final.message ?? 'The sync stopped with an error. Try again.') : null),
          (error: unknown) => finish(accountKey, null, toShownError(error).message),
        );
      } catch (error) {
        finish(accountKey, null, toShownError(error).message);
      }
    },
    async cancel(accountKey) {
      const run = runs.get(accountKey);
      if (!run) return;
      run.cancel();
      // `finish` runs from the done handlers: once this resolves the account is idle again.
      await run.done.catch(() => undefined);
    },
  };
});
