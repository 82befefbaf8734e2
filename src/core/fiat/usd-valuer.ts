/**
 * The USD value of a balance change, from Deribit's own price data. For a row of currency C, in order:
 *   1. the row's own `index_price` when its instrument is C's (e.g. BTC-PERPETUAL on a BTC row): the index
 *      at the row's moment;
 *   2. the row's `price` when `price_currency` is USD and the instrument is C's (futures, perpetuals,
 *      settlements, deliveries);
 *   3. Deribit's daily delivery price of the `c_usd` index (`public/get_delivery_prices`) for the row's
 *      UTC day, or the nearest earlier day up to MAX_STALE_DAYS back (the day used is named);
 *   4. USDC and USDT at 1 USD, labelled "par" everywhere it is used (Deribit publishes no USD delivery
 *      price for them);
 *   otherwise the row is unpriced and says why. A linear instrument's price (BTC_USDC-PERPETUAL on a
 *   USDC row) is the price of BTC, not of USDC: rule 1 and 2 never take it.
 * value = amount × price, rounded half-up to cents: exact (decimal.js at 60 digits, or the same on BigInt
 * integers (exact-amount.ts), held equal to decimal.js by a property test).
 */
import Decimal from 'decimal.js';
import { parseAmount, pow10, type ExactAmount } from '../export/exact-amount';
import { rawStringField, rawNumberText } from '../export/raw-row-fields';
import type { DecimalText, TransactionLogRow } from '../providers/deribit/types';

export const DAY_MS = 86_400_000;
/** A day without a published price (an outage, or today before 08:00 UTC) takes the previous day's, up to this many days back. */
export const MAX_STALE_DAYS = 3;
/** Stablecoins valued at par, with the label saying so. */
export const PAR_CURRENCIES: ReadonlySet<string> = new Set(['USDC', 'USDT']);

/** Exact: 60 significant digits before the one rounding to cents. */
const Usd = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });

export type PriceSourceKind = 'row-index-price' | 'row-price' | 'delivery-price' | 'par';

export interface UsdPrice {
  /** USD per unit of the row's currency, exact text. */
  readonly price: DecimalText;
  readonly source: PriceSourceKind;
  /** For people and files, e.g. "Deribit btc_usd delivery price of 2025-03-04" or "the row's index_price". */
  readonly label: string;
}

export type UsdValuation =
  | { readonly priced: true; readonly price: UsdPrice; /** change × price in USD, 2 decimals */ readonly usd: string }
  | { readonly priced: false; readonly reason: string };

export interface DeliveryPriceRecord {
  readonly indexName: string;
  /** YYYY-MM-DD (UTC). */
  readonly date: string;
  readonly price: DecimalText;
}

/** What the price cache knows about one index, for "unpriced" reasons and coverage lines. */
export interface IndexCoverage {
  readonly indexName: string;
  /** First and last day held; null when nothing is held. */
  readonly oldest: string | null;
  readonly newest: string | null;
  /** Why nothing can be held (e.g. Deribit publishes no such index), or null. */
  readonly unavailable: string | null;
}

export function indexNameOf(currency: string): string {
  return `${currency.toLowerCase()}_usd`;
}

function dayOf(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

interface DailySeries {
  readonly firstDay: number;
  /** Per day from firstDay: the record index of the price to use (carried forward up to MAX_STALE_DAYS), or -1. */
  readonly slots: Int32Array;
  readonly records: readonly DeliveryPriceRecord[];
  /** Per record, its UsdPrice once asked for: a million rows share a few thousand (and the export caches by it). */
  readonly prices: (UsdPrice | undefined)[];
}

function buildSeries(records: readonly DeliveryPriceRecord[]): DailySeries | null {
  const sorted = [...records].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (sorted.length === 0) return null;
  const firstDay = dayOf((sorted[0] as DeliveryPriceRecord).date);
  const lastDay = dayOf((sorted[sorted.length - 1] as DeliveryPriceRecord).date) + MAX_STALE_DAYS;
  const slots = new Int32Array(lastDay - firstDay + 1).fill(-1);
  sorted.forEach((r, i) => {
    slots[dayOf(r.date) - firstDay] = i;
  });
  let last = -1;
  let lastAt = -Infinity;
  for (let d = 0; d < slots.length; d++) {
    const here = slots[d] as number;
    if (here >= 0) {
      last = here;
      lastAt = d;
    } else if (last >= 0 && d - lastAt <= MAX_STALE_DAYS) slots[d] = last;
  }
  return { firstDay, slots, records: sorted, prices: [] };
}

/** The exact value of a decimal text (exponent forms included), or null for text that is not one. */
function scaled(text: string): ExactAmount | null {
  try {
    return parseAmount(text);
  } catch {
    return null;
  }
}

/**
 * amount × price rounded half-up (half away from zero, as decimal.js ROUND_HALF_UP) to cents, on exact
 * integers: the export's hot path (a million rows). Gives exactly what decimal.js gives (a property test
 * checks it against decimal.js); text that is no decimal at all goes to decimal.js, which refuses it.
 */
function timesToCents(a: ExactAmount, p: ExactAmount): string {
  const product = a.units * p.units;
  const decimals = a.scale + p.scale;
  const negative = product < 0n;
  let magnitude = negative ? -product : product;
  if (decimals <= 2) magnitude *= pow10(2 - decimals);
  else {
    const unit = pow10(decimals - 2);
    const rest = magnitude % unit;
    magnitude /= unit;
    if (rest * 2n >= unit) magnitude += 1n;
  }
  const digits = magnitude.toString().padStart(3, '0');
  return `${negative && magnitude !== 0n ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Parses each distinct price text once (a million rows share a few thousand daily prices). */
class PriceCache {
  private readonly map = new Map<string, ExactAmount | null>();
  get(text: string): ExactAmount | null {
    let s = this.map.get(text);
    if (s === undefined) {
      if (this.map.size > 50_000) this.map.clear();
      s = scaled(text);
      this.map.set(text, s);
    }
    return s;
  }
}

/** Decimal text without an exponent ("1e-8" → "0.00000001"), as Beancount and spreadsheets want it. */
export function plainDecimal(text: DecimalText): string {
  return /[eE]/.test(text) ? new Usd(text).toFixed() : text;
}

/** `amount` × `price` in USD, rounded half-up to cents ("-0.00" written "0.00"). */
export function usdAmount(amount: DecimalText, price: DecimalText): string {
  return roundCents(new Usd(amount).times(new Usd(price)));
}

function roundCents(value: Decimal): string {
  const text = value.toFixed(2, Decimal.ROUND_HALF_UP);
  return text === '-0.00' ? '0.00' : text;
}

/** Positive, finite decimal text (a row's price field can be 0, negative or garbage: never a valuation). */
function usablePrice(text: string | null): text is string {
  return text !== null && /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text) && /[1-9]/.test(text.replace(/[eE][+-]?\d+$/, ''));
}

export class UsdValuer {
  private readonly series = new Map<string, DailySeries | null>();
  private readonly prices = new PriceCache();
  /** Per currency: its par price, its delivery-price series, or null (neither). */
  private readonly byCurrency = new Map<string, UsdPrice | DailySeries | null>();

  constructor(
    records: readonly DeliveryPriceRecord[],
    private readonly coverage: ReadonlyMap<string, IndexCoverage> = new Map(),
  ) {
    const byIndex = new Map<string, DeliveryPriceRecord[]>();
    for (const r of records) {
      let list = byIndex.get(r.indexName);
      if (!list) byIndex.set(r.indexName, (list = []));
      list.push(r);
    }
    for (const [index, list] of byIndex) this.series.set(index, buildSeries(list));
  }

  /** The day's reference price of `currency` (delivery price or par), without looking at any row. */
  dailyPrice(currency: string, timestamp: number): UsdPrice | null {
    let byCurrency = this.byCurrency.get(currency);
    if (byCurrency === undefined) {
      byCurrency = PAR_CURRENCIES.has(currency)
        ? { price: '1', source: 'par', label: `${currency} counted as 1 USD (par)` }
        : (this.series.get(indexNameOf(currency)) ?? null);
      this.byCurrency.set(currency, byCurrency);
    }
    if (byCurrency === null || !('slots' in byCurrency)) return byCurrency;
    const series = byCurrency;
    const slot = series.slots[Math.floor(timestamp / DAY_MS) - series.firstDay];
    if (slot === undefined || slot < 0) return null;
    let price = series.prices[slot];
    if (price === undefined) {
      const record = series.records[slot] as DeliveryPriceRecord;
      price = { price: record.price, source: 'delivery-price', label: `Deribit ${record.indexName} delivery price of ${record.date}` };
      series.prices[slot] = price;
    }
    return price;
  }

  /** The price a row is valued at, by the rules above; null when none applies. */
  priceOf(row: TransactionLogRow): UsdPrice | null {
    const instrument = row.instrumentName;
    const currency = row.currency;
    // instrument.startsWith(`${currency}-`), without a string per row.
    if (instrument !== null && instrument.charCodeAt(currency.length) === 45 && instrument.startsWith(currency)) {
      const index = rawNumberText(row.raw, 'index_price');
      if (usablePrice(index)) return { price: index, source: 'row-index-price', label: `the row's index_price (${instrument})` };
      if (usablePrice(row.price) && rawStringField(row.raw, 'price_currency') === 'USD') {
        return { price: row.price, source: 'row-price', label: `the row's price in USD (${instrument})` };
      }
    }
    return this.dailyPrice(row.currency, row.timestamp);
  }

  /** Why a row of `currency` at `timestamp` has no price, in words. */
  unpricedReason(currency: string, timestamp: number): string {
    const index = indexNameOf(currency);
    const known = this.coverage.get(index);
    const day = new Date(timestamp).toISOString().slice(0, 10);
    if (known?.unavailable) return `no USD price: ${known.unavailable}`;
    if (!known || known.oldest === null || known.newest === null) return `no USD price: the ${index} price history has not been downloaded`;
    if (day < known.oldest) return `no USD price: Deribit's ${index} history starts on ${known.oldest}, after this row (${day})`;
    if (day > known.newest) return `no USD price: ${index} prices are downloaded up to ${known.newest}; update prices to value this row (${day})`;
    return `no USD price: Deribit published no ${index} price within ${MAX_STALE_DAYS} days before ${day}`;
  }

  /** The row's change in USD. */
  value(row: TransactionLogRow): UsdValuation {
    return this.valueOf(row, row.change);
  }

  /** Any amount of the row's currency at the row's price (a fee, a line's amount). */
  valueOf(row: TransactionLogRow, amount: DecimalText): UsdValuation {
    const price = this.priceOf(row);
    if (price === null) return { priced: false, reason: this.unpricedReason(row.currency, row.timestamp) };
    return { priced: true, price, usd: this.times(amount, price.price) };
  }

  /** amount × price rounded half-up to cents, with the price parsed once. */
  times(amount: DecimalText, price: DecimalText): string {
    const p = this.prices.get(price);
    const a = p === null ? null : scaled(amount);
    return p !== null && a !== null ? timesToCents(a, p) : usdAmount(amount, price);
  }
}
