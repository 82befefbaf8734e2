/**
 * Pulse's rate limit is undocumented: a fixed window of `requests` per `windowMs` per API key (logins and
 * data calls together), on the injected clock, answered with 429 and, if configured, Retry-After (s).
 */
import type { PulseRateLimit } from './sim-types';

export class PulseRateLimiter {
  private readonly windows = new Map<string, { start: number; used: number }>();

  constructor(
    private readonly limit: PulseRateLimit | null,
    private readonly now: () => number,
  ) {}

  /** null when allowed; else the ms until the window resets. */
  take(key: string): number | null {
    if (this.limit === null) return null;
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || t >= w.start + this.limit.windowMs) {
      w = { start: t, used: 0 };
      this.windows.set(key, w);
    }
    if (w.used >= this.limit.requests) return w.start + this.limit.windowMs - t;
    w.used += 1;
    return null;
  }

  get sendsRetryAfter(): boolean {
    return this.limit?.retryAfter ?? false;
  }
}
