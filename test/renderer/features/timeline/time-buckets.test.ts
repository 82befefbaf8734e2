import { describe, expect, it } from 'vitest';
import { barHeight, bucketBounds, bucketCount, bucketOf, bucketize, sortedSlice } from '../../../../src/renderer/features/timeline/time-buckets';
import { timeTicks } from '../../../../src/renderer/features/timeline/time-ticks';

const range = { from: 0, to: 1000 };

describe('bucketing per pixel column', () => {
  it('bucket count follows the width, at least one', () => {
    expect(bucketCount(800, 4)).toBe(200);
    expect(bucketCount(2, 4)).toBe(1);
  });

  it('times map to buckets; outside the window is -1; the last instant stays in the last bucket', () => {
    expect(bucketOf(0, range, 10)).toBe(0);
    expect(bucketOf(99, range, 10)).toBe(0);
    expect(bucketOf(100, range, 10)).toBe(1);
    expect(bucketOf(999, range, 10)).toBe(9);
    expect(bucketOf(1000, range, 10)).toBe(-1);
    expect(bucketOf(-1, range, 10)).toBe(-1);
    expect(bucketBounds(3, range, 10)).toEqual({ from: 300, to: 400 });
  });

  it('100,000 items become at most one bucket per column, counts per category adding up', () => {
    const n = 100_000;
    const times = Float64Array.from({ length: n }, (_v, i) => (i * 7919) % 1000);
    const cats = (i: number): string => (i % 10 === 0 ? 'failure' : 'success');
    const buckets = bucketize(n, (i) => times[i] ?? 0, cats, range, 250);
    expect(buckets.length).toBe(250);
    expect(buckets.map((b) => b.column)).toEqual([...buckets.map((b) => b.column)].sort((a, b) => a - b));
    expect(buckets.reduce((s, b) => s + b.total, 0)).toBe(n);
    expect(buckets.reduce((s, b) => s + (b.counts.get('failure') ?? 0), 0)).toBe(n / 10);
    for (const b of buckets) expect([...b.counts.values()].reduce((s, c) => s + c, 0)).toBe(b.total);
  });

  it('only non-empty buckets, items outside the window ignored', () => {
    const times = [5, 6, 500, 2000, -3];
    const buckets = bucketize(times.length, (i) => times[i] ?? 0, () => 'x', range, 100);
    expect(buckets.map((b) => [b.column, b.total])).toEqual([
      [0, 2],
      [50, 1],
    ]);
  });

  it('sortedSlice finds the window in a sorted list by binary search (from inclusive, to exclusive)', () => {
    const times = [1, 3, 3, 5, 8, 13];
    const at = (i: number): number => times[i] ?? 0;
    expect(sortedSlice(at, times.length, { from: 3, to: 8 })).toEqual({ start: 1, end: 4 });
    expect(sortedSlice(at, times.length, { from: 14, to: 20 })).toEqual({ start: 6, end: 6 });
    expect(sortedSlice(at, 0, { from: 0, to: 1 })).toEqual({ start: 0, end: 0 });
  });

  it('bar heights are logarithmic: one event visible, the busiest full height, monotonic', () => {
    expect(barHeight(0, 1000, 30)).toBe(0);
    expect(barHeight(1, 1000, 30)).toBeGreaterThanOrEqual(4);
    expect(barHeight(1000, 1000, 30)).toBe(30);
    expect(barHeight(10, 1000, 30)).toBeLessThan(barHeight(100, 1000, 30));
  });
});

describe('UTC axis ticks', () => {
  it('a year gets month ticks on the first of the month', () => {
    const ticks = timeTicks({ from: Date.UTC(2025, 0, 1), to: Date.UTC(2026, 0, 1) }, 8);
    expect(ticks.map((t) => t.label)).toEqual(['2025-01', '2025-04', '2025-07', '2025-10']);
  });

  it('a day gets hour ticks; midnight is labelled with the date', () => {
    const ticks = timeTicks({ from: Date.UTC(2025, 2, 1, 20), to: Date.UTC(2025, 2, 2, 8) }, 8);
    expect(ticks[0]?.time).toBe(Date.UTC(2025, 2, 1, 21));
    expect(ticks.map((t) => t.label)).toContain('2025-03-02');
    for (const t of ticks) expect(t.time % (3 * 3_600_000)).toBe(0);
  });

  it('weekly ticks fall on Mondays', () => {
    const ticks = timeTicks({ from: Date.UTC(2025, 0, 1), to: Date.UTC(2025, 1, 10) }, 8);
    expect(ticks.length).toBeGreaterThan(4);
    for (const t of ticks) expect(new Date(t.time).getUTCDay()).toBe(1);
  });
});
