/**
 * Whether a stream's history is fully downloaded, read from its sync cursor alone: which time ranges
 * may still lack rows and how far the sync got. Reconciliation uses it to keep findings that the
 * missing part would cause (a break at its edge, user_seq holes, a transfer whose other side is not
 * downloaded) out of the results, and to say "not fully downloaded" instead.
 *
 * The cursor (core/sync/types StreamState): 'idle' with a watermark = everything up to it is cached;
 * 'idle' without = never downloaded; 'backfill' = a window [windowStart, windowEnd] walked newest-first,
 * cached from `oldestSeen` up, so [windowStart, oldestSeen] is missing (rows older than a previous
 * watermark are cached: on a later window the hole is in the middle of the history).
 * A stream is also behind when the account's newest sync reached other streams but not this one
 * (its watermark or window ends before the account's horizon): rows after it are missing.
 */
import type { StreamState } from '../sync/types';
import type { DownloadState, TimeRange } from './types';

export type StreamCursor = Pick<StreamState, 'phase' | 'watermark' | 'windowStart' | 'windowEnd' | 'oldestSeen' | 'creationTimestamp'>;

export const FULLY_DOWNLOADED: DownloadState = { complete: true, missing: [], percentDone: 100 };

/**
 * The newest moment the account's transaction streams were synced to: the end of the newest window
 * walked or closed. Null when no stream has started.
 */
export function syncHorizon(cursors: readonly StreamCursor[]): number | null {
  let horizon: number | null = null;
  for (const c of cursors) {
    const reached = c.phase === 'backfill' ? c.windowEnd : c.watermark;
    if (reached !== null && (horizon === null || reached > horizon)) horizon = reached;
  }
  return horizon;
}

/**
 * @param cursor the stream's stored state; null when the stream is known to exist but has none yet
 * @param horizon the account's newest sync moment (syncHorizon); null when unknown
 * @param historyStart when the stream's history starts if the cursor does not say (e.g. its first row)
 */
export function streamCompleteness(cursor: StreamCursor | null, horizon: number | null, historyStart: number | null = null): DownloadState {
  const start = cursor?.creationTimestamp ?? historyStart;
  const missing: TimeRange[] = [];
  let reached: number;
  if (cursor === null || (cursor.phase === 'idle' && cursor.watermark === null)) {
    // Never downloaded: everything is missing.
    const end = horizon ?? cursor?.windowEnd ?? start ?? 0;
    return { complete: false, missing: [{ from: Math.min(start ?? 0, end), to: end }], percentDone: 0 };
  }
  let neededFrom = start;
  if (cursor.phase === 'backfill') {
    // Rows at oldestSeen itself may continue on the next page: the bound is missing too.
    const walkedDownTo = cursor.oldestSeen ?? cursor.windowEnd;
    missing.push({ from: cursor.windowStart, to: Math.max(cursor.windowStart, walkedDownTo) });
    if (cursor.watermark === null) neededFrom ??= cursor.windowStart;
    reached = cursor.windowEnd;
  } else {
    reached = cursor.watermark as number;
  }
  if (horizon !== null && reached < horizon) missing.push({ from: reached, to: horizon });
  if (missing.length === 0) return FULLY_DOWNLOADED;
  const merged = mergeRanges(missing);
  const end = Math.max(horizon ?? reached, reached);
  const from = Math.min(neededFrom ?? merged[0]?.from ?? end, merged[0]?.from ?? end);
  return { complete: false, missing: merged, percentDone: percentOf(end - from, merged) };
}

/** Covered / needed, floored, never 100 while anything is missing. */
function percentOf(needed: number, missing: readonly TimeRange[]): number {
  if (needed <= 0) return 0;
  const gone = missing.reduce((sum, r) => sum + (r.to - r.from), 0);
  const percent = Math.floor((100 * (needed - gone)) / needed);
  return Math.min(99, Math.max(0, percent));
}

export function mergeRanges(ranges: readonly TimeRange[]): TimeRange[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from || a.to - b.to);
  const out: TimeRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && r.from <= last.to) out[out.length - 1] = { from: last.from, to: Math.max(last.to, r.to) };
    else out.push(r);
  }
  return out;
}

/** True when `t` (± tolerance) falls in one of the missing ranges: a row there may not be downloaded. */
export function inMissingRange(download: DownloadState | undefined, t: number, toleranceMs = 0): boolean {
  if (download === undefined || download.complete) return false;
  return download.missing.some((r) => t + toleranceMs >= r.from && t - toleranceMs <= r.to);
}
