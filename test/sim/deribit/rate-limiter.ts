/**
 * Token buckets measured at request ARRIVAL on the real monotonic clock (not the injected `now`,
 * which tests freeze or jump for token expiry).
 *
 * Jitter tolerance: a request is let through when the bucket holds at least 1 - 15 ms' worth of
 * refill, so a client pacing at exactly the interval is not punished for timer jitter (a call
 * 990 ms after the previous slot passes at 1 req/s). The debt it leaves is paid back by the next
 * interval, so the sustained rate still cannot exceed the limit.
 */
export const JITTER_TOLERANCE_MS = 15;

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly capacity: number,
    /** milliseconds to refill one token */
    private readonly msPerToken: number,
    private readonly cost = 1,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.tokens = capacity;
    this.updatedAt = clock();
  }

  /** Takes `cost` tokens if available (within the jitter tolerance); false when over the limit. */
  tryTake(): boolean {
    const now = this.clock();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) / this.msPerToken);
    this.updatedAt = now;
    const tolerance = JITTER_TOLERANCE_MS / this.msPerToken;
    if (this.tokens + tolerance < this.cost) return false;
    this.tokens -= this.cost;
    return true;
  }
}

export interface RateLimitSettings {
  readonly txLogIntervalMs: number;
  readonly txLogBurst: number;
  readonly creditBucket: { capacity: number; refillPerSec: number; cost: number };
}

/** One transaction-log bucket and one credit bucket per key (public calls share one bucket). */
export class RateLimiter {
  private readonly txLog = new Map<string, TokenBucket>();
  private readonly credits = new Map<string, TokenBucket>();

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  allowTransactionLog(clientId: string): boolean {
    if (this.settings.txLogIntervalMs <= 0) return true;
    let bucket = this.txLog.get(clientId);
    if (!bucket) {
      bucket = new TokenBucket(Math.max(1, this.settings.txLogBurst), this.settings.txLogIntervalMs, 1, this.clock);
      this.txLog.set(clientId, bucket);
    }
    return bucket.tryTake();
  }

  allowCredits(bucketKey: string): boolean {
    const { capacity, refillPerSec, cost } = this.settings.creditBucket;
    if (refillPerSec <= 0 && capacity <= 0) return true;
    let bucket = this.credits.get(bucketKey);
    if (!bucket) {
      bucket = new TokenBucket(capacity, 1000 / Math.max(refillPerSec, 1e-9), cost, this.clock);
      this.credits.set(bucketKey, bucket);
    }
    return bucket.tryTake();
  }
}
