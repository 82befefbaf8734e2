/**
 * Pages the account's access log by offset, newest first. New events push old ones to higher offsets,
 * so resuming at a stored offset can only re-read (deduplicated by id), never skip. A pass ends at an
 * empty page, at `records_total` when the server sends it, or at the first event already cached
 * before the pass began (`stopAtId`): a later sync fetches only what is new.
 */
import type { AccessLogPage } from '../providers/deribit/types';
import type { DeribitPageSource, StreamState, SyncStore } from './types';

export const ACCESS_PAGE_SIZE = 1000;

export function openAccessPass(state: StreamState, newestCachedId: number | null, now: number): StreamState {
  if (state.phase === 'backfill') return state;
  return {
    ...state,
    phase: 'backfill',
    offset: 0,
    stopAtId: newestCachedId,
    windowEnd: now,
    oldestSeen: null,
    lastError: null,
  };
}

export function advanceAccessPass(state: StreamState, page: AccessLogPage, now: number): StreamState {
  const offset = state.offset + page.events.length;
  const oldestOnPage = page.events.reduce<number | null>(
    (min, e) => (min === null || e.timestamp < min ? e.timestamp : min),
    null,
  );
  const reachedCached =
    state.stopAtId !== null && page.events.some((e) => e.id <= (state.stopAtId ?? Number.NEGATIVE_INFINITY));
  const reachedTotal = page.total !== null && offset >= page.total;
  const finished = page.events.length === 0 || reachedCached || reachedTotal;
  const base = {
    ...state,
    oldestSeen: oldestOnPage === null ? state.oldestSeen : Math.min(oldestOnPage, state.oldestSeen ?? oldestOnPage),
    pagesFetched: state.pagesFetched + 1,
  };
  if (!finished) return { ...base, offset };
  return {
    ...base,
    phase: 'idle',
    offset: 0,
    stopAtId: null,
    watermark: state.windowEnd,
    lastSyncedAt: now,
    lastError: null,
  };
}

export async function pageAccessLog(params: {
  readonly state: StreamState;
  readonly source: DeribitPageSource;
  readonly store: SyncStore;
  readonly now: () => number;
  readonly signal: AbortSignal | undefined;
  readonly pageSize?: number;
  readonly onPage: (state: StreamState, newRows: number, total: number | null) => void;
}): Promise<StreamState> {
  let state = params.state;
  while (state.phase === 'backfill' && !params.signal?.aborted) {
    const page = await params.source.fetchAccessLogPage({
      offset: state.offset,
      count: params.pageSize ?? ACCESS_PAGE_SIZE,
    });
    const next = advanceAccessPass(state, page, params.now());
    const inserted = await params.store.commitAccessPage(state.accountKey, page.events, next);
    state = { ...next, rowsStored: next.rowsStored + inserted };
    params.onPage(state, inserted, page.total);
  }
  return state;
}
