/**
 * Retries one Pulse request: transient failures (network, 5xx, unreadable body) with exponential backoff
 * and full jitter; a 429 (Pulse documents no limit) by waiting Retry-After when sent, else the same
 * backoff, with its own larger budget. Permanent errors and cancellation pass straight through.
 */
import type { Clock } from '../deribit/rate-scheduler';
import type { ProviderStatus } from '../deribit/retry-loop';
import { backoffDelayMs, retryWithBackoff, type BackoffOptions } from '../http/retry-with-backoff';
import { PulseRateLimitError, pulseCancelled, pulseExhausted, pulseNetworkError } from './ingedata-errors';

export interface PulseRetryOptions extends BackoffOptions {
  /** How many 429s one request sits out before giving up. */
  readonly maxRateLimitWaits: number;
  /** Backoff floor after a 429 without Retry-After. */
  readonly rateLimitFloorMs: number;
}

export const DEFAULT_PULSE_RETRY: PulseRetryOptions = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRateLimitWaits: 10,
  rateLimitFloorMs: 1_000,
};

export interface PulseRetryDeps {
  readonly retry: PulseRetryOptions;
  readonly clock: Clock;
  readonly random: () => number;
  readonly report: (status: ProviderStatus) => void;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function withPulseRetries<T>(deps: PulseRetryDeps, signal: AbortSignal, attempt: () => Promise<T>): Promise<T> {
  return retryWithBackoff(
    {
      sleep: (ms, s) => deps.clock.sleep(ms, s),
      cancelled: pulseCancelled,
      unclassified: (message) => pulseNetworkError('pulse', message),
      onSuccess: () => deps.report({ state: 'ok', message: 'Connected to Ingedata Pulse.', retryAt: null }),
      next: (error, { failures: total, rateLimits }) => {
        const failures = total - rateLimits;
        let delay: number;
        let message: string;
        if (error instanceof PulseRateLimitError) {
          if (rateLimits > deps.retry.maxRateLimitWaits) return { action: 'give-up', error: pulseExhausted(error, total) };
          // Without Retry-After, back off exponentially (but never below the floor) so repeated 429s slow us down.
          delay = error.retryAfterMs ?? Math.max(deps.retry.rateLimitFloorMs, backoffDelayMs(deps.retry, rateLimits, deps.random));
          message = `Ingedata Pulse is rate-limiting this key; continuing in ${seconds(delay)}.`;
        } else {
          if (failures >= deps.retry.maxAttempts) return { action: 'give-up', error: pulseExhausted(error, failures) };
          delay = backoffDelayMs(deps.retry, failures, deps.random);
          message =
            error.kind === 'network'
              ? `Ingedata Pulse cannot be reached (${error.detail}). Retrying in ${seconds(delay)}.`
              : `${error.detail}. Retrying in ${seconds(delay)}.`;
        }
        deps.report({ state: error.kind === 'network' ? 'offline' : 'retrying', message, retryAt: deps.clock.now() + delay });
        return { action: 'sleep', ms: delay };
      },
    },
    signal,
    attempt,
  );
}
