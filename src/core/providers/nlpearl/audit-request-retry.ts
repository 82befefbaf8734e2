/**
 * Retries and pacing for NLPearl, whose rate limit is undocumented. Nothing is paced until the server
 * answers 429 or 503; then requests start at least `intervalMs` apart (doubling on each, from 250 ms up to
 * 10 s) and the interval halves again after 20 answers in a row without one — so a sync settles just
 * under whatever the real limit is instead of hammering it. A 429 waits for Retry-After when sent.
 */
import type { SleepFn } from '../http/connector-options';
import { backoffDelayMs, retryWithBackoff, type BackoffOptions } from '../http/retry-with-backoff';
import { NlpearlRateLimitError, nlpearlCancelled, nlpearlExhausted, nlpearlNetworkError } from './nlpearl-errors';

export type { SleepFn } from '../http/connector-options';

export type RetryTuning = BackoffOptions;

export const DEFAULT_RETRY_TUNING: RetryTuning = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

const MIN_INTERVAL_MS = 250;
const MAX_INTERVAL_MS = 10_000;
const CALM_ANSWERS = 20;

export class RequestPacing {
  private intervalMs = 0;
  private nextStart = Number.NEGATIVE_INFINITY;
  private calm = 0;

  constructor(private readonly now: () => number, private readonly sleep: SleepFn) {}

  get currentIntervalMs(): number {
    return this.intervalMs;
  }

  /** Waits for this request's start slot (reserved at once, so concurrent callers queue up). */
  async waitTurn(signal: AbortSignal): Promise<void> {
    const now = this.now();
    const at = Math.max(now, this.nextStart);
    this.nextStart = at + this.intervalMs;
    if (at > now) await this.sleep(at - now, signal);
  }

  onRateLimited(): void {
    this.calm = 0;
    this.intervalMs = Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, this.intervalMs * 2));
  }

  onAnswer(): void {
    if (this.intervalMs === 0 || ++this.calm < CALM_ANSWERS) return;
    this.calm = 0;
    this.intervalMs = this.intervalMs / 2 < MIN_INTERVAL_MS ? 0 : this.intervalMs / 2;
  }

  /** Holds every request back until `ms` from now (after a 429). */
  holdFor(ms: number): void {
    this.nextStart = Math.max(this.nextStart, this.now() + ms);
  }
}

export interface RetryContext {
  readonly retry: RetryTuning;
  readonly sleep: SleepFn;
  readonly random: () => number;
  readonly pacing: RequestPacing;
  readonly baseUrl: string;
}

export function withRetries<T>(ctx: RetryContext, signal: AbortSignal, attempt: () => Promise<T>): Promise<T> {
  return retryWithBackoff(
    {
      sleep: (ms, s) => ctx.sleep(ms, s),
      cancelled: nlpearlCancelled,
      unclassified: (message) => nlpearlNetworkError(ctx.baseUrl, message),
      beforeAttempt: (s) => ctx.pacing.waitTurn(s),
      onSuccess: () => ctx.pacing.onAnswer(),
      next: (error, { failures }) => {
        if (failures >= ctx.retry.maxAttempts) return { action: 'give-up', error: nlpearlExhausted(error, failures) };
        const delay = backoffDelayMs(ctx.retry, failures, ctx.random);
        if (!(error instanceof NlpearlRateLimitError)) return { action: 'sleep', ms: delay };
        ctx.pacing.onRateLimited();
        ctx.pacing.holdFor(error.retryAfterMs ?? Math.max(delay, ctx.pacing.currentIntervalMs));
        // waitTurn before the next attempt does the waiting, shared with any other caller.
        return { action: 'again' };
      },
    },
    signal,
    attempt,
  );
}
