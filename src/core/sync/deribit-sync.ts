/**
 * One sync run of a Deribit account: discover users and currencies, page the access log, then every
 * (user, currency) transaction log, committing each page with its cursor. Re-running after a crash,
 * cancel or error resumes where the stored cursors say; re-running after a finished sync fetches only
 * what is new.
 */
import { isProviderError } from '../providers/deribit/errors';
import { openAccessPass, pageAccessLog } from './access-log-pager';
import { newStreamState } from './stream-state';
import { estimateRun, type StreamRunStats } from './sync-estimate';
import { DEFAULT_OVERLAP_MS, openTransactionWindow, pageTransactionLog } from './transaction-log-pager';
import type { DeribitPageSource, StreamProgress, StreamState, SyncProgress, SyncStore } from './types';

export interface RunDeribitSyncOptions {
  readonly accountKey: string;
  readonly source: DeribitPageSource;
  readonly store: SyncStore;
  readonly now: () => number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: SyncProgress) => void;
  readonly overlapMs?: number;
  /** The transaction-log slot interval, for the ETA only (the gateway enforces the limit). */
  readonly txIntervalMs?: number;
  readonly pageSize?: number;
  readonly accessPageSize?: number;
}

interface TrackedStream extends StreamRunStats {
  readonly subaccountId: number | null;
  readonly error: boolean;
  readonly accessTotal: number | null;
}

export async function runDeribitSync(options: RunDeribitSyncOptions): Promise<SyncProgress> {
  const { accountKey, source, store, now, signal } = options;
  const startedAt = now();
  let newRows = 0;
  const streams: TrackedStream[] = [];

  const snapshot = (phase: SyncProgress['phase'], message: string | null): SyncProgress => {
    const estimate = estimateRun(streams, options.txIntervalMs ?? 1000);
    return {
      accountKey,
      phase,
      streams: streams.map(toStreamProgress),
      newRows,
      pagesFetched: streams.reduce((sum, s) => sum + s.pagesThisRun, 0),
      etaMs: phase === 'syncing' ? estimate.etaMs : phase === 'done' ? 0 : null,
      fraction: phase === 'done' ? 1 : estimate.fraction,
      startedAt,
      message,
    };
  };
  const emit = (phase: SyncProgress['phase'], message: string | null = null): SyncProgress => {
    const progress = snapshot(phase, message);
    options.onProgress?.(progress);
    return progress;
  };
  const update = (index: number, patch: Partial<TrackedStream>): void => {
    const current = streams[index];
    if (current) streams[index] = { ...current, ...patch };
  };

  emit('discovering');
  let current = -1;
  try {
    const discovery = await source.discover();
    const syncStartedAt = discovery.serverTime;
    const existing = new Map((await store.getStreams(accountKey)).map((s) => [s.streamKey, s]));
    const main = discovery.users.find((u) => u.isMain) ?? discovery.users[0];
    const track = (state: StreamState, subaccountId: number | null): void => {
      streams.push({ state, subaccountId, pagesThisRun: 0, started: false, finished: false, error: false, accessTotal: null });
    };
    if (main) {
      const fresh = newStreamState({ kind: 'access', accountKey, userId: main.userId, username: main.username, currency: null });
      track(existing.get(fresh.streamKey) ?? fresh, null);
    }
    for (const user of discovery.users) {
      for (const currency of discovery.currencies) {
        const fresh = newStreamState({ kind: 'tx', accountKey, userId: user.userId, username: user.username, currency });
        track(existing.get(fresh.streamKey) ?? fresh, user.isMain ? null : user.userId);
      }
    }
    emit('syncing');

    for (current = 0; current < streams.length && !signal?.aborted; current++) {
      const stream = streams[current];
      if (!stream) continue;
      const index = current;
      if (stream.state.kind === 'access') {
        const opened = openAccessPass(stream.state, await store.newestAccessEventId(accountKey), syncStartedAt);
        update(index, { state: opened, started: true });
        const final = await pageAccessLog({
          state: opened, source, store, now, signal, pageSize: options.accessPageSize,
          onPage: (state, inserted, total) => {
            newRows += inserted;
            update(index, { state, pagesThisRun: (streams[index]?.pagesThisRun ?? 0) + 1, accessTotal: total });
            emit('syncing');
          },
        });
        update(index, { state: final, finished: final.phase === 'idle' });
        continue;
      }
      let creation: number | null = null;
      if (stream.state.phase === 'idle' && stream.state.watermark === null && stream.state.creationTimestamp === null) {
        creation = (await source.getAccountSummary(stream.state.currency ?? '', stream.subaccountId)).creationTimestamp;
      }
      const opened = openTransactionWindow(stream.state, syncStartedAt, creation, options.overlapMs ?? DEFAULT_OVERLAP_MS);
      update(index, { state: opened, started: true });
      emit('syncing');
      const final = await pageTransactionLog({
        state: opened, source, store, now, signal, pageSize: options.pageSize, subaccountId: stream.subaccountId,
        onPage: (state, inserted) => {
          newRows += inserted;
          update(index, { state, pagesThisRun: (streams[index]?.pagesThisRun ?? 0) + 1 });
          emit('syncing');
        },
      });
      update(index, { state: final, finished: final.phase === 'idle' });
    }
    return signal?.aborted ? emit('cancelled', 'Sync cancelled. Everything fetched so far is kept; sync again to continue.') : emit('done');
  } catch (error) {
    const message = isProviderError(error) || isErrorWithUserMessage(error) ? error.userMessage : String(error);
    if (signal?.aborted) return emit('cancelled', 'Sync cancelled. Everything fetched so far is kept; sync again to continue.');
    const failed = streams[current];
    if (failed) {
      const state = { ...failed.state, lastError: message };
      update(current, { state, error: true });
      await store.putStream(state).catch(() => undefined);
    }
    return emit('error', message);
  }
}

function isErrorWithUserMessage(e: unknown): e is { userMessage: string } {
  return typeof e === 'object' && e !== null && typeof (e as { userMessage?: unknown }).userMessage === 'string';
}

function toStreamProgress(s: TrackedStream): StreamProgress {
  const { state } = s;
  let fraction: number | null = null;
  if (s.finished || (s.started && state.phase === 'idle')) fraction = 1;
  else if (state.kind === 'tx' && state.oldestSeen !== null && state.windowEnd > state.windowStart)
    fraction = Math.min(1, (state.windowEnd - state.oldestSeen) / (state.windowEnd - state.windowStart));
  else if (state.kind === 'access' && s.accessTotal) fraction = Math.min(1, state.offset / s.accessTotal);
  return {
    streamKey: state.streamKey,
    kind: state.kind,
    userId: state.userId,
    username: state.username,
    currency: state.currency,
    state: s.error ? 'error' : s.finished ? 'done' : s.started ? 'running' : 'waiting',
    rowsStored: state.rowsStored,
    pagesFetched: state.pagesFetched,
    fraction,
  };
}
