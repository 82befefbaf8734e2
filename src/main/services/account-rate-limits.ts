/**
 * One rate limiter per Deribit account for the life of the main process. Deribit counts its limits per
 * account (the user id a key signs in as), whichever key or client object sends the request: the same key
 * added twice, a key removed and added again, a second key of the account and calls racing right after
 * start must all wait in the same queue. So limiters are never owned by a client: every DeribitClient of
 * an account gets `limiterFor(accountKey)` as its `scheduler`, and the pool never forgets one (an entry is
 * a few numbers; dropping it on removal would let a re-added key send at once).
 *
 * Restarts: a new limiter cannot know when an earlier process last sent; its first transaction-log slot
 * opens one interval after the limiter was created (see tx-log-lane.ts), which is always after that last
 * request left. Nothing is persisted, so a crash or a wall-clock change cannot make it wrong.
 */
import { DEFAULT_RATE_LIMITS, RateScheduler, monotonicClock, type Clock, type RateLimits } from '../../core/providers/deribit/rate-scheduler';

export interface AccountLimiterPoolOptions {
  /** Default Deribit's real limits; tests pass faster ones (the same they would give a client). */
  readonly limits?: RateLimits;
  /** Monotonic scheduling clock; default performance.now. */
  readonly clock?: Clock;
}

export interface AccountLimiterPool {
  /** The account's one scheduler: the same instance for every call with this key, for the process's life. */
  limiterFor(accountKey: string): RateScheduler;
}

export function createAccountLimiterPool(options: AccountLimiterPoolOptions = {}): AccountLimiterPool {
  const limits = options.limits ?? DEFAULT_RATE_LIMITS;
  const clock = options.clock ?? monotonicClock;
  const limiters = new Map<string, RateScheduler>();
  return {
    limiterFor(accountKey) {
      let limiter = limiters.get(accountKey);
      if (!limiter) {
        limiter = new RateScheduler(limits, clock);
        limiters.set(accountKey, limiter);
      }
      return limiter;
    },
  };
}
