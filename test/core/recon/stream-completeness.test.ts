import { describe, expect, it } from 'vitest';
import {
  FULLY_DOWNLOADED,
  inMissingRange,
  mergeRanges,
  streamCompleteness,
  syncHorizon,
  type StreamCursor,
} from '../../../src/core/recon/stream-completeness';
import type { DownloadState } from '../../../src/core/recon/types';

const CREATED = 1_000;
const H = 11_000; // the account's newest sync (run start)

const idle = (watermark: number | null, over: Partial<StreamCursor> = {}): StreamCursor => ({
  phase: 'idle', watermark, windowStart: CREATED, windowEnd: watermark ?? 0, oldestSeen: null, creationTimestamp: CREATED, ...over,
});
const backfill = (windowStart: number, windowEnd: number, oldestSeen: number | null, watermark: number | null, over: Partial<StreamCursor> = {}): StreamCursor => ({
  phase: 'backfill', watermark, windowStart, windowEnd, oldestSeen, creationTimestamp: CREATED, ...over,
});

describe('streamCompleteness', () => {
  const cases: [string, StreamCursor | null, number | null, number | null, DownloadState][] = [
    ['no cursor: nothing downloaded, from creation (given) to the horizon', null, H, CREATED, { complete: false, missing: [{ from: CREATED, to: H }], percentDone: 0 }],
    ['no cursor and no start known: everything before the horizon', null, H, null, { complete: false, missing: [{ from: 0, to: H }], percentDone: 0 }],
    ['idle, never completed (fresh cursor)', idle(null), H, null, { complete: false, missing: [{ from: CREATED, to: H }], percentDone: 0 }],
    ['idle, complete up to the horizon', idle(H), H, null, FULLY_DOWNLOADED],
    ['idle, complete beyond the horizon', idle(H + 5), H, null, FULLY_DOWNLOADED],
    ['idle, no horizon known: complete up to its watermark', idle(5_000), null, null, FULLY_DOWNLOADED],
    // The newest sync reached other streams but not this one: its newest part is missing.
    ['idle, behind the horizon', idle(9_000), H, null, { complete: false, missing: [{ from: 9_000, to: H }], percentDone: 80 }],
    ['idle, a millisecond behind: never 100 %', idle(H - 1), H, null, { complete: false, missing: [{ from: H - 1, to: H }], percentDone: 99 }],
    // First backfill, walked newest-first down to oldestSeen: [creation, oldestSeen] is missing.
    ['first backfill, 30 % walked', backfill(CREATED, H, 8_000, null), H, null, { complete: false, missing: [{ from: CREATED, to: 8_000 }], percentDone: 30 }],
    ['first backfill, no page yet', backfill(CREATED, H, null, null), H, null, { complete: false, missing: [{ from: CREATED, to: H }], percentDone: 0 }],
    ['first backfill without creation: the window start bounds it', backfill(2_000, H, 6_500, null, { creationTimestamp: null }), H, null, { complete: false, missing: [{ from: 2_000, to: 6_500 }], percentDone: 50 }],
    ['first backfill, almost done: at most 99 %', backfill(CREATED, H, CREATED + 1, null), H, null, { complete: false, missing: [{ from: CREATED, to: CREATED + 1 }], percentDone: 99 }],
    // A later window [watermark - overlap, run start]: the hole is in the middle of the history.
    ['later window, part walked: the middle is missing', backfill(8_900, H, 10_000, 9_000), H, null, { complete: false, missing: [{ from: 8_900, to: 10_000 }], percentDone: 89 }],
    ['later window, no page yet', backfill(8_900, H, null, 9_000), H, null, { complete: false, missing: [{ from: 8_900, to: H }], percentDone: 79 }],
    // An interrupted older window resumed in a newer run: missing inside it and after it.
    ['older window still being walked, behind the horizon', backfill(CREATED, 6_000, 4_000, null), H, null, {
      complete: false, missing: [{ from: CREATED, to: 4_000 }, { from: 6_000, to: H }], percentDone: 20,
    }],
    ['a backfill never counts as complete, even walked past its start', backfill(8_900, H, 8_000, 9_000), H, null, { complete: false, missing: [{ from: 8_900, to: 8_900 }], percentDone: 99 }],
  ];
  it.each(cases)('%s', (_name, cursor, horizon, start, expected) => {
    expect(streamCompleteness(cursor, horizon, start)).toEqual(expected);
  });

  it('the percentage never exceeds 99 while anything is missing, and is 100 only when complete', () => {
    for (let oldest = CREATED; oldest <= H; oldest += 37) {
      const d = streamCompleteness(backfill(CREATED, H, oldest, null), H);
      expect(d.complete).toBe(false);
      expect(d.percentDone).toBeLessThanOrEqual(99);
      expect(d.percentDone).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('syncHorizon', () => {
  it('is the newest window end or watermark of the streams, null when none started', () => {
    expect(syncHorizon([])).toBeNull();
    expect(syncHorizon([idle(null)])).toBeNull();
    expect(syncHorizon([idle(9_000), idle(null), backfill(CREATED, H, 5_000, null)])).toBe(H);
    expect(syncHorizon([idle(12_000), backfill(CREATED, H, 5_000, null)])).toBe(12_000);
  });
});

describe('ranges', () => {
  it('merges overlapping and touching ranges, oldest first', () => {
    expect(mergeRanges([{ from: 5, to: 9 }, { from: 1, to: 3 }, { from: 3, to: 4 }, { from: 8, to: 12 }])).toEqual([{ from: 1, to: 4 }, { from: 5, to: 12 }]);
  });

  it('a time is in a missing range with both ends inclusive and the tolerance around it', () => {
    const d: DownloadState = { complete: false, missing: [{ from: 100, to: 200 }], percentDone: 50 };
    const table: [number, number, boolean][] = [[99, 0, false], [100, 0, true], [200, 0, true], [201, 0, false], [90, 10, true], [211, 10, false]];
    for (const [t, tolerance, expected] of table) expect(inMissingRange(d, t, tolerance), `${t} ±${tolerance}`).toBe(expected);
    expect(inMissingRange(FULLY_DOWNLOADED, 150)).toBe(false);
    expect(inMissingRange(undefined, 150)).toBe(false);
  });
});
