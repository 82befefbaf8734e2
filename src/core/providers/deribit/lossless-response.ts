/**
 * Lossless reading of Deribit JSON-RPC bodies. Every number is parsed as a LosslessNumber so amounts keep
 * the exact text Deribit sent ("3001.22270418", "0.04884653215049635"); ids and times become numbers only
 * after checking they are safe integers. Rows keep every field, known or not, in `raw`.
 */
import { isLosslessNumber, parse, stringify } from 'lossless-json';
import { toCountryCode } from '../../logins/country-code';
import { ProviderError } from './errors';
import type { AccessLogEvent, AccessLogPage, DecimalText, TransactionLogPage, TransactionLogRow } from './types';

export type JsonObject = Readonly<Record<string, unknown>>;

/** `usIn`: the server's receive time (µs since the epoch) when the body carried one. */
export type RpcEnvelope =
  | { readonly kind: 'result'; readonly result: unknown; readonly usIn?: number }
  | { readonly kind: 'error'; readonly code: number; readonly message: string; readonly data: unknown; readonly usIn?: number };

export function malformed(detail: string): ProviderError {
  return new ProviderError({
    kind: 'malformed_response',
    code: null,
    detail,
    userMessage: 'Deribit sent a response that could not be read (incomplete or unexpected). It is retried automatically.',
    retriable: true,
  });
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value);
}

/** Parses a body and checks the JSON-RPC envelope: a `result`, or an `error` with a numeric code. */
export function parseEnvelope(text: string): RpcEnvelope {
  let body: unknown;
  try {
    body = parse(text);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw malformed(`body is not valid JSON (${reason}; ${text.length} chars: ${text.slice(0, 80)})`);
  }
  if (!isJsonObject(body)) throw malformed('body is not a JSON object');
  const usIn = toSafeInteger(body.usIn);
  const stamp = usIn === null ? {} : { usIn };
  if ('error' in body && body.error !== null && body.error !== undefined) {
    const error = body.error;
    if (!isJsonObject(error)) throw malformed('"error" is not an object');
    const code = toSafeInteger(error.code);
    if (code === null) throw malformed('"error" has no numeric code');
    const message = typeof error.message === 'string' ? error.message : '';
    return { kind: 'error', code, message, data: error.data ?? null, ...stamp };
  }
  if (!('result' in body)) throw malformed('body has neither "result" nor "error"');
  return { kind: 'result', result: body.result, ...stamp };
}

/** A safe integer from a JSON number (or digit string); null when absent or not one. */
export function toSafeInteger(value: unknown): number | null {
  let text: string;
  if (isLosslessNumber(value)) text = value.toString();
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  else return null;
  if (!/^-?\d+$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

const DECIMAL_TEXT = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The exact decimal text of a JSON number (or a numeric string); null when absent, null or not numeric. */
export function toDecimalText(value: unknown): DecimalText | null {
  if (isLosslessNumber(value)) return value.toString();
  if (typeof value === 'string' && DECIMAL_TEXT.test(value)) return value;
  return null;
}

/** Strings stay as they are; numbers keep their text; anything else is absent. */
export function toText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (isLosslessNumber(value)) return value.toString();
  return null;
}

/** A free-form field (`info`, `data`) as text: a string as is, anything else as lossless JSON. */
export function toFreeText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  return stringify(value) ?? null;
}

export function losslessJson(value: unknown): string {
  return stringify(value) ?? 'null';
}

function required<T>(value: T | null, what: string, field: string, row: JsonObject): T {
  if (value === null) {
    const id = toText(row.id) ?? '?';
    throw malformed(`${what} row ${id} has no valid "${field}" (${losslessJson(row).slice(0, 200)})`);
  }
  return value;
}

/** One transaction-log row. `fallbackCurrency` fills `currency` only when the row omits it. */
export function toTransactionLogRow(row: unknown, fallbackCurrency: string): TransactionLogRow {
  if (!isJsonObject(row)) throw malformed(`transaction log entry is not an object: ${losslessJson(row).slice(0, 80)}`);
  const what = 'transaction log';
  return {
    id: required(toSafeInteger(row.id), what, 'id', row),
    userId: required(toSafeInteger(row.user_id), what, 'user_id', row),
    userSeq: required(toSafeInteger(row.user_seq), what, 'user_seq', row),
    timestamp: required(toSafeInteger(row.timestamp), what, 'timestamp', row),
    currency: typeof row.currency === 'string' ? row.currency : fallbackCurrency,
    type: required(typeof row.type === 'string' ? row.type : null, what, 'type', row),
    username: toText(row.username),
    instrumentName: toText(row.instrument_name),
    side: toText(row.side),
    change: required(toDecimalText(row.change), what, 'change', row),
    balance: required(toDecimalText(row.balance), what, 'balance', row),
    cashflow: toDecimalText(row.cashflow),
    commission: toDecimalText(row.commission),
    equity: toDecimalText(row.equity),
    amount: toDecimalText(row.amount),
    price: toDecimalText(row.price),
    position: toDecimalText(row.position),
    tradeId: toText(row.trade_id),
    orderId: toText(row.order_id),
    ip: toText(row.ip),
    infoText: toFreeText(row.info),
    raw: losslessJson(row),
  };
}

/** `result` of private/get_transaction_log: `{logs, continuation}`. */
export function toTransactionLogPage(result: unknown, fallbackCurrency: string): TransactionLogPage {
  if (!isJsonObject(result)) throw malformed('transaction log result is not an object');
  if (!Array.isArray(result.logs)) throw malformed('transaction log result has no "logs" array');
  const rawContinuation = result.continuation;
  let continuation: number | null = null;
  if (rawContinuation !== null && rawContinuation !== undefined) {
    continuation = toSafeInteger(rawContinuation);
    if (continuation === null) throw malformed(`continuation is not an integer: ${losslessJson(rawContinuation)}`);
  }
  return { rows: result.logs.map((row) => toTransactionLogRow(row, fallbackCurrency)), continuation };
}

/** One access-log event; the event name is in `log` (schema) or `result` (official example). */
export function toAccessLogEvent(entry: unknown): AccessLogEvent {
  if (!isJsonObject(entry)) throw malformed(`access log entry is not an object: ${losslessJson(entry).slice(0, 80)}`);
  const what = 'access log';
  const event = typeof entry.log === 'string' ? entry.log : typeof entry.result === 'string' ? entry.result : null;
  return {
    id: required(toSafeInteger(entry.id), what, 'id', entry),
    timestamp: required(toSafeInteger(entry.timestamp), what, 'timestamp', entry),
    ip: toText(entry.ip),
    // Deribit writes names in any case ("United Kingdom", "ROMANIA"): ISO 3166-1 alpha-2 like every source (raw keeps the text).
    country: toCountryCode(toText(entry.country)),
    city: toText(entry.city),
    event: required(event, what, 'log" or "result', entry),
    dataText: toFreeText(entry.data),
    raw: losslessJson(entry),
  };
}

/** `result` of private/get_access_log: a bare array (schema) or `{records_total, data}` (official example). */
export function toAccessLogPage(result: unknown): AccessLogPage {
  if (Array.isArray(result)) return { events: result.map(toAccessLogEvent), total: null };
  if (!isJsonObject(result)) throw malformed('access log result is neither an array nor an object');
  if (!Array.isArray(result.data)) throw malformed('access log result has no "data" array');
  return { events: result.data.map(toAccessLogEvent), total: toSafeInteger(result.records_total) };
}
