/**
 * Keeps one connector under Cloudflare's per-token limit (1,200 requests per 5 minutes): a sliding log of
 * send times, so no window of `windowMs` (+ a margin for network arrival spread) ever holds more than
 * `limit` requests. After a 429 the token is blocked for the Retry-After time and nothing is sent until
 * then: requests during the block would be wasted and risk a longer one.
 */

export interface PacerClock {
  now(): number;
  /** Resolves after `ms`; rejects when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
  /** Extra spacing at the window's edge (server counts arrivals, we count sends). */
  readonly marginMs: number;
}

export const CLOUDFLARE_RATE_LIMIT: RateLimit = { limit: 1200, windowMs: 300_000, marginMs: 1000 };

export class RequestPacer {
  private sends: number[] = [];
  private blockedUntil = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly rate: RateLimit,
    private readonly clock: PacerClock,
  ) {}

  /** Ms to wait before the next request may start (0 = now). */
  waitMs(): number {
    const now = this.clock.now();
    const horizon = now - this.rate.windowMs - this.rate.marginMs;
    while (this.sends.length > 0 && (this.sends[0] ?? 0) <= horizon) this.sends.shift();
    let wait = Math.max(0, this.blockedUntil - now);
    if (this.sends.length >= this.rate.limit) {
      const oldestThatCounts = this.sends[this.sends.length - this.rate.limit] ?? now;
      wait = Math.max(wait, oldestThatCounts + this.rate.windowMs + this.rate.marginMs - now);
    }
    return wait;
  }

  /** Waits for a free slot and records the send; the request must start right after. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (let wait = this.waitMs(); wait > 0; wait = this.waitMs()) {
      await this.clock.sleep(wait, signal);
    }
    this.sends.push(this.clock.now());
  }

  /** After a 429: nothing starts before `now + ms`. */
  block(ms: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, this.clock.now() + ms);
  }

  get blockedUntilMs(): number | null {
    return this.blockedUntil > this.clock.now() ? this.blockedUntil : null;
  }
}
