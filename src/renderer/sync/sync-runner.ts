/**
 * Starts a sync of one account in the renderer: the engine reads cursors from Dexie, asks main for
 * pages and writes page + cursor in one transaction. Cancel stops after the page in flight and aborts
 * the gateway's queued requests; the cache keeps everything committed.
 */
import { runDeribitSync } from '../../core/sync/deribit-sync';
import type { SyncProgress } from '../../core/sync/types';
import { getApi } from '../api/renderer-api';
import { db } from '../db/db-instance';
import { createDexieSyncStore } from '../db/dexie-sync-store';
import { createContractPageSource } from './contract-page-source';

export interface RunningSync {
  cancel(): void;
  readonly done: Promise<SyncProgress>;
}

export function startSync(accountKey: string, onProgress: (progress: SyncProgress) => void): RunningSync {
  const api = getApi();
  const controller = new AbortController();
  const done = runDeribitSync({
    accountKey,
    source: createContractPageSource(api, accountKey),
    store: createDexieSyncStore(db),
    now: () => Date.now(),
    signal: controller.signal,
    onProgress,
  });
  return {
    cancel() {
      controller.abort();
      void api.call('cancelRequests', { accountKey }).catch(() => undefined);
    },
    done,
  };
}
