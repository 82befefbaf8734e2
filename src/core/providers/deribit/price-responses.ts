/**
 * Results of Deribit's public price history, read losslessly: `public/get_delivery_prices` answers
 * `{data: [{date: "2024-03-01", delivery_price: 61234.56}], records_total}` (newest first), one price per
 * day, the index's value at the 08:00 UTC delivery. A price keeps its exact decimal text. An entry whose date
 * is not a real calendar day, or whose price is not a positive decimal, makes the page unreadable: a wrong
 * price would silently become a wrong USD value in a tax file.
 */
import { isJsonObject, losslessJson, malformed, toDecimalText, toSafeInteger, toText } from './lossless-response';
import type { DecimalText } from './types';

export interface DeliveryPrice {
  /** UTC calendar day, YYYY-MM-DD. */
  readonly date: string;
  /** USD per unit of the index's base currency, as sent. */
  readonly price: DecimalText;
}

export interface DeliveryPricePage {
  /** Newest first as Deribit sends them (never relied upon: callers key by date). */
  readonly records: readonly DeliveryPrice[];
  /** `records_total`, or null when the server did not send it. */
  readonly total: number | null;
}

/** Index names as Deribit spells them (`btc_usd`, `eth_usd`, `sol_usdc`): lower case, digits, underscore. */
export const INDEX_NAME_PATTERN = /^[a-z0-9]{2,16}_[a-z0-9]{2,8}$/;

/** True for a real calendar day written YYYY-MM-DD (2025-02-30 is not one). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === text;
}

const POSITIVE_DECIMAL = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function isPositiveDecimal(text: string): boolean {
  return POSITIVE_DECIMAL.test(text) && /[1-9]/.test(text.replace(/[eE][+-]?\d+$/, ''));
}

export function toDeliveryPricePage(result: unknown, indexName: string): DeliveryPricePage {
  const entries = Array.isArray(result) ? result : isJsonObject(result) ? result.data : undefined;
  if (!Array.isArray(entries)) {
    throw malformed(`get_delivery_prices(${indexName}) answered without a "data" list: ${losslessJson(result).slice(0, 200)}`);
  }
  const records: DeliveryPrice[] = entries.map((entry) => {
    if (!isJsonObject(entry)) throw malformed(`delivery price entry is not an object: ${losslessJson(entry).slice(0, 80)}`);
    const date = toText(entry.date);
    const price = toDecimalText(entry.delivery_price);
    if (date === null || !isCalendarDate(date)) {
      throw malformed(`delivery price of ${indexName} with an impossible date: ${losslessJson(entry).slice(0, 120)}`);
    }
    if (price === null || !isPositiveDecimal(price)) {
      throw malformed(`delivery price of ${indexName} on ${date} is not a positive number: ${losslessJson(entry).slice(0, 120)}`);
    }
    return { date, price };
  });
  return { records, total: isJsonObject(result) ? toSafeInteger(result.records_total) : null };
}
