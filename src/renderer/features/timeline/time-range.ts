/**
 * The timeline's visible window and its maths: zoom about a point (wheel, + / − keys and buttons), pan by
 * a fraction of the width (drag, arrow keys), clamped to the data's extent so the user cannot lose the data
 * off-screen, and the mapping between time and pixels. Pure, so the interactions are unit-tested.
 */

export interface TimeRange {
  /** UTC ms, inclusive. */
  readonly from: number;
  /** UTC ms, exclusive. */
  readonly to: number;
}

/** The narrowest window: one minute (finer than any login source's clock is meaningful). */
export const MIN_SPAN_MS = 60_000;
/** Each + / − step or wheel notch scales the span by this factor. */
export const ZOOM_STEP = 1.5;

export const spanOf = (range: TimeRange): number => range.to - range.from;

/** The whole extent with a small margin, so the first and last items are not on the edge. */
export function fullRange(extent: TimeRange): TimeRange {
  const span = Math.max(spanOf(extent), MIN_SPAN_MS);
  const margin = span * 0.02;
  const middle = (extent.from + extent.to) / 2;
  return { from: Math.floor(middle - span / 2 - margin), to: Math.ceil(middle + span / 2 + margin) };
}

/** Keeps the span within [MIN_SPAN_MS, the full extent] and the window inside the full extent. */
export function clampRange(range: TimeRange, extent: TimeRange): TimeRange {
  const limit = fullRange(extent);
  const span = Math.min(Math.max(spanOf(range), MIN_SPAN_MS), spanOf(limit));
  let from = range.from;
  if (spanOf(range) !== span) from = (range.from + range.to) / 2 - span / 2;
  from = Math.min(Math.max(from, limit.from), limit.to - span);
  return { from: Math.round(from), to: Math.round(from) + Math.round(span) };
}

/**
 * Zoom by `factor` (> 1 zooms in) keeping the time under `anchor` (0 = left edge, 1 = right edge) where
 * it is on screen — the wheel zooms around the pointer, the keys and buttons around the middle.
 */
export function zoomRange(range: TimeRange, factor: number, extent: TimeRange, anchor = 0.5): TimeRange {
  const at = range.from + spanOf(range) * anchor;
  const span = spanOf(range) / factor;
  return clampRange({ from: at - span * anchor, to: at - span * anchor + span }, extent);
}

/** Pan by a fraction of the visible span (negative = towards the past). */
export function panRange(range: TimeRange, fraction: number, extent: TimeRange): TimeRange {
  const shift = spanOf(range) * fraction;
  return clampRange({ from: range.from + shift, to: range.to + shift }, extent);
}

/** Pan by a pointer drag of `pixels` over a plot `width` px wide (dragging right shows the past). */
export function dragRange(range: TimeRange, pixels: number, width: number, extent: TimeRange): TimeRange {
  return width > 0 ? panRange(range, -pixels / width, extent) : range;
}

export function timeToX(time: number, range: TimeRange, width: number): number {
  return ((time - range.from) / spanOf(range)) * width;
}

export function xToTime(x: number, range: TimeRange, width: number): number {
  return range.from + (x / width) * spanOf(range);
}

/** Smallest and largest of some sorted or unsorted timestamps lists; null when all are empty. */
export function extentOf(...lists: readonly (readonly number[])[]): TimeRange | null {
  let from = Infinity;
  let to = -Infinity;
  for (const list of lists) {
    for (const t of list) {
      if (t < from) from = t;
      if (t > to) to = t;
    }
  }
  return from <= to ? { from, to: to + 1 } : null;
}
