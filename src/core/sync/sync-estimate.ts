/**
 * ETA from the rate limit and the remaining range: every transaction-log page costs one limiter slot,
 * so the remaining time is (pages left) × (slot interval). Pages left in a window are extrapolated from
 * the time range its pages have covered so far (a resumed window counts its pages from earlier runs);
 * a stream that must still open a window after the current one adds a page; streams not yet started are
 * assumed to be like the average started one.
 */
import type { StreamState } from './types';

export interface StreamRunStats {
  readonly state: StreamState;
  /** Pages fetched for this stream during this run. */
  readonly pagesThisRun: number;
  readonly started: boolean;
  /** The stream is complete up to this run's start: nothing left for it. */
  readonly finished: boolean;
  /** A window still to open after the current one (a resumed stream catches up to this run's start). */
  readonly followUp: boolean;
}

/** Pages left in the window or pass in progress; null when nothing tells yet. */
function pagesLeftInWindow(state: StreamState): number | null {
  const pages = state.windowPages ?? 0;
  if (state.kind === 'access') {
    const total = state.passTotal ?? null;
    if (state.stopAtTimestamp !== undefined && state.stopAtTimestamp !== null) return 1; // incremental: it meets the cached events soon
    if (total === null || pages === 0 || state.offset === 0) return null;
    return Math.max(1, Math.ceil(((total - state.offset) * pages) / state.offset));
  }
  if (pages === 0 || state.oldestSeen === null) return null;
  const covered = state.windowEnd - state.oldestSeen;
  const left = state.oldestSeen - state.windowStart;
  if (left <= 0) return 1;
  if (covered <= 0) return null;
  return Math.max(1, Math.ceil((pages * left) / covered));
}

export function remainingPages(stats: StreamRunStats): number | null {
  if (stats.finished) return 0;
  if (!stats.started) return null;
  const followUp = stats.followUp ? 1 : 0;
  if (stats.state.phase === 'idle') return followUp;
  const left = pagesLeftInWindow(stats.state);
  return left === null ? null : left + followUp;
}

export function estimateRun(
  streams: readonly StreamRunStats[],
  intervalMs: number,
): { etaMs: number | null; fraction: number | null } {
  const known = streams.map(remainingPages);
  const startedTotals = streams
    .map((s, i) => (known[i] === null || !s.started ? null : s.pagesThisRun + (known[i] ?? 0)))
    .filter((v): v is number => v !== null && v > 0);
  if (startedTotals.length === 0 && known.every((k) => k === null)) return { etaMs: null, fraction: null };
  const typical = startedTotals.length === 0 ? 1 : startedTotals.reduce((a, b) => a + b, 0) / startedTotals.length;
  const left = known.reduce<number>((sum, k) => sum + (k ?? Math.ceil(typical)), 0);
  const done = streams.reduce((sum, s) => sum + s.pagesThisRun, 0);
  return { etaMs: left * intervalMs, fraction: done + left === 0 ? 1 : done / (done + left) };
}
