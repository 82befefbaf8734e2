/**
 * Starts a sync of one login source in the renderer: the engine reads the stream state from Dexie, asks
 * main for each page (`fetchLoginPage`) and writes events + cursor in one transaction. Cancel stops after
 * the page in flight and aborts the source's requests in main; everything committed is kept.
 */
import type { LoginAuditConnector } from '../../core/logins/types';
import { runLoginSync, type LoginSyncProgress } from '../../core/sync/login-sync';
import type { LoginSourceInfo, RendererApi } from '../../shared/contract';
import { getApi } from '../api/renderer-api';
import { db } from '../db/db-instance';
import { createDexieLoginStore } from '../db/dexie-login-store';

export interface RunningLoginSync {
  cancel(): void;
  readonly done: Promise<LoginSyncProgress>;
}

/** The connector as the engine sees it, with every page fetched by main (secrets and limits live there). */
export function contractLoginConnector(api: RendererApi, sourceKey: string): Pick<LoginAuditConnector, 'fetchPage'> {
  return { fetchPage: (request) => api.call('fetchLoginPage', { ...request, sourceKey }) };
}

/** The oldest cached Deribit row (any account): login history should reach back as far as the money history. */
export async function oldestCachedRowTime(): Promise<number | null> {
  const oldest = await db.transactions.orderBy('timestamp').first();
  return oldest?.timestamp ?? null;
}

export function startLoginSync(
  source: LoginSourceInfo,
  onProgress: (progress: LoginSyncProgress) => void,
  options: { readonly reachBackTo?: number } = {},
): RunningLoginSync {
  const api = getApi();
  const controller = new AbortController();
  const done = oldestCachedRowTime().then((historyStart) =>
    runLoginSync({
      sourceKey: source.sourceKey,
      source: source.settings.kind,
      connector: contractLoginConnector(api, source.sourceKey),
      store: createDexieLoginStore(db),
      now: () => Date.now(),
      signal: controller.signal,
      onProgress,
      historyStart,
      ...(options.reachBackTo === undefined ? {} : { reachBackTo: options.reachBackTo }),
    }),
  );
  return {
    cancel() {
      controller.abort();
      void api.call('cancelLoginRequests', { sourceKey: source.sourceKey }).catch(() => undefined);
    },
    done,
  };
}
