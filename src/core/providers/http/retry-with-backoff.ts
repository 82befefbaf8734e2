/**
 * The retry loop of the HTTP login connectors: run an attempt, pass permanent errors and cancellation
 * straight through, and after a transient failure let the provider's policy decide (give up, sleep a
 * backoff, or go again at once because its pacer holds the next request back). Delays are exponential
 * backoff with full jitter: random × min(max, base × 2^(n−1)).
 */
import { isProviderError, type ProviderError } from '../deribit/errors';
import { RateLimitError } from './transient-errors';

export interface BackoffOptions {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export function backoffDelayMs(options: Omit<BackoffOptions, 'maxAttempts'>, failedAttempts: number, random: () => number): number {
  return Math.floor(random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (failedAttempts - 1)));
}

export interface RetryCounts {
  /** Transient failures of this request so far, this one included. */
  readonly failures: number;
  /** How many of them were rate-limit answers (RateLimitError). */
  readonly rateLimits: number;
}

export type RetryStep =
  | { readonly action: 'give-up'; readonly error: ProviderError }
  | { readonly action: 'sleep'; readonly ms: number }
  /** Try again at once: `beforeAttempt` (a pacer told to hold back) does the waiting. */
  | { readonly action: 'again' };

export interface RetryPolicy {
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly cancelled: () => ProviderError;
  /**
   * What an unclassified throw (a fetch implementation bug, a TypeError) counts as: a network failure,
   * so it is retried and reported rather than crashing the sync.
   */
  readonly unclassified: (message: string) => ProviderError;
  /** Waits for the request's turn (a pacer); inside the attempt, so an abort there is a cancel. */
  readonly beforeAttempt?: (signal: AbortSignal) => Promise<void>;
  readonly onSuccess?: () => void;
  readonly next: (error: ProviderError, counts: RetryCounts) => RetryStep;
}

export async function retryWithBackoff<T>(policy: RetryPolicy, signal: AbortSignal, attempt: () => Promise<T>): Promise<T> {
  let failures = 0;
  let rateLimits = 0;
  for (;;) {
    if (signal.aborted) throw policy.cancelled();
    let error: ProviderError;
    try {
      await policy.beforeAttempt?.(signal);
      const result = await attempt();
      policy.onSuccess?.();
      return result;
    } catch (e) {
      if (signal.aborted) throw policy.cancelled();
      error = isProviderError(e) ? e : policy.unclassified(e instanceof Error ? e.message : String(e));
    }
    if (!error.retriable) throw error;
    failures += 1;
    if (error instanceof RateLimitError) rateLimits += 1;
    const step = policy.next(error, { failures, rateLimits });
    if (step.action === 'give-up') throw step.error;
    if (step.action === 'sleep') {
      try {
        await policy.sleep(step.ms, signal);
      } catch {
        throw policy.cancelled();
      }
    }
  }
}
