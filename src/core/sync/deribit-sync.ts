/**
 * One sync run of a Deribit account: discover users and currencies, page the access log, then every
 * (user, currency) transaction log, committing each page with its cursor. A run that ends 'done' has
 * every stream complete up to the server time at which it started: a stream interrupted earlier
 * (cancel, crash, error) first finishes its stored window, then walks the next one up to this run's
 * start. Re-running after a finished sync fetches only what is new.
 */
import { untilAborted } from '../providers/deribit/abort-wait';
import { isProviderError } from '../providers/deribit/errors';
import { openAccessPass, pageAccessLog } from './access-log-pager';
import { EARLIEST_TIMESTAMP, checkServerTime } from './page-guard';
import { RunProgress } from './run-progress';
import { needsNewWindow, newStreamState } from './stream-state';
import { isSyncRefusal } from './sync-refusal';
import { DEFAULT_OVERLAP_MS, openTransactionWindow, pageTransactionLog } from './transaction-log-pager';
import type { DeribitPageSource, StreamState, SyncProgress, SyncStore } from './types';

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

const CANCELLED_MESSAGE = 'Sync cancelled. Everything fetched so far is kept; sync again to continue.';

interface RunContext {
  readonly options: RunDeribitSyncOptions;
  readonly progress: RunProgress;
  /** Server time at which the run started. */
  readonly runStartedAt: number;
  readonly serverNow: () => number;
  readonly emit: (phase: SyncProgress['phase'], message?: string | null) => SyncProgress;
}

export async function runDeribitSync(options: RunDeribitSyncOptions): Promise<SyncProgress> {
  const { accountKey, source, store, now, signal } = options;
  const progress = new RunProgress(accountKey, now(), options.txIntervalMs ?? 1000);
  const emit = (phase: SyncProgress['phase'], message: string | null = null): SyncProgress => {
    const snapshot = progress.snapshot(phase, message);
    options.onProgress?.(snapshot);
    return snapshot;
  };

  emit('discovering');
  let current = -1;
  try {
    const discovery = await untilAborted(source.discover(), signal);
    const runStartedAt = discovery.serverTime;
    const localStartedAt = now();
    const main = discovery.users.find((u) => u.isMain) ?? discovery.users[0];
    // Before anything is read or written: windows and watermarks are server times.
    checkServerTime(runStartedAt, localStartedAt, main ? `${main.username} (user ${main.userId})` : accountKey);
    const existing = new Map((await store.getStreams(accountKey)).map((s) => [s.streamKey, s]));
    const track = (fresh: StreamState, subaccountId: number | null): void => {
      const state = existing.get(fresh.streamKey) ?? fresh;
      progress.track(state, subaccountId, !needsNewWindow(state, runStartedAt) && state.phase === 'idle');
    };
    if (main) track(newStreamState({ kind: 'access', accountKey, userId: main.userId, username: main.username, currency: null }), null);
    for (const user of discovery.users) {
      for (const currency of discovery.currencies) {
        track(newStreamState({ kind: 'tx', accountKey, userId: user.userId, username: user.username, currency }), user.isMain ? null : user.userId);
      }
    }
    // Every discovered stream is stored from the start, so a run cut short shows what it never reached
    // as "not synced" instead of an account that looks complete.
    for (const stream of progress.streams) if (!existing.has(stream.state.streamKey)) await store.putStream(stream.state);
    const ctx: RunContext = { options, progress, runStartedAt, serverNow: () => runStartedAt + (now() - localStartedAt), emit };
    emit('syncing');

    for (current = 0; current < progress.streams.length && !signal?.aborted; current++) {
      const stream = progress.streams[current];
      if (!stream || stream.finished) continue;
      progress.update(current, { started: true, outcome: 'running' });
      const final = stream.state.kind === 'access' ? await syncAccessStream(ctx, current) : await syncTransactionStream(ctx, current);
      const complete = final.phase === 'idle' && !needsNewWindow(final, runStartedAt);
      progress.update(current, { state: final, finished: complete, followUp: false, outcome: complete ? 'done' : 'running' });
    }
    if (signal?.aborted) return cancelled();
    return emit('done');
  } catch (error) {
    if (signal?.aborted) return cancelled();
    const message = isProviderError(error) || isErrorWithUserMessage(error) ? error.userMessage : String(error);
    const failed = progress.streams[current];
    // A refused answer leaves the cursors exactly as they were; other failures are noted on the stream.
    if (failed && !isSyncRefusal(error)) {
      const state = { ...failed.state, lastError: message };
      progress.update(current, { state });
      await store.putStream(state).catch(() => undefined);
    }
    progress.settle('error', failed ? current : null);
    return emit('error', message);
  }

  function cancelled(): SyncProgress {
    progress.settle('cancelled', null);
    return emit('cancelled', CANCELLED_MESSAGE);
  }
}

/** Finishes an interrupted window, then walks the next one up to the run's start. */
async function syncTransactionStream(ctx: RunContext, index: number): Promise<StreamState> {
  const { options, progress, runStartedAt } = ctx;
  const tracked = progress.streams[index];
  if (!tracked) throw new Error(`no stream ${index}`);
  const page = (state: StreamState): Promise<StreamState> =>
    pageTransactionLog({
      state, source: options.source, store: options.store, now: options.now, signal: options.signal, runStartedAt,
      pageSize: options.pageSize, subaccountId: tracked.subaccountId,
      onPage: (next, inserted) => {
        progress.page(index, next, inserted);
        ctx.emit('syncing');
      },
    });
  let state = tracked.state;
  if (state.phase === 'backfill') state = await page(state);
  if (options.signal?.aborted || !needsNewWindow(state, runStartedAt)) return state;
  let creation: number | null = null;
  if (state.watermark === null && state.creationTimestamp === null) {
    const summary = await untilAborted(options.source.getAccountSummary(state.currency ?? '', tracked.subaccountId), options.signal);
    const reported = summary.creationTimestamp;
    // An impossible creation time would put the window (and later watermarks) in the wrong place.
    creation = reported !== null && reported >= EARLIEST_TIMESTAMP && reported <= runStartedAt ? reported : null;
  }
  state = openTransactionWindow(state, runStartedAt, creation, options.overlapMs ?? DEFAULT_OVERLAP_MS);
  progress.update(index, { state, followUp: false });
  ctx.emit('syncing');
  return page(state);
}

/** Finishes an interrupted pass, then reads from offset 0 down to what was cached before. */
async function syncAccessStream(ctx: RunContext, index: number): Promise<StreamState> {
  const { options, progress, runStartedAt } = ctx;
  const tracked = progress.streams[index];
  if (!tracked) throw new Error(`no stream ${index}`);
  const page = (state: StreamState): Promise<StreamState> =>
    pageAccessLog({
      state, source: options.source, store: options.store, now: options.now, signal: options.signal, runStartedAt,
      serverNow: ctx.serverNow, pageSize: options.accessPageSize,
      onPage: (next, inserted, total) => {
        progress.page(index, next, inserted, total);
        ctx.emit('syncing');
      },
    });
  let state = tracked.state;
  if (state.phase === 'backfill') state = await page(state);
  if (options.signal?.aborted || !needsNewWindow(state, runStartedAt)) return state;
  // Events stamped after the run's start can only be junk: they must not count as "known before".
  const newestCached = await options.store.newestAccessTimestamp(state.accountKey, runStartedAt);
  state = openAccessPass(state, newestCached, runStartedAt);
  progress.update(index, { state, followUp: false });
  ctx.emit('syncing');
  return page(state);
}

function isErrorWithUserMessage(e: unknown): e is { userMessage: string } {
  return typeof e === 'object' && e !== null && typeof (e as { userMessage?: unknown }).userMessage === 'string';
}
