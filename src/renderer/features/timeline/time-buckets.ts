/**
 * Aggregation for the timeline: however many items fall in the visible window (100,000 login events is
 * normal), the chart draws at most one mark per bucket of a few pixels per lane, with the count of each
 * category in it — the DOM stays small at every zoom level.
 */
import { spanOf, type TimeRange } from './time-range';

/** Width of one bucket in pixels: narrow enough to read bursts, wide enough to hover. */
export const BUCKET_PX = 4;

export interface TimeBucket {
  /** Bucket index from the left edge. */
  readonly column: number;
  readonly from: number;
  readonly to: number;
  readonly total: number;
  /** Items per category (e.g. withdrawal/transfer/loss, or success/failure/security). */
  readonly counts: ReadonlyMap<string, number>;
}

export function bucketCount(width: number, bucketPx = BUCKET_PX): number {
  return Math.max(1, Math.floor(width / bucketPx));
}

/** Which bucket a time falls in, or -1 outside [from, to). */
export function bucketOf(time: number, range: TimeRange, columns: number): number {
  if (time < range.from || time >= range.to) return -1;
  return Math.min(columns - 1, Math.floor(((time - range.from) / spanOf(range)) * columns));
}

export function bucketBounds(column: number, range: TimeRange, columns: number): TimeRange {
  const width = spanOf(range) / columns;
  return { from: Math.round(range.from + column * width), to: Math.round(range.from + (column + 1) * width) };
}

/**
 * Non-empty buckets, left to right. Items are read by index (`timeAt`, `categoryAt`) so callers can pass
 * typed arrays or index keys without building an object per item.
 */
export function bucketize(
  size: number,
  timeAt: (index: number) => number,
  categoryAt: (index: number) => string,
  range: TimeRange,
  columns: number,
): TimeBucket[] {
  const perColumn = new Map<number, Map<string, number>>();
  for (let i = 0; i < size; i++) {
    const column = bucketOf(timeAt(i), range, columns);
    if (column < 0) continue;
    let counts = perColumn.get(column);
    if (counts === undefined) {
      counts = new Map();
      perColumn.set(column, counts);
    }
    const category = categoryAt(i);
    counts.set(category, (counts.get(category) ?? 0) + 1);
  }
  return [...perColumn.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([column, counts]) => {
      let total = 0;
      for (const n of counts.values()) total += n;
      return { column, ...bucketBounds(column, range, columns), total, counts };
    });
}

/** Indices [start, end) of the items of a time-sorted list inside the range (binary search, no scan). */
export function sortedSlice(sortedTimes: (index: number) => number, size: number, range: TimeRange): { start: number; end: number } {
  const lowerBound = (t: number): number => {
    let lo = 0;
    let hi = size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sortedTimes(mid) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return { start: lowerBound(range.from), end: lowerBound(range.to) };
}

/** Bar height for a bucket: logarithmic, so one event is visible next to a burst of thousands. */
export function barHeight(total: number, busiest: number, laneHeight: number): number {
  if (total <= 0 || busiest <= 0) return 0;
  const minimum = Math.min(4, laneHeight);
  return minimum + (laneHeight - minimum) * (Math.log1p(total) / Math.log1p(Math.max(busiest, total)));
}
