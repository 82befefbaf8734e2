/**
 * Retries one Cloudflare request: transient failures (network, 5xx, unreadable body) with exponential
 * backoff and full jitter; a 429 by blocking the pacer for Retry-After (default 5 minutes, Cloudflare's
 * block) and trying again once it has passed. Permanent errors and cancellation pass straight through.
 */
import type { ProviderStatus } from '../deribit/retry-loop';
import { backoffDelayMs, retryWithBackoff, type BackoffOptions } from '../http/retry-with-backoff';
import { CloudflareRateLimitError, cloudflareCancelled, cloudflareExhausted, cloudflareNetworkError } from './cloudflare-errors';
import type { PacerClock, RequestPacer } from './request-pacer';

export interface CloudflareRetryOptions extends BackoffOptions {
  /** How many 429 blocks one request sits out before giving up. */
  readonly maxRateLimitWaits: number;
  /** Block length when a 429 carries no readable Retry-After. */
  readonly defaultBlockMs: number;
}

export const DEFAULT_CLOUDFLARE_RETRY: CloudflareRetryOptions = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRateLimitWaits: 4,
  defaultBlockMs: 300_000,
};

export interface RetryDeps {
  readonly retry: CloudflareRetryOptions;
  readonly clock: PacerClock;
  readonly random: () => number;
  readonly pacer: RequestPacer;
  readonly report: (status: ProviderStatus) => void;
}

export function withCloudflareRetries<T>(deps: RetryDeps, signal: AbortSignal, attempt: () => Promise<T>): Promise<T> {
  return retryWithBackoff(
    {
      sleep: (ms, s) => deps.clock.sleep(ms, s),
      cancelled: cloudflareCancelled,
      unclassified: (message) => cloudflareNetworkError('cloudflare', message),
      beforeAttempt: (s) => deps.pacer.acquire(s),
      onSuccess: () => deps.report({ state: 'ok', message: 'Connected to Cloudflare.', retryAt: null }),
      next: (error, { failures: total, rateLimits }) => {
        const failures = total - rateLimits;
        if (error instanceof CloudflareRateLimitError) {
          if (rateLimits > deps.retry.maxRateLimitWaits) return { action: 'give-up', error: cloudflareExhausted(error, total) };
          const blockMs = error.retryAfterMs ?? deps.retry.defaultBlockMs;
          deps.pacer.block(blockMs);
          const retryAt = deps.clock.now() + blockMs;
          deps.report({
            state: 'retrying',
            message: `Cloudflare is rate-limiting this token; continuing at ${new Date(retryAt).toISOString().slice(11, 19)} UTC (in ${Math.ceil(blockMs / 1000)} s).`,
            retryAt,
          });
          return { action: 'again' }; // the pacer holds the next attempt until the block is over
        }
        if (failures >= deps.retry.maxAttempts) return { action: 'give-up', error: cloudflareExhausted(error, failures) };
        const delay = backoffDelayMs(deps.retry, failures, deps.random);
        const retryAt = deps.clock.now() + delay;
        deps.report(
          error.kind === 'network'
            ? { state: 'offline', message: `Cloudflare cannot be reached (${error.detail}). Retrying in ${(delay / 1000).toFixed(1)} s.`, retryAt }
            : { state: 'retrying', message: `${error.detail}. Retrying in ${(delay / 1000).toFixed(1)} s.`, retryAt },
        );
        return { action: 'sleep', ms: delay };
      },
    },
    signal,
    attempt,
  );
}
