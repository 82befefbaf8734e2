/**
 * ETA from the rate limit and the remaining range: every transaction-log page costs one limiter slot,
 * so the remaining time is (pages left) × (slot interval). Pages left in a running stream are
 * extrapolated from the time range its pages have covered so far; streams not yet started are assumed
 * to be like the average started one.
 */
import type { StreamState } from './types';

export interface StreamRunStats {
  readonly state: StreamState;
  /** Pages fetched for this stream during this run. */
  readonly pagesThisRun: number;
  readonly started: boolean;
  readonly finished: boolean;
}

export function remainingPages(stats: StreamRunStats): number | null {
  if (stats.finished || (stats.started && stats.state.phase === 'idle')) return 0;
  const { state } = stats;
  if (!stats.started || stats.pagesThisRun === 0 || state.oldestSeen === null) return null;
  const covered = state.windowEnd - state.oldestSeen;
  const left = state.oldestSeen - state.windowStart;
  if (left <= 0) return 1;
  if (covered <= 0) return null;
  return Math.max(1, Math.ceil((stats.pagesThisRun * left) / covered));
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
