/**
 * Pages one (account, user, currency) transaction log. A window [windowStart, windowEnd] is walked
 * newest-first by continuation; each page and the next cursor are committed together, so an
 * interruption at any moment resumes at the stored continuation. A finished window becomes the
 * watermark; the next window is [watermark - overlap, the run's start]. Overlaps are harmless: a row
 * already cached with the same content is skipped. Inclusive or exclusive time bounds never matter for
 * the same reason. Every answer passes the page guard before anything of it is written.
 */
import { untilAborted } from '../providers/deribit/abort-wait';
import type { TransactionLogPage } from '../providers/deribit/types';
import { guardTransactionPage } from './page-guard';
import { recordRefusal } from './sync-refusal';
import type { DeribitPageSource, StreamState, SyncStore } from './types';

export const TRANSACTION_PAGE_SIZE = 250;
/** How far a later sync reaches back before the watermark: covers rows stamped late on the exchange. */
export const DEFAULT_OVERLAP_MS = 10 * 60 * 1000;

/** A new window from the stream's watermark (or account creation) to the run's start. Only for an idle stream. */
export function openTransactionWindow(
  state: StreamState,
  syncStartedAt: number,
  creationTimestamp: number | null,
  overlapMs: number,
): StreamState {
  const lowerBound = creationTimestamp ?? state.creationTimestamp ?? 0;
  const windowStart =
    state.watermark === null ? lowerBound : Math.max(lowerBound, state.watermark - overlapMs);
  return {
    ...state,
    phase: 'backfill',
    windowStart,
    windowEnd: Math.max(syncStartedAt, windowStart),
    continuation: null,
    oldestSeen: null,
    windowPages: 0,
    creationTimestamp: creationTimestamp ?? state.creationTimestamp,
    lastError: null,
  };
}

/**
 * The state after a page: the next continuation, or the closed window when nothing is older.
 * `lastSyncedAt` moves only when the closed window reaches this run's start: finishing an interrupted
 * older window does not make the stream current.
 */
export function advanceTransactionWindow(
  state: StreamState,
  page: TransactionLogPage,
  now: number,
  runStartedAt: number,
): StreamState {
  const oldestOnPage = page.rows.reduce<number | null>(
    (min, row) => (min === null || row.timestamp < min ? row.timestamp : min),
    null,
  );
  const oldestSeen =
    oldestOnPage === null ? state.oldestSeen : Math.min(oldestOnPage, state.oldestSeen ?? oldestOnPage);
  const counted = { oldestSeen, pagesFetched: state.pagesFetched + 1, windowPages: (state.windowPages ?? 0) + 1 };
  const finished = page.continuation === null || page.rows.length === 0;
  if (!finished) return { ...state, ...counted, continuation: page.continuation };
  return {
    ...state,
    ...counted,
    phase: 'idle',
    continuation: null,
    watermark: state.windowEnd,
    lastSyncedAt: state.windowEnd >= runStartedAt ? now : state.lastSyncedAt,
    lastError: null,
  };
}

/** Fetches, checks and commits pages until the window is closed or `signal` aborts. Returns the final state. */
export async function pageTransactionLog(params: {
  readonly state: StreamState;
  readonly source: DeribitPageSource;
  readonly store: SyncStore;
  readonly subaccountId: number | null;
  readonly now: () => number;
  readonly signal: AbortSignal | undefined;
  /** Server time at which this run started (window ends, timestamp bounds). */
  readonly runStartedAt: number;
  readonly pageSize?: number;
  readonly onPage: (state: StreamState, newRows: number) => void;
}): Promise<StreamState> {
  const { store } = params;
  let state = params.state;
  while (state.phase === 'backfill' && !params.signal?.aborted) {
    // A cancel ends the wait at once, even if the source keeps the request going: its page is dropped.
    const page = await untilAborted(params.source.fetchTransactionLogPage({
      currency: state.currency ?? '',
      startTimestamp: state.windowStart,
      endTimestamp: state.windowEnd,
      count: params.pageSize ?? TRANSACTION_PAGE_SIZE,
      continuation: state.continuation,
      subaccountId: params.subaccountId,
    }), params.signal);
    let inserted: number;
    let next: StreamState;
    try {
      const rows = guardTransactionPage(page, { state, runStartedAt: params.runStartedAt, detectedAt: params.now() });
      next = advanceTransactionWindow(state, page, params.now(), params.runStartedAt);
      inserted = await store.commitTransactionPage(state.accountKey, rows, next);
    } catch (error) {
      throw await recordRefusal(error, state, params.now(), (issues) => store.recordIssues(issues));
    }
    state = { ...next, rowsStored: next.rowsStored + inserted };
    params.onPage(state, inserted);
  }
  return state;
}
