import { describe, expect, it } from 'vitest';
import {
  MIN_SPAN_MS,
  ZOOM_STEP,
  clampRange,
  dragRange,
  fullRange,
  panRange,
  spanOf,
  timeToX,
  xToTime,
  zoomRange,
  type TimeRange,
} from '../../../../src/renderer/features/timeline/time-range';

const DAY = 86_400_000;
const extent: TimeRange = { from: Date.UTC(2025, 0, 1), to: Date.UTC(2025, 11, 31) };

describe('timeline window maths', () => {
  it('the full range covers the extent with a margin on both sides', () => {
    const full = fullRange(extent);
    expect(full.from).toBeLessThan(extent.from);
    expect(full.to).toBeGreaterThan(extent.to);
    expect(spanOf(full)).toBeLessThan(spanOf(extent) * 1.1);
  });

  it('zooming in keeps the middle where it is and divides the span by the factor', () => {
    const start = { from: extent.from, to: extent.from + 100 * DAY };
    const zoomed = zoomRange(start, 2, extent);
    expect(spanOf(zoomed)).toBe(50 * DAY);
    expect((zoomed.from + zoomed.to) / 2).toBe((start.from + start.to) / 2);
  });

  it('zooming about an anchor keeps the time under the pointer under the pointer', () => {
    const start = { from: extent.from + 10 * DAY, to: extent.from + 110 * DAY };
    const anchor = 0.8;
    const before = xToTime(anchor * 1000, start, 1000);
    const zoomed = zoomRange(start, ZOOM_STEP, extent, anchor);
    expect(Math.abs(xToTime(anchor * 1000, zoomed, 1000) - before)).toBeLessThanOrEqual(1);
  });

  it('zoom in then out returns to the same window (away from the edges)', () => {
    const start = { from: extent.from + 100 * DAY, to: extent.from + 130 * DAY };
    const back = zoomRange(zoomRange(start, ZOOM_STEP, extent), 1 / ZOOM_STEP, extent);
    expect(Math.abs(back.from - start.from)).toBeLessThanOrEqual(2);
    expect(Math.abs(back.to - start.to)).toBeLessThanOrEqual(2);
  });

  it('never zooms below one minute nor out beyond the full range', () => {
    let range: TimeRange = { from: extent.from, to: extent.from + DAY };
    for (let i = 0; i < 60; i++) range = zoomRange(range, ZOOM_STEP, extent);
    expect(spanOf(range)).toBe(MIN_SPAN_MS);
    for (let i = 0; i < 80; i++) range = zoomRange(range, 1 / ZOOM_STEP, extent);
    expect(range).toEqual(fullRange(extent));
  });

  it('panning moves by a fraction of the span and stops at the edges of the data', () => {
    const start = { from: extent.from + 100 * DAY, to: extent.from + 110 * DAY };
    expect(panRange(start, 0.5, extent)).toEqual({ from: start.from + 5 * DAY, to: start.to + 5 * DAY });
    expect(panRange(start, -0.1, extent)).toEqual({ from: start.from - DAY, to: start.to - DAY });
    let range = start;
    for (let i = 0; i < 200; i++) range = panRange(range, -0.5, extent);
    expect(range.from).toBe(fullRange(extent).from);
    expect(spanOf(range)).toBe(10 * DAY);
    for (let i = 0; i < 200; i++) range = panRange(range, 0.5, extent);
    expect(range.to).toBe(fullRange(extent).to);
  });

  it('dragging right by a quarter of the width shows a quarter span earlier', () => {
    const start = { from: extent.from + 100 * DAY, to: extent.from + 140 * DAY };
    expect(dragRange(start, 250, 1000, extent)).toEqual({ from: start.from - 10 * DAY, to: start.to - 10 * DAY });
    expect(dragRange(start, 250, 0, extent)).toBe(start);
  });

  it('clamping an oversize or out-of-bounds window fits it into the data', () => {
    const full = fullRange(extent);
    expect(clampRange({ from: extent.from - 1000 * DAY, to: extent.to + 1000 * DAY }, extent)).toEqual(full);
    const late = clampRange({ from: extent.to + 10 * DAY, to: extent.to + 12 * DAY }, extent);
    expect(late.to).toBe(full.to);
    expect(spanOf(late)).toBe(2 * DAY);
  });

  it('time and pixel mapping are inverse', () => {
    const range = { from: 1_000, to: 11_000 };
    expect(timeToX(6_000, range, 500)).toBe(250);
    expect(xToTime(250, range, 500)).toBe(6_000);
  });
});
