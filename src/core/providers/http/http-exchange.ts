/**
 * One HTTP request read to its end, no retries, no status handling: the status, the body text and the
 * headers, or a classified failure (cancelled by the caller, timed out, refused, dropped mid-body, an
 * answer over the size cap or not UTF-8). The timeout is a real timer on purpose: it bounds socket I/O,
 * which an injected clock must not stretch. Each provider says how its failures read (its name, what the
 * detail names).
 */
import type { ProviderError } from '../deribit/errors';
import { AnswerRefused, DEFAULT_MAX_ANSWER_BYTES, answerRefusedError, readAnswerText } from './answer-body';
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
  /** The largest body read; default DEFAULT_MAX_ANSWER_BYTES (16 MB). Larger answers are refused. */
  readonly maxAnswerBytes?: number;
}

export interface HttpRequest {
  readonly url: string;
  /** Method, headers, body; the signal is added here. */
  readonly init: Omit<RequestInit, 'signal'>;
  readonly signal: AbortSignal;
}

export interface ExchangeFailures {
  /** What the user calls the service ("Deribit"), to word a refused answer (too large, not UTF-8). */
  readonly service: string;
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

/** Where a request went, for a detail: host and path, never the query (it can carry a secret). */
function requestPlace(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return 'request';
  }
}

export async function exchangeText(
  endpoint: Pick<HttpEndpoint, 'fetch' | 'timeoutMs' | 'maxAnswerBytes'>,
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
    const maxBytes = endpoint.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
    try {
      return { status: response.status, text: await readAnswerText(response, maxBytes), headers: response.headers };
    } catch (e) {
      if (e instanceof AnswerRefused) throw answerRefusedError(failures.service, e, maxBytes, requestPlace(request.url));
      throw failure('connection dropped while reading the response', e);
    }
  } finally {
    clearTimeout(timer);
    combined.release();
  }
}
