/**
 * One `POST {base}/v2/Account/AuditLog`, no retries: returns the records of the bare JSON array (parsed
 * losslessly, whatever the Content-Type says — NLPearl may label JSON as text/plain) or throws a classified
 * error. The timeout is a real timer on purpose: it bounds socket I/O, which an injected clock must not stretch.
 */
import { parse } from 'lossless-json';
import type { ProviderError } from '../deribit/errors';
import { isJsonObject, losslessJson, type JsonObject } from '../deribit/lossless-response';
import { linkAbort } from './linked-abort';
import { NlpearlRateLimitError, fromNlpearlStatus, nlpearlCancelled, nlpearlMalformed, nlpearlNetworkError } from './nlpearl-errors';

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

export const DEFAULT_NLPEARL_BASE_URL = 'https://api.nlpearl.ai';
export const AUDIT_LOG_PATH = '/v2/Account/AuditLog';

export interface AuditLogEndpoint {
  readonly baseUrl: string;
  readonly accountId: string;
  readonly secretKey: string;
  readonly fetch: FetchFn;
  readonly timeoutMs: number;
  /** Wall clock, only to read an HTTP-date Retry-After. */
  readonly now: () => number;
}

/** The request body: UTC date-times; the optional filters are left out when not used. */
export interface AuditLogQuery {
  readonly from: string;
  readonly to: string;
  readonly eventType?: number;
  readonly userId?: string;
}

export function auditLogUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${AUDIT_LOG_PATH}`;
}

/** Retry-After in seconds or as an HTTP-date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function reasonText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as Error & { cause?: unknown }).cause;
  const causeText = cause instanceof Error ? `: ${(cause as Error & { code?: string }).code ?? ''} ${cause.message}` : '';
  return `${e.message}${causeText}`.trim();
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: parse(text.replace(/^\uFEFF/, '')) };
  } catch (e) {
    return { ok: false, reason: reasonText(e) };
  }
}

export async function postAuditLog(endpoint: AuditLogEndpoint, query: AuditLogQuery, signal: AbortSignal): Promise<readonly JsonObject[]> {
  if (signal.aborted) throw nlpearlCancelled();
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new Error(`no answer within ${endpoint.timeoutMs} ms`)), endpoint.timeoutMs);
  const combined = linkAbort([signal, timeout.signal]);
  const failure = (stage: string, e: unknown): ProviderError => {
    if (signal.aborted) return nlpearlCancelled();
    if (timeout.signal.aborted) return nlpearlNetworkError(endpoint.baseUrl, `timeout: no answer within ${endpoint.timeoutMs} ms`);
    return nlpearlNetworkError(endpoint.baseUrl, `${stage}: ${reasonText(e)}`);
  };

  let response: Response;
  let text: string;
  try {
    try {
      response = await endpoint.fetch(auditLogUrl(endpoint.baseUrl), {
        method: 'POST',
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/json',
          Authorization: `Bearer ${endpoint.accountId}:${endpoint.secretKey}`,
        },
        body: JSON.stringify(query),
        signal: combined.signal,
      });
    } catch (e) {
      throw failure('request failed', e);
    }
    try {
      text = await response.text();
    } catch (e) {
      throw failure('connection dropped while reading the response', e);
    }
  } finally {
    clearTimeout(timer);
    combined.release();
  }

  const status = response.status;
  if (status === 429 || status === 503) {
    throw new NlpearlRateLimitError(status, `HTTP ${status} ${text.slice(0, 120)}`, retryAfterMs(response.headers.get('retry-after'), endpoint.now()));
  }
  if (status === 204) return [];
  const parsed = tryParse(text);
  if (status < 200 || status >= 300) {
    throw fromNlpearlStatus(status, parsed.ok ? parsed.value : undefined, text, endpoint.accountId);
  }
  if (!parsed.ok) throw nlpearlMalformed(`body is not valid JSON (${parsed.reason}; ${text.length} chars: ${text.slice(0, 80)})`);
  const body = parsed.value;
  // `null` is what ASP.NET writes for a null list: no records.
  if (body === null) return [];
  if (!Array.isArray(body)) throw nlpearlMalformed(`body is not a JSON array (${text.slice(0, 80)})`);
  return body.map((record: unknown, i: number) => {
    if (!isJsonObject(record)) throw nlpearlMalformed(`record ${i} is not an object: ${losslessJson(record).slice(0, 80)}`);
    return record;
  });
}
