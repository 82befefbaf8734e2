/**
 * One GET of `/accounts/{account_id}/access/logs/access_requests`, no retries: returns the records of
 * `result` (parsed losslessly so unknown numeric fields keep their text) or throws a classified error.
 */
import { redactingSecrets } from '../deribit/errors';
import { isJsonObject, losslessJson, toSafeInteger, type JsonObject } from '../deribit/lossless-response';
import { exchangeText, type HttpEndpoint } from '../http/http-exchange';
import { parseLossless, requireObjects, retryAfterMs } from '../http/response-body';
import {
  CloudflareRateLimitError,
  cloudflareCancelled,
  cloudflareMalformed,
  cloudflareNetworkError,
  fromCloudflareStatus,
  type CloudflareApiError,
  type CloudflareCredentials,
} from './cloudflare-errors';

export const DEFAULT_CLOUDFLARE_BASE_URL = 'https://api.cloudflare.com/client/v4';

export interface AccessRequestsEndpoint extends HttpEndpoint {
  readonly accountId: string;
  readonly credentials: CloudflareCredentials;
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

function readErrors(body: JsonObject): CloudflareApiError[] {
  if (!Array.isArray(body.errors)) return [];
  return body.errors.map((e: unknown) =>
    isJsonObject(e)
      ? { code: toSafeInteger(e.code), message: typeof e.message === 'string' ? e.message : losslessJson(e) }
      : { code: null, message: losslessJson(e) },
  );
}

/** The credential values, to redact from errors whatever the server echoed (the email is not secret). */
export function credentialSecrets(credentials: CloudflareCredentials): string[] {
  return credentials.kind === 'api-token' ? [credentials.token] : [credentials.key];
}

/** One page; an error leaves with the token or key redacted, wherever the server echoed it. */
export function getAccessRequests(
  endpoint: AccessRequestsEndpoint,
  query: AccessRequestsQuery,
  signal: AbortSignal,
): Promise<readonly JsonObject[]> {
  return redactingSecrets(credentialSecrets(endpoint.credentials), () => readAccessRequests(endpoint, query, signal));
}

async function readAccessRequests(
  endpoint: AccessRequestsEndpoint,
  query: AccessRequestsQuery,
  signal: AbortSignal,
): Promise<readonly JsonObject[]> {
  const { status, text, headers } = await exchangeText(
    endpoint,
    { url: accessRequestsUrl(endpoint, query), init: { headers: { Accept: 'application/json', ...authHeaders(endpoint.credentials) } }, signal },
    { service: 'Cloudflare', cancelled: cloudflareCancelled, network: (reason) => cloudflareNetworkError(endpoint.baseUrl, reason) },
  );
  if (status === 429) {
    throw new CloudflareRateLimitError(`HTTP 429 ${text.slice(0, 120)}`, retryAfterMs(headers.get('retry-after'), endpoint.now()));
  }
  const parsed = parseLossless(text);
  if (!parsed.ok) {
    // A proxy's HTML error page is not a Cloudflare API answer: classify it by status alone.
    if (status >= 400) throw fromCloudflareStatus(status, [{ code: null, message: text.slice(0, 120).replace(/\s+/g, ' ') }], endpoint.credentials, endpoint.accountId);
    throw cloudflareMalformed(`body is not valid JSON (${parsed.reason}; ${text.length} chars: ${text.slice(0, 80)})`);
  }
  const body = parsed.value;
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
  return requireObjects(result, (i) => `result[${i}]`, cloudflareMalformed);
}
