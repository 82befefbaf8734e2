/**
 * Retries transient failures with exponential backoff and full jitter (delay = random × min(max, base × 2^n)),
 * reporting what is happening so the UI can show "retrying at …" or "offline" instead of a frozen bar.
 * Permanent errors and cancellation pass straight through.
 */
import { ProviderError, isProviderError } from './errors';
import { RATE_LIMIT_CODE, cancelledError, exhaustedError, networkError } from './error-classification';
import type { Clock, RateLane, RateScheduler } from './rate-scheduler';

export interface RetryOptions {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 8, baseDelayMs: 500, maxDelayMs: 30_000 };

export interface ProviderStatus {
  readonly state: 'ok' | 'retrying' | 'offline';
  readonly message: string;
  readonly retryAt: number | null;
}

export interface RetryContext {
  readonly retry: RetryOptions;
  readonly clock: Clock;
  readonly random: () => number;
  readonly scheduler: RateScheduler;
  /** 'retrying'/'offline' before each wait, 'ok' after every success (the receiver drops repeats). */
  readonly report: (status: ProviderStatus) => void;
}

export function backoffDelayMs(retry: RetryOptions, failedAttempts: number, random: () => number): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (failedAttempts - 1));
  return Math.floor(random() * ceiling);
}

function asProviderError(method: string, e: unknown): ProviderError {
  if (isProviderError(e)) return e;
  // Anything unclassified that escaped the transport (a fetch implementation bug, a TypeError) is treated
  // as a network failure so it is retried and reported rather than crashing the sync.
  return networkError(method, e instanceof Error ? e.message : String(e));
}

export async function withRetries<T>(
  ctx: RetryContext,
  method: string,
  lane: RateLane,
  signal: AbortSignal,
  attempt: () => Promise<T>,
): Promise<T> {
  let allNetwork = true;
  for (let attemptNo = 1; ; attemptNo++) {
    if (signal.aborted) throw cancelledError();
    let error: ProviderError;
    try {
      const result = await attempt();
      ctx.report({ state: 'ok', message: 'Connected to Deribit.', retryAt: null });
      return result;
    } catch (e) {
      if (signal.aborted) throw cancelledError();
      error = asProviderError(method, e);
    }
    if (!error.retriable) throw error;
    if (error.kind !== 'network') allNetwork = false;
    if (attemptNo >= ctx.retry.maxAttempts) throw exhaustedError(error, attemptNo, allNetwork);

    let delay = backoffDelayMs(ctx.retry, attemptNo, ctx.random);
    if (error.code === RATE_LIMIT_CODE) {
      // Never come back sooner than the lane's own spacing, and hold back queued calls on the lane too.
      delay = Math.max(delay, ctx.scheduler.minimumSpacingMs(lane));
      ctx.scheduler.pause(lane, delay);
    }
    const retryAt = ctx.clock.now() + delay;
    const when = `Retrying in ${(delay / 1000).toFixed(1)} s (attempt ${attemptNo + 1} of ${ctx.retry.maxAttempts}).`;
    ctx.report(
      error.kind === 'network'
        ? { state: 'offline', message: `Deribit cannot be reached (${error.detail}). ${when}`, retryAt }
        : { state: 'retrying', message: `${error.userMessage.replace(/ The request is retried automatically\.$/, '')} ${when}`, retryAt },
    );
    try {
      await ctx.clock.sleep(delay, signal);
    } catch {
      throw cancelledError();
    }
  }
}
