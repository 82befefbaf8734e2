/**
 * When did a request reach Deribit, on the local scheduling clock? Every answer carries `usIn`, the
 * server's receive time (µs since the epoch). For a request sent at local `sentAt`,
 *   offset = usIn / 1000 − sentAt
 * is the (unknown, nearly constant) difference between the two clocks plus that request's way in. The
 * smallest offset of recent requests is the fastest way in seen, so `usIn / 1000 − minOffset` places an
 * arrival on the local clock; a request that took longer on the way in than the fastest one shows up that
 * much later, which is exactly what the next request's spacing must add.
 *
 * Until a few samples exist the fastest way in is not known yet: the next request could be much faster.
 * Then the hard bound serves instead: the way in is never longer than the round trip, so the clocks differ
 * by at least max(usIn / 1000 − answeredAt) — spacing from it cannot be early, only a round trip late.
 *
 * The estimate is clamped to [sent, answered]: a request cannot arrive before it left nor after its answer
 * came back. That bound also makes a server clock step harmless: a step back resets the window (offsets
 * fall far below the minimum), a step forward can at worst push arrivals to the answer time until the
 * window (the last WINDOW offsets) has rolled over.
 */

/** Offsets kept: enough to see the fastest way in, few enough to follow clock drift (ppm) and route changes. */
const WINDOW = 32;
/** An offset this far below the minimum is a server clock step back, not a faster network. */
const STEP_BACK_MS = 1000;
/** Below this many samples the hard bound (a round trip) stands in for the unknown spread. */
const FEW_SAMPLES = 16;

interface Sample {
  /** usIn / 1000 − sentAt: clock difference + this request's way in. */
  readonly offset: number;
  /** usIn / 1000 − answeredAt: clock difference − this request's way out (a lower bound of the difference). */
  readonly low: number;
}

export class ArrivalEstimate {
  private readonly window: Sample[] = [];
  private offsets: number[] = [];
  private minOffset = Number.POSITIVE_INFINITY;
  private maxLow = Number.NEGATIVE_INFINITY;

  /** One answered request (any method: they share the way in). */
  record(sentAt: number, usIn: number, answeredAt: number): void {
    const offset = usIn / 1000 - sentAt;
    if (offset < this.minOffset - STEP_BACK_MS) this.window.length = 0;
    this.window.push({ offset, low: usIn / 1000 - Math.max(sentAt, answeredAt) });
    if (this.window.length > WINDOW) this.window.shift();
    this.offsets = this.window.map((s) => s.offset);
    this.minOffset = Math.min(...this.offsets);
    this.maxLow = Math.max(...this.window.map((s) => s.low));
  }

  get samples(): number {
    return this.offsets.length;
  }

  /** Local time the request reached the exchange (falls back to its send time before any sample). */
  arrivalOf(sentAt: number, answeredAt: number, usIn: number): number {
    if (this.offsets.length === 0) return sentAt;
    return Math.min(Math.max(usIn / 1000 - this.minOffset, sentAt), Math.max(sentAt, answeredAt));
  }

  /**
   * How much faster than the fastest seen a next request may still be. With fewer than FEW_SAMPLES: the
   * whole distance to the hard bound (safe whatever the spread). Then about four times the expected
   * distance between the smallest of n draws and the true minimum, scale / (n + 1), the scale being the
   * larger of the spread (median − minimum, which one slow outlier does not move) and the distance to the
   * hard bound (a busy event loop inflates every sample, so the minimum of a few is far from the floor);
   * never more than that distance. Shrinks as samples accumulate: a few ms at 32 samples and 20-50 ms
   * round trips, ~25 ms at 200 ms round trips.
   */
  uncertaintyMs(): number {
    const n = this.offsets.length;
    if (n === 0) return 0;
    const hard = Math.max(0, this.minOffset - this.maxLow);
    if (n < FEW_SAMPLES) return hard;
    const sorted = [...this.offsets].sort((a, b) => a - b);
    const median = sorted[Math.floor(n / 2)] ?? this.minOffset;
    return Math.min(hard, Math.max(4 * (median - this.minOffset), 2 * hard) / (n + 1));
  }
}
