/**
 * One HTTP request read to its end, no retries, no status handling: the status, the body text and the
 * headers, or a classified failure (cancelled by the caller, timed out, refused, dropped mid-body). The
 * timeout is a real timer on purpose: it bounds socket I/O, which an injected clock must not stretch.
 * Each provider says how its failures read (its name, what the detail names).
 */
import type { ProviderError } from '../deribit/errors';
import { linkAbort } from './linked-abort';

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

/** Where and how a connector sends its requests. */
export interface HttpEndpoint {
  readonly baseUrl: string;
  readonly fetch: FetchFn;
  /** Per request, the whole answer included. */
  readonly timeoutMs: number;
  /** Wall clock, only to read an HTTP-date Retry-After. */
  readonly now: () => number;
}

export interface HttpRequest {
  readonly url: string;
  /** Method, headers, body; the signal is added here. */
  readonly init: Omit<RequestInit, 'signal'>;
  readonly signal: AbortSignal;
}

export interface ExchangeFailures {
  readonly cancelled: () => ProviderError;
  /** `reason` is "timeout: …", "request failed: …" or "connection dropped while reading the response: …". */
  readonly network: (reason: string) => ProviderError;
}

export interface HttpAnswer {
  readonly status: number;
  readonly text: string;
  readonly headers: Headers;
}

/** An error's message plus its cause's code and message (undici hides ECONNREFUSED etc. in `cause`). */
export function failureReason(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as Error & { cause?: unknown }).cause;
  const causeText = cause instanceof Error ? `: ${(cause as Error & { code?: string }).code ?? ''} ${cause.message}` : '';
  return `${e.message}${causeText}`.trim();
}

export async function exchangeText(
  endpoint: Pick<HttpEndpoint, 'fetch' | 'timeoutMs'>,
  request: HttpRequest,
  failures: ExchangeFailures,
): Promise<HttpAnswer> {
  if (request.signal.aborted) throw failures.cancelled();
  const timeout = new AbortController();
  const { timeoutMs } = endpoint;
  const timer = setTimeout(() => timeout.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  const combined = linkAbort([request.signal, timeout.signal]);
  const failure = (stage: string, e: unknown): ProviderError => {
    if (request.signal.aborted) return failures.cancelled();
    if (timeout.signal.aborted) return failures.network(`timeout: no answer within ${timeoutMs} ms`);
    return failures.network(`${stage}: ${failureReason(e)}`);
  };
  try {
    let response: Response;
    try {
      response = await endpoint.fetch(request.url, { ...request.init, signal: combined.signal });
    } catch (e) {
      throw failure('request failed', e);
    }
    try {
      return { status: response.status, text: await response.text(), headers: response.headers };
    } catch (e) {
      throw failure('connection dropped while reading the response', e);
    }
  } finally {
    clearTimeout(timer);
    combined.release();
  }
}
