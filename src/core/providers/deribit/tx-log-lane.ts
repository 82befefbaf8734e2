/**
 * The transaction-log lane: Deribit allows 1 request/s per account, counted where requests ARRIVE. Sends
 * spaced by the interval are not enough: a request that spent 40 ms more on the way in than the next one
 * arrives 40 ms closer to it. So the lane spaces each request from the previous one's ARRIVAL, read from
 * the answer's `usIn` (see arrival-estimate.ts), plus a margin:
 *   next send ≥ arrival(previous) + interval + margin + uncertainty.
 * - FIFO: each caller waits for the previous one to be granted (or to give up), then for its ANSWER: only
 *   the answer says when it arrived, and a request sent while the previous one is still on its way may
 *   overtake it (a retransmitted packet, a stalled proxy). This costs nothing on the usual path — a sync
 *   pages one stream at a time and needs each answer before asking for the next page — and only delays a
 *   second concurrent caller while an answer is slower than the interval. Not beyond ANSWER_WAIT_MS (the
 *   client's default request timeout): a request unanswered by then is assumed to have arrived by then.
 * - An answer without usIn (a network failure, a proxy's error page) does not say when the request
 *   arrived, only that it was before the answer: the answer time is the anchor.
 * - The margin adapts to what the server saw: every pair of consecutive arrivals gives a server-side gap.
 *   A gap below the interval widens the margin by twice the shortfall (plus a step); a 10028 doubles it
 *   and adds 5 % of the interval; gaps comfortably above (≥ interval + margin) narrow it by 0.1 % of the
 *   interval each (1 ms at 1 s), never below its minimum.
 * - Cold start: a new lane's first slot opens one interval (+ margin) after the lane was created. It cannot
 *   know what an earlier process (or an earlier limiter) sent last; that request left before this lane
 *   existed, so waiting one interval from creation keeps the gap without persisting anything — and without
 *   trusting a stored wall-clock time, which is what a process restart would have to compare against.
 */
import { abortReason, untilAborted } from './abort-wait';
import type { ArrivalEstimate } from './arrival-estimate';
import type { Clock } from './clock';

export interface TxLogMargin {
  /** Margin at start (ms). */
  readonly initialMs: number;
  /** Never narrower than this. */
  readonly minMs: number;
  /** Never wider than this. */
  readonly maxMs: number;
}

/** What came back for a granted slot; `usIn` is the answer's server receive time (µs), null without one. */
export interface SlotOutcome {
  readonly usIn: number | null;
  readonly rateLimited: boolean;
}

/** A granted slot: send right away, then settle it once the request is over (idempotent). */
export interface PacingSlot {
  readonly sentAt: number;
  settle(outcome: SlotOutcome): void;
}

/** How long a caller waits for the previous request's answer (the client's default request timeout). */
export const ANSWER_WAIT_MS = 30_000;

export interface TxLogStats {
  readonly marginMs: number;
  /** Smallest gap between consecutive arrivals the server stamped (ms); null before two arrivals. */
  readonly minServerGapMs: number | null;
  readonly serverGaps: number;
  /** Server-side gaps below the interval. */
  readonly shortGaps: number;
  readonly rateLimited: number;
}

interface Sent {
  readonly sentAt: number;
  answeredAt: number | null;
  /** When the next caller stopped waiting for an answer that never came: assumed arrived by then. */
  gaveUpAt: number | null;
  usIn: number | null;
  readonly answered: Promise<void>;
  readonly markAnswered: () => void;
}

interface Arrival {
  readonly usIn: number;
  readonly sentAt: number;
  readonly answeredAt: number;
}

export class TxLogLane {
  private readonly intervalMs: number;
  private readonly margins: TxLogMargin;
  private readonly clock: Clock;
  private readonly arrivals: ArrivalEstimate;
  private marginMs: number;
  private tail: Promise<void> = Promise.resolve();
  private last: Sent | null = null;
  private latestArrival: Arrival | null = null;
  private readonly coldUntil: number;
  private pausedUntil = Number.NEGATIVE_INFINITY;
  private stats: { minServerGapMs: number | null; serverGaps: number; shortGaps: number; rateLimited: number } = {
    minServerGapMs: null, serverGaps: 0, shortGaps: 0, rateLimited: 0,
  };

  constructor(intervalMs: number, margins: TxLogMargin, clock: Clock, arrivals: ArrivalEstimate) {
    this.intervalMs = intervalMs;
    this.margins = margins;
    this.clock = clock;
    this.arrivals = arrivals;
    this.marginMs = Math.min(margins.maxMs, Math.max(margins.minMs, margins.initialMs));
    this.coldUntil = intervalMs > 0 ? clock.now() + intervalMs + this.marginMs : Number.NEGATIVE_INFINITY;
  }

  /** Interval + the current margin: the floor of a rate-limit backoff. */
  spacingMs(): number {
    return this.intervalMs + this.marginMs;
  }

  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  snapshot(): TxLogStats {
    return { marginMs: this.marginMs, ...this.stats };
  }

  async acquire(signal?: AbortSignal): Promise<PacingSlot> {
    const previous = this.tail;
    let finish!: () => void;
    const mine = new Promise<void>((resolve) => (finish = resolve));
    this.tail = Promise.all([previous, mine]).then(() => undefined);
    try {
      await untilAborted(previous, signal);
      await this.answerOfLast(signal);
      if (this.last && this.last.answeredAt === null) this.last.gaveUpAt ??= this.clock.now();
      for (;;) {
        const wait = this.notBefore() - this.clock.now();
        if (wait <= 0) break;
        await this.clock.sleep(wait, signal);
      }
      const sent = newSent(this.clock.now());
      this.last = sent;
      return { sentAt: sent.sentAt, settle: (outcome) => this.settle(sent, outcome) };
    } finally {
      finish();
    }
  }

  private notBefore(): number {
    let at = Math.max(this.coldUntil, this.pausedUntil);
    const last = this.last;
    if (last && this.intervalMs > 0) at = Math.max(at, this.arrivalOf(last) + this.intervalMs + this.marginMs);
    return at;
  }

  /** When the request reached the exchange, as well as it is known (plus the estimate's uncertainty). */
  private arrivalOf(sent: Sent): number {
    if (sent.answeredAt === null) return sent.gaveUpAt ?? this.clock.now();
    if (sent.usIn === null) return sent.answeredAt;
    return this.arrivals.arrivalOf(sent.sentAt, sent.answeredAt, sent.usIn) + this.arrivals.uncertaintyMs();
  }

  /** Waits for the previous request's answer, at most ANSWER_WAIT_MS after it was sent. */
  private async answerOfLast(signal?: AbortSignal): Promise<void> {
    const last = this.last;
    if (!last || last.answeredAt !== null || this.intervalMs <= 0) return;
    const deadline = last.sentAt + ANSWER_WAIT_MS;
    const stop = new AbortController();
    const onAbort = (): void => stop.abort(abortReason(signal as AbortSignal));
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const timeout = this.clock.sleep(deadline - this.clock.now(), stop.signal).catch(() => undefined);
      await untilAborted(Promise.race([last.answered, timeout]), signal);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      stop.abort();
    }
  }

  private settle(sent: Sent, outcome: SlotOutcome): void {
    if (sent.answeredAt !== null) return;
    const answeredAt = this.clock.now();
    sent.answeredAt = answeredAt;
    if (outcome.usIn !== null) {
      sent.usIn = outcome.usIn;
      this.arrivals.record(sent.sentAt, outcome.usIn, answeredAt);
      this.learnGap({ usIn: outcome.usIn, sentAt: sent.sentAt, answeredAt });
    }
    if (outcome.rateLimited) {
      this.stats.rateLimited++;
      this.setMargin(2 * this.marginMs + 0.05 * this.intervalMs);
    }
    sent.markAnswered();
  }

  /** The gap the server saw between this arrival and the latest one before it; adapts the margin. */
  private learnGap(arrival: Arrival): void {
    const before = this.latestArrival;
    if (!before || arrival.usIn > before.usIn) this.latestArrival = arrival;
    if (!before) return;
    const [early, late] = arrival.usIn > before.usIn ? [before, arrival] : [arrival, before];
    const gapMs = (late.usIn - early.usIn) / 1000;
    // Physically the server gap is the send gap ± the two round trips; outside that a server clock stepped.
    const sendGap = late.sentAt - early.sentAt;
    const slack = early.answeredAt - early.sentAt + (late.answeredAt - late.sentAt) + 1;
    if (Math.abs(gapMs - sendGap) > slack) return;
    this.stats.serverGaps++;
    this.stats.minServerGapMs = Math.min(this.stats.minServerGapMs ?? gapMs, gapMs);
    if (gapMs < this.intervalMs) {
      this.stats.shortGaps++;
      this.setMargin(this.marginMs + 2 * (this.intervalMs - gapMs) + Math.max(1, 0.005 * this.intervalMs));
    } else if (gapMs >= this.intervalMs + this.marginMs) {
      this.setMargin(this.marginMs - 0.001 * this.intervalMs);
    }
  }

  private setMargin(ms: number): void {
    this.marginMs = Math.min(this.margins.maxMs, Math.max(this.margins.minMs, ms));
  }
}

function newSent(sentAt: number): Sent {
  let markAnswered!: () => void;
  const answered = new Promise<void>((resolve) => (markAnswered = resolve));
  return { sentAt, answeredAt: null, gaveUpAt: null, usIn: null, answered, markAnswered };
}
