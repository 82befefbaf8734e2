/**
 * Request pacing so the client never provokes 10028 (repeated ones can get an IP banned). Deribit counts
 * its limits per account (user id), not per key or per client object: one scheduler must serve every
 * client of an account (the main process keeps one per account, src/main/services/account-rate-limits.ts).
 * - Transaction log: 1 request/s, counted at ARRIVAL; spaced from the previous request's arrival as the
 *   server stamped it (`usIn`), with an adaptive margin and a cold start (tx-log-lane.ts).
 * - Everything else: Deribit's credit bucket (50,000 credits, 500 per call, refilled at 10,000/s).
 * - After a 10028 the lane is paused by the backoff, so queued calls do not hammer either.
 * Time is counted on a monotonic clock (clock.ts): a wall-clock jump must not shorten a gap.
 */
import { abortReason } from './abort-wait';
import { ArrivalEstimate } from './arrival-estimate';
import { monotonicClock, type Clock } from './clock';
import { TxLogLane, type PacingSlot, type TxLogMargin, type TxLogStats } from './tx-log-lane';

export { monotonicClock, systemClock, type Clock } from './clock';
export type { PacingSlot, SlotOutcome, TxLogMargin, TxLogStats } from './tx-log-lane';

export interface CreditLimits {
  readonly capacity: number;
  readonly refillPerSec: number;
  readonly cost: number;
}

export interface RateLimits {
  /** The exchange's transaction-log limit: arrivals at least this far apart (Deribit: 1000 ms). */
  readonly txLogIntervalMs: number;
  /**
   * The adaptive margin on top. Default: from 20 ms (10 % of a short interval), never below 5 ms (5 %),
   * never above 25 % of the interval. In ms rather than a share: it absorbs timer and event-loop noise,
   * which does not shrink with a test's short interval.
   */
  readonly txLogMargin?: TxLogMargin;
  readonly credit: CreditLimits;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  txLogIntervalMs: 1000,
  txLogMargin: { initialMs: 20, minMs: 5, maxMs: 250 },
  credit: { capacity: 50_000, refillPerSec: 10_000, cost: 500 },
};

export type RateLane = 'txLog' | 'credit';

export function marginOf(limits: RateLimits): TxLogMargin {
  const interval = limits.txLogIntervalMs;
  return limits.txLogMargin ?? { initialMs: Math.min(20, 0.1 * interval), minMs: Math.min(5, 0.05 * interval), maxMs: 0.25 * interval };
}

export class RateScheduler {
  private readonly limits: RateLimits;
  private readonly clock: Clock;
  private readonly arrivals = new ArrivalEstimate();
  private readonly txLog: TxLogLane;
  private credits: number;
  private creditsAt: number;
  private creditPausedUntil = Number.NEGATIVE_INFINITY;

  /** `clock` must be monotonic (the default); tests inject a virtual one. */
  constructor(limits: RateLimits = DEFAULT_RATE_LIMITS, clock: Clock = monotonicClock) {
    this.limits = limits;
    this.clock = clock;
    this.txLog = new TxLogLane(limits.txLogIntervalMs, marginOf(limits), clock, this.arrivals);
    this.credits = limits.credit.capacity;
    this.creditsAt = clock.now();
  }

  /**
   * Waits for the lane's turn; the request must start right after this resolves, and the slot must be
   * settled once it is over (with the answer's usIn when one came). Rejects on abort.
   */
  acquire(lane: RateLane, signal?: AbortSignal): Promise<PacingSlot> {
    return lane === 'txLog' ? this.txLog.acquire(signal) : this.acquireCredit(signal);
  }

  /** After a 10028: no call on this lane starts before `now + ms`. */
  pause(lane: RateLane, ms: number): void {
    if (lane === 'txLog') this.txLog.pause(ms);
    else this.creditPausedUntil = Math.max(this.creditPausedUntil, this.clock.now() + ms);
  }

  /** The shortest wait the lane itself imposes between calls (used as a floor for rate-limit backoff). */
  minimumSpacingMs(lane: RateLane): number {
    const { credit } = this.limits;
    return lane === 'txLog' ? this.txLog.spacingMs() : (credit.cost / credit.refillPerSec) * 1000;
  }

  /** What the transaction-log lane has learnt from the server's stamps (margin, smallest gap seen). */
  txLogStats(): TxLogStats {
    return this.txLog.snapshot();
  }

  private refill(): void {
    const now = this.clock.now();
    const { capacity, refillPerSec } = this.limits.credit;
    this.credits = Math.min(capacity, this.credits + ((now - this.creditsAt) * refillPerSec) / 1000);
    this.creditsAt = now;
  }

  private async acquireCredit(signal?: AbortSignal): Promise<PacingSlot> {
    const { cost, refillPerSec } = this.limits.credit;
    for (;;) {
      if (signal?.aborted) throw abortReason(signal);
      const paused = this.creditPausedUntil - this.clock.now();
      if (paused > 0) {
        await this.clock.sleep(paused, signal);
        continue;
      }
      this.refill();
      if (this.credits >= cost) {
        this.credits -= cost;
        return this.creditSlot(this.clock.now());
      }
      await this.clock.sleep(Math.ceil(((cost - this.credits) * 1000) / refillPerSec), signal);
    }
  }

  /** Credit calls take the same way in: their stamps teach the arrival estimate too. */
  private creditSlot(sentAt: number): PacingSlot {
    let settled = false;
    return {
      sentAt,
      settle: ({ usIn }) => {
        if (settled) return;
        settled = true;
        if (usIn !== null) this.arrivals.record(sentAt, usIn, this.clock.now());
      },
    };
  }
}
