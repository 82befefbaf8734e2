/**
 * Retries one Pulse request: transient failures (network, 5xx, unreadable body) with exponential backoff
 * and full jitter; a 429 (Pulse documents no limit) by waiting Retry-After when sent, else the same
 * backoff, with its own larger budget. Permanent errors and cancellation pass straight through.
 * Local rather than the Deribit retry loop, which is tied to Deribit's rate lanes and wording.
 */
import { ProviderError, isProviderError } from '../deribit/errors';
import type { Clock } from '../deribit/rate-scheduler';
import type { ProviderStatus } from '../deribit/retry-loop';
import { PulseRateLimitError, pulseCancelled, pulseExhausted, pulseNetworkError } from './ingedata-errors';

export interface PulseRetryOptions {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
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

function backoff(retry: PulseRetryOptions, n: number, random: () => number): number {
  return Math.floor(random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (n - 1)));
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export async function withPulseRetries<T>(deps: PulseRetryDeps, signal: AbortSignal, attempt: () => Promise<T>): Promise<T> {
  let failures = 0;
  let rateLimitWaits = 0;
  for (;;) {
    if (signal.aborted) throw pulseCancelled();
    let error: ProviderError;
    try {
      const result = await attempt();
      deps.report({ state: 'ok', message: 'Connected to Ingedata Pulse.', retryAt: null });
      return result;
    } catch (e) {
      if (signal.aborted) throw pulseCancelled();
      error = isProviderError(e) ? e : pulseNetworkError('pulse', e instanceof Error ? e.message : String(e));
    }
    if (!error.retriable) throw error;

    let delay: number;
    let message: string;
    if (error instanceof PulseRateLimitError) {
      rateLimitWaits += 1;
      if (rateLimitWaits > deps.retry.maxRateLimitWaits) throw pulseExhausted(error, failures + rateLimitWaits);
      // Without Retry-After, back off exponentially (but never below the floor) so repeated 429s slow us down.
      delay = error.retryAfterMs ?? Math.max(deps.retry.rateLimitFloorMs, backoff(deps.retry, rateLimitWaits, deps.random));
      message = `Ingedata Pulse is rate-limiting this key; continuing in ${seconds(delay)}.`;
    } else {
      failures += 1;
      if (failures >= deps.retry.maxAttempts) throw pulseExhausted(error, failures);
      delay = backoff(deps.retry, failures, deps.random);
      message =
        error.kind === 'network'
          ? `Ingedata Pulse cannot be reached (${error.detail}). Retrying in ${seconds(delay)}.`
          : `${error.detail}. Retrying in ${seconds(delay)}.`;
    }
    const retryAt = deps.clock.now() + delay;
    deps.report({ state: error.kind === 'network' ? 'offline' : 'retrying', message, retryAt });
    try {
      await deps.clock.sleep(delay, signal);
    } catch {
      throw pulseCancelled();
    }
  }
}
