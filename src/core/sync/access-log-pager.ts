/**
 * Pages the account's access log by offset, newest first. New events push old ones to higher offsets,
 * so resuming at a stored offset can only re-read (deduplicated by id), never skip. A pass ends at an
 * empty page, at `records_total` when the server sends it, or at the first page holding an event that
 * was cached before the pass began (looked up by id: its cached timestamp is at or before the newest one
 * cached when the pass opened). Ids are never compared as numbers, so one absurd id cannot end later
 * passes early. Every answer passes the access page guard before anything of it is written.
 */
import { untilAborted } from '../providers/deribit/abort-wait';
import type { AccessLogEvent, AccessLogPage } from '../providers/deribit/types';
import { guardAccessPage } from './access-page-guard';
import { PageConflictError, recordRefusal, type ContentConflict } from './sync-refusal';
import type { CachedEvent, DeribitPageSource, StreamState, SyncStore } from './types';

export const ACCESS_PAGE_SIZE = 1000;

/**
 * A new pass from offset 0. `newestCachedTimestamp` is the newest cached event time (null: nothing is
 * cached, so the pass reads the whole log). Only for an idle stream.
 */
export function openAccessPass(state: StreamState, newestCachedTimestamp: number | null, now: number): StreamState {
  return {
    ...state,
    phase: 'backfill',
    offset: 0,
    stopAtId: null,
    stopAtTimestamp: newestCachedTimestamp,
    passTotal: null,
    windowEnd: now,
    oldestSeen: null,
    windowPages: 0,
    lastError: null,
  };
}

/** Whether a page reached events cached before the pass began. */
export function reachesCached(
  state: StreamState,
  events: readonly AccessLogEvent[],
  cached: ReadonlyMap<number, CachedEvent>,
): boolean {
  const before = state.stopAtTimestamp;
  if (before === undefined || before === null) return false;
  return events.some((e) => {
    const known = cached.get(e.id);
    return known !== undefined && known.timestamp <= before;
  });
}

export function advanceAccessPass(
  state: StreamState,
  page: AccessLogPage,
  reachedCached: boolean,
  now: number,
  runStartedAt: number,
): StreamState {
  // Positions, not distinct ids: a twin still takes a place in the listing.
  const offset = state.offset + page.events.length;
  const oldestOnPage = page.events.reduce<number | null>(
    (min, e) => (min === null || e.timestamp < min ? e.timestamp : min),
    null,
  );
  const reachedTotal = page.total !== null && offset >= page.total;
  const finished = page.events.length === 0 || reachedCached || reachedTotal;
  const base = {
    ...state,
    oldestSeen: oldestOnPage === null ? state.oldestSeen : Math.min(oldestOnPage, state.oldestSeen ?? oldestOnPage),
    pagesFetched: state.pagesFetched + 1,
    windowPages: (state.windowPages ?? 0) + 1,
    passTotal: state.passTotal ?? page.total,
  };
  if (!finished) return { ...base, offset };
  return {
    ...base,
    phase: 'idle',
    offset: 0,
    stopAtId: null,
    stopAtTimestamp: null,
    passTotal: null,
    watermark: state.windowEnd,
    // Finishing an interrupted older pass does not make the log current: the next pass does.
    lastSyncedAt: state.windowEnd >= runStartedAt ? now : state.lastSyncedAt,
    lastError: null,
  };
}

export async function pageAccessLog(params: {
  readonly state: StreamState;
  readonly source: DeribitPageSource;
  readonly store: SyncStore;
  readonly now: () => number;
  readonly signal: AbortSignal | undefined;
  /** Server time at which this run started, and the server time now (estimated). */
  readonly runStartedAt: number;
  readonly serverNow: () => number;
  readonly pageSize?: number;
  readonly onPage: (state: StreamState, newRows: number, total: number | null) => void;
}): Promise<StreamState> {
  const { store } = params;
  const pageSize = params.pageSize ?? ACCESS_PAGE_SIZE;
  let state = params.state;
  while (state.phase === 'backfill' && !params.signal?.aborted) {
    // A cancel ends the wait at once, even if the source keeps the request going: its page is dropped.
    const page = await untilAborted(params.source.fetchAccessLogPage({ offset: state.offset, count: pageSize }), params.signal);
    let inserted: number;
    let next: StreamState;
    try {
      const events = guardAccessPage(page, {
        state, runStartedAt: params.runStartedAt, serverNow: params.serverNow(), pageSize, detectedAt: params.now(),
      });
      const cached = await store.cachedAccessEvents(state.accountKey, events.map((e) => e.id));
      const conflicts = conflictsWith(events, cached);
      if (conflicts.length > 0) throw new PageConflictError(conflicts);
      next = advanceAccessPass(state, page, reachesCached(state, events, cached), params.now(), params.runStartedAt);
      inserted = await store.commitAccessPage(state.accountKey, events, next);
    } catch (error) {
      throw await recordRefusal(error, state, params.now(), (issues) => store.recordIssues(issues));
    }
    state = { ...next, rowsStored: next.rowsStored + inserted };
    params.onPage(state, inserted, page.total);
  }
  return state;
}

function conflictsWith(events: readonly AccessLogEvent[], cached: ReadonlyMap<number, CachedEvent>): ContentConflict[] {
  const out: ContentConflict[] = [];
  for (const e of events) {
    const known = cached.get(e.id);
    if (known !== undefined && known.raw !== e.raw) out.push({ id: e.id, cachedRaw: known.raw, sentRaw: e.raw });
  }
  return out;
}
