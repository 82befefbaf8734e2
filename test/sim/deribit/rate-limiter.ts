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
  /**
   * 'account' (default, as Deribit): every key signs in as the main user here, so all keys share the
   * main user's buckets. 'key': one set of buckets per key, for tests that want keys independent.
   */
  readonly scope?: 'account' | 'key';
}

/** Every sim key is a key of the main user: the bucket of its account. */
const MAIN_USER_BUCKET = 'user:main';

/**
 * One transaction-log bucket and one credit bucket per account (or per key with scope 'key'); public calls
 * share one bucket per client address.
 */
export class RateLimiter {
  private readonly txLog = new Map<string, TokenBucket>();
  private readonly credits = new Map<string, TokenBucket>();

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  allowTransactionLog(clientId: string): boolean {
    if (this.settings.txLogIntervalMs <= 0) return true;
    const key = this.bucketOf(clientId);
    let bucket = this.txLog.get(key);
    if (!bucket) {
      bucket = new TokenBucket(Math.max(1, this.settings.txLogBurst), this.settings.txLogIntervalMs, 1, this.clock);
      this.txLog.set(key, bucket);
    }
    return bucket.tryTake();
  }

  /** A key's bucket name; public buckets (`public:ADDRESS`) pass through. */
  private bucketOf(clientId: string): string {
    if (this.settings.scope === 'key' || clientId.startsWith('public:')) return clientId;
    return MAIN_USER_BUCKET;
  }

  allowCredits(clientIdOrPublic: string): boolean {
    const { capacity, refillPerSec, cost } = this.settings.creditBucket;
    if (refillPerSec <= 0 && capacity <= 0) return true;
    const bucketKey = this.bucketOf(clientIdOrPublic);
    let bucket = this.credits.get(bucketKey);
    if (!bucket) {
      bucket = new TokenBucket(capacity, 1000 / Math.max(refillPerSec, 1e-9), cost, this.clock);
      this.credits.set(bucketKey, bucket);
    }
    return bucket.tryTake();
  }
}
