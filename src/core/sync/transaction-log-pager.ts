/**
 * Pages one (account, user, currency) transaction log. A window [windowStart, windowEnd] is walked
 * newest-first by continuation; each page and the next cursor are committed together, so an
 * interruption at any moment resumes at the stored continuation. A finished window becomes the
 * watermark; the next sync walks [watermark - overlap, now]. Overlaps are harmless: rows are upserted
 * by key. Inclusive or exclusive time bounds never matter for the same reason.
 */
import { ProviderError } from '../providers/deribit/errors';
import type { TransactionLogPage } from '../providers/deribit/types';
import type { DeribitPageSource, StreamState, SyncStore } from './types';

export const TRANSACTION_PAGE_SIZE = 250;
/** How far a later sync reaches back before the watermark: covers rows stamped late on the exchange. */
export const DEFAULT_OVERLAP_MS = 10 * 60 * 1000;

/** The state that starts a new window, or the stored one when a window is in progress (resume). */
export function openTransactionWindow(
  state: StreamState,
  syncStartedAt: number,
  creationTimestamp: number | null,
  overlapMs: number,
): StreamState {
  if (state.phase === 'backfill') return state;
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
    creationTimestamp: creationTimestamp ?? state.creationTimestamp,
    lastError: null,
  };
}

/** The state after a page: the next continuation, or the closed window when nothing is older. */
export function advanceTransactionWindow(
  state: StreamState,
  page: TransactionLogPage,
  now: number,
): StreamState {
  const oldestOnPage = page.rows.reduce<number | null>(
    (min, row) => (min === null || row.timestamp < min ? row.timestamp : min),
    null,
  );
  const oldestSeen =
    oldestOnPage === null ? state.oldestSeen : Math.min(oldestOnPage, state.oldestSeen ?? oldestOnPage);
  const finished = page.continuation === null || page.rows.length === 0;
  if (!finished && page.continuation === state.continuation) {
    throw new ProviderError({
      kind: 'malformed_response',
      code: null,
      detail: `transaction log continuation did not advance (${String(page.continuation)})`,
      userMessage:
        'Deribit returned the same page position twice, so paging stopped to avoid a loop. Sync again later; what is cached is kept.',
      retriable: false,
    });
  }
  if (finished) {
    return {
      ...state,
      phase: 'idle',
      continuation: null,
      oldestSeen,
      watermark: state.windowEnd,
      pagesFetched: state.pagesFetched + 1,
      lastSyncedAt: now,
      lastError: null,
    };
  }
  return { ...state, continuation: page.continuation, oldestSeen, pagesFetched: state.pagesFetched + 1 };
}

/** Fetches and commits pages until the window is closed or `signal` aborts. Returns the final state. */
export async function pageTransactionLog(params: {
  readonly state: StreamState;
  readonly source: DeribitPageSource;
  readonly store: SyncStore;
  readonly subaccountId: number | null;
  readonly now: () => number;
  readonly signal: AbortSignal | undefined;
  readonly pageSize?: number;
  readonly onPage: (state: StreamState, newRows: number) => void;
}): Promise<StreamState> {
  let state = params.state;
  while (state.phase === 'backfill' && !params.signal?.aborted) {
    const page = await params.source.fetchTransactionLogPage({
      currency: state.currency ?? '',
      startTimestamp: state.windowStart,
      endTimestamp: state.windowEnd,
      count: params.pageSize ?? TRANSACTION_PAGE_SIZE,
      continuation: state.continuation,
      subaccountId: params.subaccountId,
    });
    const next = advanceTransactionWindow(state, page, params.now());
    const inserted = await params.store.commitTransactionPage(state.accountKey, page.rows, next);
    state = { ...next, rowsStored: next.rowsStored + inserted };
    params.onPage(state, inserted);
  }
  return state;
}
