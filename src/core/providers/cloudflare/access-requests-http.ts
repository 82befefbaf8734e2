/**
 * One GET of `/accounts/{account_id}/access/logs/access_requests`, no retries: returns the records of
 * `result` (parsed losslessly so unknown numeric fields keep their text) or throws a classified error.
 * The timeout is a real timer on purpose: it bounds socket I/O, which an injected clock must not stretch.
 */
import { parse } from 'lossless-json';
import type { ProviderError } from '../deribit/errors';
import { isJsonObject, losslessJson, toSafeInteger, type JsonObject } from '../deribit/lossless-response';
import {
  CloudflareRateLimitError,
  cloudflareCancelled,
  cloudflareMalformed,
  cloudflareNetworkError,
  fromCloudflareStatus,
  type CloudflareApiError,
  type CloudflareCredentials,
} from './cloudflare-errors';

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

export const DEFAULT_CLOUDFLARE_BASE_URL = 'https://api.cloudflare.com/client/v4';

export interface AccessRequestsEndpoint {
  readonly baseUrl: string;
  readonly accountId: string;
  readonly credentials: CloudflareCredentials;
  readonly fetch: FetchFn;
  readonly timeoutMs: number;
  /** Wall clock, only to read an HTTP-date Retry-After. */
  readonly now: () => number;
}

export interface AccessRequestsQuery {
  readonly since: string;
  readonly until: string;
  readonly direction: 'asc' | 'desc';
  readonly perPage: number;
  readonly page: number;
  readonly limit: number;
}

export function accessRequestsUrl(endpoint: Pick<AccessRequestsEndpoint, 'baseUrl' | 'accountId'>, query: AccessRequestsQuery): string {
  const params = new URLSearchParams({
    since: query.since,
    until: query.until,
    direction: query.direction,
    per_page: String(query.perPage),
    page: String(query.page),
    limit: String(query.limit),
  });
  const base = endpoint.baseUrl.replace(/\/+$/, '');
  return `${base}/accounts/${encodeURIComponent(endpoint.accountId)}/access/logs/access_requests?${params.toString()}`;
}

export function authHeaders(credentials: CloudflareCredentials): Record<string, string> {
  return credentials.kind === 'api-token'
    ? { Authorization: `Bearer ${credentials.token}` }
    : { 'X-Auth-Email': credentials.email, 'X-Auth-Key': credentials.key };
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

function readErrors(body: JsonObject): CloudflareApiError[] {
  if (!Array.isArray(body.errors)) return [];
  return body.errors.map((e: unknown) =>
    isJsonObject(e)
      ? { code: toSafeInteger(e.code), message: typeof e.message === 'string' ? e.message : losslessJson(e) }
      : { code: null, message: losslessJson(e) },
  );
}

export async function getAccessRequests(
  endpoint: AccessRequestsEndpoint,
  query: AccessRequestsQuery,
  signal: AbortSignal,
): Promise<readonly JsonObject[]> {
  if (signal.aborted) throw cloudflareCancelled();
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new Error(`no answer within ${endpoint.timeoutMs} ms`)), endpoint.timeoutMs);
  const combined = AbortSignal.any([signal, timeout.signal]);
  const failure = (stage: string, e: unknown): ProviderError => {
    if (signal.aborted) return cloudflareCancelled();
    if (timeout.signal.aborted) return cloudflareNetworkError(endpoint.baseUrl, `timeout: no answer within ${endpoint.timeoutMs} ms`);
    return cloudflareNetworkError(endpoint.baseUrl, `${stage}: ${reasonText(e)}`);
  };

  let response: Response;
  let text: string;
  try {
    try {
      response = await endpoint.fetch(accessRequestsUrl(endpoint, query), {
        headers: { Accept: 'application/json', ...authHeaders(endpoint.credentials) },
        signal: combined,
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
  }

  const status = response.status;
  if (status === 429) {
    throw new CloudflareRateLimitError(`HTTP 429 ${text.slice(0, 120)}`, retryAfterMs(response.headers.get('retry-after'), endpoint.now()));
  }
  let body: unknown;
  try {
    body = parse(text);
  } catch (e) {
    // A proxy's HTML error page is not a Cloudflare API answer: classify it by status alone.
    if (status >= 400) throw fromCloudflareStatus(status, [{ code: null, message: text.slice(0, 120).replace(/\s+/g, ' ') }], endpoint.credentials, endpoint.accountId);
    throw cloudflareMalformed(`body is not valid JSON (${reasonText(e)}; ${text.length} chars: ${text.slice(0, 80)})`);
  }
  if (!isJsonObject(body)) {
    if (status >= 400) throw fromCloudflareStatus(status, [], endpoint.credentials, endpoint.accountId);
    throw cloudflareMalformed('body is not a JSON object');
  }
  if (status >= 300 || body.success === false) {
    throw fromCloudflareStatus(status >= 300 ? status : 400, readErrors(body), endpoint.credentials, endpoint.accountId);
  }
  if (body.success !== true) throw cloudflareMalformed(`envelope has no "success": true (${text.slice(0, 80)})`);
  const result = body.result;
  // `result` is optional in the schema: absent or null means no records.
  if (result === undefined || result === null) return [];
  if (!Array.isArray(result)) throw cloudflareMalformed('"result" is not an array');
  return result.map((record: unknown, i: number) => {
    if (!isJsonObject(record)) throw cloudflareMalformed(`result[${i}] is not an object: ${losslessJson(record).slice(0, 80)}`);
    return record;
  });
}
