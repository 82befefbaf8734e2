/**
 * One Deribit request over HTTP (`GET {base}/{method}?query`), no retries: returns the lossless `result`
 * or throws a classified ProviderError. The timeout uses a real timer on purpose: it bounds socket I/O,
 * which an injected (possibly virtual) scheduling clock must not shorten or stretch.
 */
import type { ProviderError } from './errors';
import { cancelledError, fromHttpStatus, fromRpcError, networkError } from './error-classification';
import { parseEnvelope } from './lossless-response';

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

export interface RpcRequest {
  readonly baseUrl: string;
  readonly method: string;
  readonly params: Readonly<Record<string, string>>;
  /** Access token for private methods; null for public ones. */
  readonly bearer: string | null;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  readonly fetch: FetchFn;
}

export function methodUrl(baseUrl: string, method: string, params: Readonly<Record<string, string>>): string {
  const query = new URLSearchParams(params).toString();
  return `${baseUrl.replace(/\/+$/, '')}/${method}${query ? `?${query}` : ''}`;
}

function reasonText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as Error & { cause?: unknown }).cause;
  const causeText = cause instanceof Error ? `: ${(cause as Error & { code?: string }).code ?? ''} ${cause.message}` : '';
  return `${e.message}${causeText}`.trim();
}

export async function callDeribit(req: RpcRequest): Promise<unknown> {
  if (req.signal.aborted) throw cancelledError();
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new Error(`no answer within ${req.timeoutMs} ms`)), req.timeoutMs);
  const signal = AbortSignal.any([req.signal, timeout.signal]);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (req.bearer !== null) headers.Authorization = `Bearer ${req.bearer}`;

  const failure = (stage: string, e: unknown): ProviderError => {
    if (req.signal.aborted) return cancelledError();
    if (timeout.signal.aborted) return networkError(req.method, `timeout: no answer within ${req.timeoutMs} ms`);
    return networkError(req.method, `${stage}: ${reasonText(e)}`);
  };

  let status: number;
  let text: string;
  try {
    let response: Response;
    try {
      response = await req.fetch(methodUrl(req.baseUrl, req.method, req.params), { headers, signal });
    } catch (e) {
      throw failure('request failed', e);
    }
    status = response.status;
    try {
      text = await response.text();
    } catch (e) {
      throw failure('connection dropped while reading the response', e);
    }
  } finally {
    clearTimeout(timer);
  }

  let envelope;
  try {
    envelope = parseEnvelope(text);
  } catch (e) {
    // A proxy or load balancer page (502 HTML, bare 429) is not a Deribit answer: classify by status.
    if (status >= 400) throw fromHttpStatus(req.method, status, text);
    throw e;
  }
  if (envelope.kind === 'error') {
    throw fromRpcError(req.method, envelope.code, envelope.message, envelope.data, status);
  }
  if (status >= 400) throw fromHttpStatus(req.method, status, text);
  return envelope.result;
}
