/**
 * One `POST {base}/v2/Account/AuditLog`, no retries: returns the records of the bare JSON array (parsed
 * losslessly, whatever the Content-Type says — NLPearl may label JSON as text/plain) or throws a classified
 * error.
 */
import { redactingSecrets } from '../deribit/errors';
import type { JsonObject } from '../deribit/lossless-response';
import { exchangeText, type HttpEndpoint } from '../http/http-exchange';
import { parseLossless, requireObjects, retryAfterMs } from '../http/response-body';
import { NlpearlRateLimitError, fromNlpearlStatus, nlpearlCancelled, nlpearlMalformed, nlpearlNetworkError } from './nlpearl-errors';

export const DEFAULT_NLPEARL_BASE_URL = 'https://api.nlpearl.ai';
export const AUDIT_LOG_PATH = '/v2/Account/AuditLog';

export interface AuditLogEndpoint extends HttpEndpoint {
  readonly accountId: string;
  readonly secretKey: string;
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

/** One query; an error leaves with the secret key redacted, wherever the server echoed it. */
export function postAuditLog(endpoint: AuditLogEndpoint, query: AuditLogQuery, signal: AbortSignal): Promise<readonly JsonObject[]> {
  return redactingSecrets([endpoint.secretKey], () => readAuditLog(endpoint, query, signal));
}

async function readAuditLog(endpoint: AuditLogEndpoint, query: AuditLogQuery, signal: AbortSignal): Promise<readonly JsonObject[]> {
  const { status, text, headers } = await exchangeText(
    endpoint,
    {
      url: auditLogUrl(endpoint.baseUrl),
      init: {
        method: 'POST',
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/json',
          Authorization: `Bearer ${endpoint.accountId}:${endpoint.secretKey}`,
        },
        body: JSON.stringify(query),
      },
      signal,
    },
    { service: 'NLPearl', cancelled: nlpearlCancelled, network: (reason) => nlpearlNetworkError(endpoint.baseUrl, reason) },
  );
  if (status === 429 || status === 503) {
    throw new NlpearlRateLimitError(status, `HTTP ${status} ${text.slice(0, 120)}`, retryAfterMs(headers.get('retry-after'), endpoint.now()));
  }
  if (status === 204) return [];
  const parsed = parseLossless(text.replace(/^\uFEFF/, ''));
  if (status < 200 || status >= 300) {
    throw fromNlpearlStatus(status, parsed.ok ? parsed.value : undefined, text, endpoint.accountId);
  }
  if (!parsed.ok) throw nlpearlMalformed(`body is not valid JSON (${parsed.reason}; ${text.length} chars: ${text.slice(0, 80)})`);
  const body = parsed.value;
  // `null` is what ASP.NET writes for a null list: no records.
  if (body === null) return [];
  if (!Array.isArray(body)) throw nlpearlMalformed(`body is not a JSON array (${text.slice(0, 80)})`);
  return requireObjects(body, (i) => `record ${i}`, nlpearlMalformed);
}
