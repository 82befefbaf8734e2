/**
 * The configured login sources (from main; secrets go through `add` once and stay there) and their
 * syncs: one run per source at most, its latest progress, cancel. The sync itself runs in
 * login-sync-runner (engine + Dexie); this store starts, cancels and remembers what it reported.
 */
import { create } from 'zustand';
import type { ConnectionReport } from '../../core/logins/types';
import type { LoginSyncProgress } from '../../core/sync/login-sync';
import type { LoginSourceInfo, LoginSourceInput } from '../../shared/contract';
import { db } from '../db/db-instance';
import { deleteCachedLoginSource } from '../db/dexie-login-store';
import { startLoginSync, type RunningLoginSync } from '../sync/login-sync-runner';
import { useCacheChanges } from './cache-change-store';
import { callContract } from './contract-calls';
import { toShownError } from './error-message';

export interface LoginSourceSyncState {
  readonly progress: LoginSyncProgress | null;
  readonly running: boolean;
  /** What went wrong, in the user's words. */
  readonly error: string | null;
}

interface LoginSourcesState {
  readonly sources: readonly LoginSourceInfo[];
  readonly loaded: boolean;
  readonly loadError: string | null;
  readonly bySource: Readonly<Record<string, LoginSourceSyncState>>;
  load(): Promise<void>;
  test(input: LoginSourceInput): Promise<ConnectionReport>;
  add(input: LoginSourceInput): Promise<LoginSourceInfo>;
  addDemo(): Promise<readonly LoginSourceInfo[]>;
  remove(sourceKey: string, deleteCachedData: boolean): Promise<void>;
  /** `reachBackTo` (ms): also fetch this source's events back to that time (kept for later runs). */
  sync(sourceKey: string, options?: { readonly reachBackTo?: number }): void;
  syncAll(): void;
  /** Asks the run to stop; resolves once it has (everything committed so far is kept). */
  cancel(sourceKey: string): Promise<void>;
}

const IDLE: LoginSourceSyncState = { progress: null, running: false, error: null };
const runs = new Map<string, RunningLoginSync>();

export function loginSyncStateOf(state: Pick<LoginSourcesState, 'bySource'>, sourceKey: string): LoginSourceSyncState {
  return state.bySource[sourceKey] ?? IDLE;
}

const byAddedAt = (list: readonly LoginSourceInfo[]): LoginSourceInfo[] => [...list].sort((a, b) => a.addedAt - b.addedAt);

export const useLoginSources = create<LoginSourcesState>()((set, get) => {
  const patch = (sourceKey: string, change: Partial<LoginSourceSyncState>): void =>
    set((state) => ({ bySource: { ...state.bySource, [sourceKey]: { ...loginSyncStateOf(state, sourceKey), ...change } } }));

  const finish = (sourceKey: string, final: LoginSyncProgress | null, error: string | null): void => {
    runs.delete(sourceKey);
    patch(sourceKey, { ...(final ? { progress: final } : {}), running: false, error });
    useCacheChanges.getState().bump();
  };

  const upsert = (added: readonly LoginSourceInfo[]): void => {
    const keys = new Set(added.map((s) => s.sourceKey));
    set({ sources: byAddedAt([...get().sources.filter((s) => !keys.has(s.sourceKey)), ...added]) });
  };

  return {
    sources: [],
    loaded: false,
    loadError: null,
    bySource: {},
    async load() {
      try {
        set({ sources: byAddedAt(await callContract('listLoginSources', {})), loaded: true, loadError: null });
      } catch (error) {
        set({ loaded: true, loadError: toShownError(error).message });
      }
    },
    test: (input) => callContract('testLoginSource', input),
    async add(input) {
      const added = await callContract('addLoginSource', input);
      upsert([added]);
      return added;
    },
    async addDemo() {
      const added = await callContract('addDemoLoginSources', {});
      upsert(added);
      return added;
    },
    async remove(sourceKey, deleteCachedData) {
      await get().cancel(sourceKey);
      await callContract('removeLoginSource', { sourceKey });
      set((state) => {
        const { [sourceKey]: _gone, ...rest } = state.bySource;
        return { sources: state.sources.filter((s) => s.sourceKey !== sourceKey), bySource: rest };
      });
      if (deleteCachedData) {
        await deleteCachedLoginSource(db, sourceKey);
        useCacheChanges.getState().bump();
      }
    },
    sync(sourceKey, options) {
      const source = get().sources.find((s) => s.sourceKey === sourceKey);
      if (!source || runs.has(sourceKey)) return;
      patch(sourceKey, { running: true, error: null, progress: null });
      let lastNew = 0;
      try {
        const run = startLoginSync(source, (progress) => {
          patch(sourceKey, { progress });
          if (progress.newEvents !== lastNew) {
            lastNew = progress.newEvents;
            useCacheChanges.getState().bump();
          }
        }, options);
        runs.set(sourceKey, run);
        run.done.then(
          (final) => finish(sourceKey, final, final.phase === 'error' ? (final.message ?? 'The sync stopped with an error. Try again.') : null),
          (error: unknown) => finish(sourceKey, null, toShownError(error).message),
        );
      } catch (error) {
        finish(sourceKey, null, toShownError(error).message);
      }
    },
    syncAll() {
      for (const source of get().sources) get().sync(source.sourceKey);
    },
    async cancel(sourceKey) {
      const run = runs.get(sourceKey);
      if (!run) return;
      run.cancel();
      await run.done.catch(() => undefined);
    },
  };
});
