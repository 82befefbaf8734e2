/**
 * The two Ingedata Pulse HTTP calls, no retries: the API-key login (POST /api/v3/iam/auth/api/login →
 * `meta.token`) and one page of GET /api/v3/iam/account_logins (JSON:API). Bodies are parsed losslessly
 * so big ids keep their text.
 */
import { redactingSecrets } from '../deribit/errors';
import { isJsonObject, toSafeInteger, type JsonObject } from '../deribit/lossless-response';
import { exchangeText, type HttpAnswer, type HttpEndpoint } from '../http/http-exchange';
import { redactSecrets } from '../http/redact-secrets';
import { parseLossless, requireObjects, retryAfterMs } from '../http/response-body';
import {
  PulseRateLimitError,
  forbiddenError,
  fromPulseStatus,
  invalidKeyError,
  pulseCancelled,
  pulseMalformed,
  pulseNetworkError,
} from './ingedata-errors';

export const DEFAULT_PULSE_BASE_URL = 'https://pulse.ingedata.ai';
export const LOGIN_PATH = '/api/v3/iam/auth/api/login';
export const ACCOUNT_LOGINS_PATH = '/api/v3/iam/account_logins';

export type PulseEndpoint = HttpEndpoint;

export interface AccountLoginsQuery {
  readonly pageNumber: number;
  readonly pageSize: number;
  /** e.g. "-date,-id": newest first, ties broken by id so page boundaries are stable. */
  readonly sort: string;
  /** Inclusive date bounds as ISO text; omitted when the server rejected the filter. */
  readonly dateRange: { readonly gte: string; readonly lte: string } | null;
  readonly includeAccount: boolean;
}

export interface AccountLoginsPage {
  readonly records: readonly JsonObject[];
  readonly included: readonly JsonObject[];
  /** The collection size asked for by count=true; null when the server put it nowhere we know. */
  readonly total: number | null;
}

/** A 401 on a data call: the caller signs in again once before giving up. */
export class PulseTokenRejected extends Error {
  constructor(readonly serverMessage: string | null) {
    super(`HTTP 401${serverMessage === null ? '' : `: ${serverMessage}`}`);
    this.name = 'PulseTokenRejected';
  }
}

export function accountLoginsUrl(baseUrl: string, query: AccountLoginsQuery): string {
  const params = new URLSearchParams();
  params.set('page[number]', String(query.pageNumber));
  params.set('page[size]', String(query.pageSize));
  params.set('sort', query.sort);
  params.set('count', 'true');
  if (query.dateRange !== null) {
    // Operator syntax is undocumented; bracketed operators are the common JSON:API form. A 400 makes the
    // connector drop the filter and filter locally instead.
    params.set('filter[date][gte]', query.dateRange.gte);
    params.set('filter[date][lte]', query.dateRange.lte);
  }
  if (query.includeAccount) {
    params.append('included[]', 'account');
    params.append('included[]', 'account.person');
  }
  return `${trimBase(baseUrl)}${ACCOUNT_LOGINS_PATH}?${params.toString()}`;
}

function trimBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/api\/v3$/, '');
}

function exchange(endpoint: PulseEndpoint, url: string, init: Omit<RequestInit, 'signal'>, signal: AbortSignal): Promise<HttpAnswer> {
  return exchangeText(endpoint, { url, init, signal }, {
    service: 'Ingedata Pulse',
    cancelled: pulseCancelled,
    network: (reason) => pulseNetworkError(endpoint.baseUrl, reason),
  });
}

function parseBody(text: string): unknown {
  const parsed = parseLossless(text);
  return parsed.ok ? parsed.value : undefined;
}

/** The `message` of an error body (or a JSON:API `errors[0]`), else the start of a non-JSON body. */
export function errorMessage(text: string): string | null {
  const body = parseBody(text);
  if (isJsonObject(body)) {
    if (typeof body.message === 'string') return body.message;
    const first: unknown = Array.isArray(body.errors) ? body.errors[0] : undefined;
    if (isJsonObject(first)) {
      const m = first.detail ?? first.title ?? first.message;
      if (typeof m === 'string') return m;
    }
    return null;
  }
  const plain = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return plain === '' ? null : plain.slice(0, 120);
}

function rateLimited(endpoint: PulseEndpoint, answer: HttpAnswer): PulseRateLimitError {
  return new PulseRateLimitError(`HTTP 429${answer.text ? ` ${answer.text.slice(0, 120)}` : ''}`, retryAfterMs(answer.headers.get('retry-after'), endpoint.now()));
}

/** Exchanges the API key for a bearer token; an error leaves with the key redacted, wherever the server echoed it. */
export function postLogin(endpoint: PulseEndpoint, key: string, signal: AbortSignal): Promise<string> {
  return redactingSecrets([key], () => login(endpoint, key, signal));
}

async function login(endpoint: PulseEndpoint, key: string, signal: AbortSignal): Promise<string> {
  const answer = await exchange(
    endpoint,
    `${trimBase(endpoint.baseUrl)}${LOGIN_PATH}`,
    { method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify({ key }) },
    signal,
  );
  if (answer.status === 429) throw rateLimited(endpoint, answer);
  if (answer.status === 400 || answer.status === 401 || answer.status === 403 || answer.status === 422) {
    throw invalidKeyError(answer.status, errorMessage(answer.text), key);
  }
  if (answer.status >= 300) throw fromPulseStatus('login', answer.status, errorMessage(answer.text));
  const body = parseBody(answer.text);
  if (!isJsonObject(body)) throw pulseMalformed(`login: body is not a JSON object (${answer.text.slice(0, 80)})`);
  const meta = body.meta;
  const token = isJsonObject(meta) ? meta.token : undefined;
  if (typeof token !== 'string' || token === '') throw pulseMalformed(`login: no "meta.token" in ${answer.text.slice(0, 120)}`);
  return token;
}

/** Where count=true put the total is undocumented: meta.count, meta.total, meta.page.total. */
export function readTotal(body: JsonObject): number | null {
  const meta = body.meta;
  if (!isJsonObject(meta)) return null;
  const page = isJsonObject(meta.page) ? meta.page : {};
  for (const candidate of [meta.count, meta.total, meta.total_count, page.total, page.count]) {
    const n = toSafeInteger(candidate);
    if (n !== null && n >= 0) return n;
  }
  return null;
}

/** One page; an error leaves with the token redacted, wherever the server echoed it. */
export function getAccountLogins(
  endpoint: PulseEndpoint,
  token: string,
  query: AccountLoginsQuery,
  signal: AbortSignal,
): Promise<AccountLoginsPage> {
  return redactingSecrets([token], () => readAccountLogins(endpoint, token, query, signal));
}

async function readAccountLogins(
  endpoint: PulseEndpoint,
  token: string,
  query: AccountLoginsQuery,
  signal: AbortSignal,
): Promise<AccountLoginsPage> {
  const answer = await exchange(
    endpoint,
    accountLoginsUrl(endpoint.baseUrl, query),
    { method: 'GET', headers: { Accept: 'application/vnd.api+json, application/json', Authorization: `Bearer ${token}` } },
    signal,
  );
  if (answer.status === 429) throw rateLimited(endpoint, answer);
  if (answer.status === 401) {
    // Not a ProviderError (the session signs in again first): its quote of the body is redacted here.
    const message = errorMessage(answer.text);
    throw new PulseTokenRejected(message === null ? null : redactSecrets(message, [token]));
  }
  if (answer.status === 403) throw forbiddenError(errorMessage(answer.text));
  if (answer.status >= 300) throw fromPulseStatus('account_logins', answer.status, errorMessage(answer.text));
  const body = parseBody(answer.text);
  if (body === undefined) throw pulseMalformed(`account_logins: body is not valid JSON (${answer.text.length} chars: ${answer.text.slice(0, 80)})`);
  if (!isJsonObject(body)) throw pulseMalformed('account_logins: body is not a JSON object');
  if (!Array.isArray(body.data)) throw pulseMalformed(`account_logins: no "data" array (${answer.text.slice(0, 80)})`);
  const records = requireObjects(body.data, (i) => `data[${i}]`, pulseMalformed);
  const included = Array.isArray(body.included) ? body.included.filter(isJsonObject) : [];
  return { records, included, total: readTotal(body) };
}
