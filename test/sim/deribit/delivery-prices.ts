/**
 * Seeded daily delivery prices (`public/get_delivery_prices`): one price per index and UTC day, the same
 * for the same seed, index and day wherever it is asked. Prices wander smoothly (BTC between roughly 15k
 * and 110k USD, ETH a twentieth of it, SOL a five-hundredth) with 4 decimals, so valuing a row exercises
 * rounding. Deribit publishes a day's price at its 08:00 UTC delivery: before that, today has none.
 *
 * Undocumented or hostile behaviour is an option: the first day an index has prices, days missing, the
 * order of the list (documented newest first), and which index names exist (Deribit answers -32602 for
 * others; the simulator has no `usdc_usd`, so USDC values must come from the app's stated par rule).
 */
import { invalidParams } from './rpc-errors';
import { raw, toJsonText } from './raw-json';

export interface DeliveryPriceOptions {
  /** Index names served; default the dataset's non-stable currencies as `<currency>_usd`. */
  readonly indexes?: readonly string[];
  /** First day with a price (YYYY-MM-DD); default 2018-01-01. Rows before it cannot be priced from history. */
  readonly firstDate?: string;
  /** Days without a price (an outage), per index name or for all ('*'). */
  readonly missingDates?: Readonly<Record<string, readonly string[]>>;
  /** Documented: newest first. 'oldest-first' for a server that ignores it. */
  readonly order?: 'newest-first' | 'oldest-first';
  /** Largest `count` honoured (Deribit's documented maximum is 1000); more is answered with this many. */
  readonly maxCount?: number;
}

const DAY_MS = 86_400_000;
const DELIVERY_HOUR_MS = 8 * 3_600_000;
const STABLE = new Set(['USDC', 'USDT', 'USDE', 'EURR', 'USYC']);
/** Price level of each base relative to BTC (ETH a twentieth, SOL a five-hundredth...). */
const RELATIVE: Readonly<Record<string, number>> = { btc: 1, eth: 1 / 20, sol: 1 / 500, xrp: 1 / 60_000, paxg: 1 / 30, bnb: 1 / 150 };

export function defaultPriceIndexes(currencies: readonly string[]): string[] {
  return currencies.filter((c) => !STABLE.has(c)).map((c) => `${c.toLowerCase()}_usd`);
}

function dayOf(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A 32-bit mix of (seed, index, day): the per-day wobble, reproducible without walking every earlier day. */
function hash(seed: number, text: string, day: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  h = Math.imul(h ^ day, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** The seeded delivery price of `index` on `date` as exact decimal text (4 decimals), or null for an unknown base. */
export function seededDeliveryPrice(seed: number, index: string, date: string): string | null {
  const base = index.slice(0, index.indexOf('_'));
  const relative = RELATIVE[base];
  if (relative === undefined) return null;
  const day = dayOf(date);
  // Slow waves (years, months) plus a daily wobble of up to ±1.5 %; ten-thousandths of a dollar.
  const level = 55_000 * Math.exp(0.6 * Math.sin(day / 180 + (seed % 7)) + 0.15 * Math.sin(day / 23 + (seed % 11)));
  const wobble = 1 + ((hash(seed, index, day) % 30_001) - 15_000) / 1_000_000;
  const tenThousandths = Math.max(1, Math.round(level * relative * wobble * 10_000));
  const text = String(tenThousandths).padStart(5, '0');
  return `${text.slice(0, -4)}.${text.slice(-4)}`;
}

export class DeliveryPrices {
  private readonly indexes: ReadonlySet<string>;

  constructor(
    private readonly seed: number,
    currencies: readonly string[],
    private readonly options: DeliveryPriceOptions = {},
  ) {
    this.indexes = new Set(options.indexes ?? defaultPriceIndexes(currencies));
  }

  /** Every day with a price of `index` up to `now`, oldest first (truth for tests). */
  days(index: string, now: number): { date: string; price: string }[] {
    if (!this.indexes.has(index)) return [];
    const first = dayOf(this.options.firstDate ?? '2018-01-01');
    // Today's price exists once its 08:00 UTC delivery has happened.
    const last = Math.floor((now - DELIVERY_HOUR_MS) / DAY_MS);
    const missing = new Set([...(this.options.missingDates?.[index] ?? []), ...(this.options.missingDates?.['*'] ?? [])]);
    const out: { date: string; price: string }[] = [];
    for (let day = first; day <= last; day++) {
      const date = dateOf(day);
      if (missing.has(date)) continue;
      const price = seededDeliveryPrice(this.seed, index, date);
      if (price !== null) out.push({ date, price });
    }
    return out;
  }

  /** The JSON text of `result` for one request. */
  answer(params: Readonly<Record<string, string>>, now: number): string {
    const index = params.index_name;
    if (index === undefined || index === '') throw invalidParams('index_name', 'required');
    if (!this.indexes.has(index)) throw invalidParams('index_name', `must be one of: ${[...this.indexes].join(', ')}`);
    const offset = params.offset === undefined ? 0 : Number(params.offset);
    const count = params.count === undefined ? 10 : Number(params.count);
    if (!Number.isSafeInteger(offset) || offset < 0) throw invalidParams('offset', 'must be a non-negative integer');
    if (!Number.isSafeInteger(count) || count < 1) throw invalidParams('count', 'must be a positive integer');
    const all = this.days(index, now);
    const ordered = (this.options.order ?? 'newest-first') === 'newest-first' ? all.reverse() : all;
    const page = ordered.slice(offset, offset + Math.min(count, this.options.maxCount ?? 1000));
    return toJsonText({
      data: page.map((p) => ({ date: p.date, delivery_price: raw(p.price) })),
      records_total: all.length,
    });
  }
}
