/**
 * Retries one Cloudflare request: transient failures (network, 5xx, unreadable body) with exponential
 * backoff and full jitter; a 429 by blocking the pacer for Retry-After (default 5 minutes, Cloudflare's
 * block) and trying again once it has passed. Permanent errors and cancellation pass straight through.
 * Local rather than the Deribit retry loop, which is tied to Deribit's rate lanes and wording.
 */
import { ProviderError, isProviderError } from '../deribit/errors';
import type { ProviderStatus } from '../deribit/retry-loop';
import { CloudflareRateLimitError, cloudflareCancelled, cloudflareExhausted, cloudflareNetworkError } from './cloudflare-errors';
import type { PacerClock, RequestPacer } from './request-pacer';

export interface CloudflareRetryOptions {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
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

export async function withCloudflareRetries<T>(deps: RetryDeps, signal: AbortSignal, attempt: () => Promise<T>): Promise<T> {
  let failures = 0;
  let rateLimitWaits = 0;
  for (;;) {
    if (signal.aborted) throw cloudflareCancelled();
    let error: ProviderError;
    try {
      await deps.pacer.acquire(signal);
      const result = await attempt();
      deps.report({ state: 'ok', message: 'Connected to Cloudflare.', retryAt: null });
      return result;
    } catch (e) {
      if (signal.aborted) throw cloudflareCancelled();
      error = isProviderError(e) ? e : cloudflareNetworkError('cloudflare', e instanceof Error ? e.message : String(e));
    }
    if (!error.retriable) throw error;

    if (error instanceof CloudflareRateLimitError) {
      rateLimitWaits += 1;
      if (rateLimitWaits > deps.retry.maxRateLimitWaits) throw cloudflareExhausted(error, failures + rateLimitWaits);
      const blockMs = error.retryAfterMs ?? deps.retry.defaultBlockMs;
      deps.pacer.block(blockMs);
      const retryAt = deps.clock.now() + blockMs;
      deps.report({
        state: 'retrying',
        message: `Cloudflare is rate-limiting this token; continuing at ${new Date(retryAt).toISOString().slice(11, 19)} UTC (in ${Math.ceil(blockMs / 1000)} s).`,
        retryAt,
      });
      continue; // the pacer holds the next attempt until the block is over
    }

    failures += 1;
    if (failures >= deps.retry.maxAttempts) throw cloudflareExhausted(error, failures);
    const ceiling = Math.min(deps.retry.maxDelayMs, deps.retry.baseDelayMs * 2 ** (failures - 1));
    const delay = Math.floor(deps.random() * ceiling);
    const retryAt = deps.clock.now() + delay;
    deps.report(
      error.kind === 'network'
        ? { state: 'offline', message: `Cloudflare cannot be reached (${error.detail}). Retrying in ${(delay / 1000).toFixed(1)} s.`, retryAt }
        : { state: 'retrying', message: `${error.detail}. Retrying in ${(delay / 1000).toFixed(1)} s.`, retryAt },
    );
    try {
      await deps.clock.sleep(delay, signal);
    } catch {
      throw cloudflareCancelled();
    }
  }
}
