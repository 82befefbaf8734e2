/**
 * Per-key request pacing so the client never provokes 10028 (repeated ones can get an IP banned).
 * - Transaction log: its own limit of 1 request/s. Calls START at least `txLogIntervalMs` apart, measured
 *   from the previous call's start, not from its response: 80 pages at 50 ms latency take ~80 s, not ~84 s.
 *   The default keeps a 5 ms margin for timer jitter and network arrival spread.
 * - Everything else: Deribit's credit bucket (50,000 credits, 500 per call, refilled at 10,000/s).
 * - After a 10028 the lane is paused by the backoff, so queued calls do not hammer either.
 */
import { abortReason, untilAborted } from './abort-wait';

export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface CreditLimits {
  readonly capacity: number;
  readonly refillPerSec: number;
  readonly cost: number;
}

export interface RateLimits {
  readonly txLogIntervalMs: number;
  readonly credit: CreditLimits;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  txLogIntervalMs: 1005,
  credit: { capacity: 50_000, refillPerSec: 10_000, cost: 500 },
};

export type RateLane = 'txLog' | 'credit';

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortReason(signal));
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(abortReason(signal as AbortSignal));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

export class RateScheduler {
  private readonly limits: RateLimits;
  private readonly clock: Clock;
  /** Resolves when every earlier transaction-log caller has started (or given up). */
  private txQueueTail: Promise<void> = Promise.resolve();
  private lastTxStart = Number.NEGATIVE_INFINITY;
  private txPausedUntil = Number.NEGATIVE_INFINITY;
  private credits: number;
  private creditsAt: number;
  private creditPausedUntil = Number.NEGATIVE_INFINITY;

  constructor(limits: RateLimits = DEFAULT_RATE_LIMITS, clock: Clock = systemClock) {
    this.limits = limits;
    this.clock = clock;
    this.credits = limits.credit.capacity;
    this.creditsAt = clock.now();
  }

  /** Waits for the lane's turn; the request must start right after this resolves. Rejects on abort. */
  acquire(lane: RateLane, signal?: AbortSignal): Promise<void> {
    return lane === 'txLog' ? this.acquireTxLogSlot(signal) : this.acquireCredit(signal);
  }

  /** After a 10028: no call on this lane starts before `now + ms`. */
  pause(lane: RateLane, ms: number): void {
    const until = this.clock.now() + ms;
    if (lane === 'txLog') this.txPausedUntil = Math.max(this.txPausedUntil, until);
    else this.creditPausedUntil = Math.max(this.creditPausedUntil, until);
  }

  /** The shortest wait the lane itself imposes between calls (used as a floor for rate-limit backoff). */
  minimumSpacingMs(lane: RateLane): number {
    const { txLogIntervalMs, credit } = this.limits;
    return lane === 'txLog' ? txLogIntervalMs : (credit.cost / credit.refillPerSec) * 1000;
  }

  private async acquireTxLogSlot(signal?: AbortSignal): Promise<void> {
    // FIFO: each caller waits for the previous one to START (or give up), so the spacing holds even
    // when an earlier waiter is cancelled while later ones remain queued.
    const previous = this.txQueueTail;
    let finish!: () => void;
    const mine = new Promise<void>((resolve) => (finish = resolve));
    this.txQueueTail = Promise.all([previous, mine]).then(() => undefined);
    try {
      await untilAborted(previous, signal);
      for (;;) {
        const notBefore = Math.max(this.lastTxStart + this.limits.txLogIntervalMs, this.txPausedUntil);
        const wait = notBefore - this.clock.now();
        if (wait <= 0) break;
        await this.clock.sleep(wait, signal);
      }
      this.lastTxStart = this.clock.now();
    } finally {
      finish();
    }
  }

  private refill(): void {
    const now = this.clock.now();
    const { capacity, refillPerSec } = this.limits.credit;
    this.credits = Math.min(capacity, this.credits + ((now - this.creditsAt) * refillPerSec) / 1000);
    this.creditsAt = now;
  }

  private async acquireCredit(signal?: AbortSignal): Promise<void> {
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
        return;
      }
      await this.clock.sleep(Math.ceil(((cost - this.credits) * 1000) / refillPerSec), signal);
    }
  }
}
