/**
 * Retries and pacing for NLPearl, whose rate limit is undocumented. Nothing is paced until the server
 * answers 429 or 503; then requests start at least `intervalMs` apart (doubling on each, from 250 ms up to
 * 10 s) and the interval halves again after 20 answers in a row without one — so a sync settles just
 * under whatever the real limit is instead of hammering it. A 429 waits for Retry-After when sent.
 * (The Deribit retry loop is tied to its rate scheduler and wording, hence this local one.)
 */
import { isProviderError, type ProviderError } from '../deribit/errors';
import { NlpearlRateLimitError, nlpearlCancelled, nlpearlExhausted, nlpearlNetworkError } from './nlpearl-errors';

export type SleepFn = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface RetryTuning {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

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

function asProviderError(baseUrl: string, e: unknown): ProviderError {
  if (isProviderError(e)) return e;
  return nlpearlNetworkError(baseUrl, e instanceof Error ? e.message : String(e));
}

export async function withRetries<T>(ctx: RetryContext, signal: AbortSignal, attempt: () => Promise<T>): Promise<T> {
  for (let attemptNo = 1; ; attemptNo++) {
    if (signal.aborted) throw nlpearlCancelled();
    let error: ProviderError;
    try {
      await ctx.pacing.waitTurn(signal);
      const result = await attempt();
      ctx.pacing.onAnswer();
      return result;
    } catch (e) {
      if (signal.aborted) throw nlpearlCancelled();
      error = asProviderError(ctx.baseUrl, e);
    }
    if (!error.retriable) throw error;
    if (attemptNo >= ctx.retry.maxAttempts) throw nlpearlExhausted(error, attemptNo);
    const ceiling = Math.min(ctx.retry.maxDelayMs, ctx.retry.baseDelayMs * 2 ** (attemptNo - 1));
    let delay = Math.floor(ctx.random() * ceiling);
    if (error instanceof NlpearlRateLimitError) {
      ctx.pacing.onRateLimited();
      delay = error.retryAfterMs ?? Math.max(delay, ctx.pacing.currentIntervalMs);
      ctx.pacing.holdFor(delay);
      // waitTurn at the top of the loop does the waiting, shared with any other caller.
      continue;
    }
    try {
      await ctx.sleep(delay, signal);
    } catch {
      throw nlpearlCancelled();
    }
  }
}
