/**
 * What every format shares about USD values: one valuation per row (counted, so the notes can say how many
 * rows have a value and how many do not, and why), and the notes themselves.
 */
import type { UsdValuation, UsdValuer } from '../fiat/usd-valuer';
import type { TransactionLogRow } from '../providers/deribit/types';
import type { ExportContext } from './export-types';

/** A UsdCounter's counts as plain data (they travel between threads when an export is split). */
export interface UsdTally {
  readonly priced: number;
  readonly unpriced: number;
  /** In order of first use: the notes list sources in that order. */
  readonly bySource: readonly (readonly [string, number])[];
}

export class UsdCounter {
  priced = 0;
  unpriced = 0;
  /** Sources used, e.g. "delivery-price" → rows. */
  readonly bySource = new Map<string, number>();

  constructor(readonly valuer: UsdValuer | null) {}

  /** The row's change valued (null when the export has no price data at all). */
  value(row: TransactionLogRow): UsdValuation | null {
    if (this.valuer === null) return null;
    return this.count(this.valuer.value(row));
  }

  /** `amount` of the row's currency valued at the row's price. */
  valueOf(row: TransactionLogRow, amount: string): UsdValuation | null {
    if (this.valuer === null) return null;
    return this.count(this.valuer.valueOf(row, amount));
  }

  tally(): UsdTally {
    return { priced: this.priced, unpriced: this.unpriced, bySource: [...this.bySource] };
  }

  /** Counts of rows that come after the ones counted here (in export order, so sources keep their order of first use). */
  addTally(t: UsdTally): void {
    this.priced += t.priced;
    this.unpriced += t.unpriced;
    for (const [source, n] of t.bySource) this.bySource.set(source, (this.bySource.get(source) ?? 0) + n);
  }

  private count(v: UsdValuation): UsdValuation {
    if (v.priced) {
      this.priced++;
      this.bySource.set(v.price.source, (this.bySource.get(v.price.source) ?? 0) + 1);
    } else this.unpriced++;
    return v;
  }
}

const SOURCE_WORDS: Readonly<Record<string, string>> = {
  'row-index-price': "the row's own index_price",
  'row-price': "the row's own price in USD",
  'delivery-price': "Deribit's daily delivery price of the currency's USD index",
  par: 'par (USDC and USDT counted as 1 USD)',
};

/** Sidecar lines: how values were made, which prices were available, and how many values are missing. */
export function usdNotes(ctx: ExportContext, usd: UsdCounter, what: string): string[] {
  if (ctx.usd === undefined) return ['USD values: none (no price data was available to this export).'];
  const sources = [...usd.bySource].map(([k, n]) => `${SOURCE_WORDS[k] ?? k}: ${n}`).join('; ');
  return [
    `USD values: ${what}, rounded half-up to cents. Prices, in order of preference: the row's own index_price or USD price when its instrument is the row's currency, else Deribit's daily delivery price (08:00 UTC) of the day or up to 3 days before, else par for USDC/USDT.`,
    `Values given: ${usd.priced}${sources === '' ? '' : ` (${sources})`}; without a price: ${usd.unpriced} (left empty, never 0).`,
    ...ctx.usd.coverage.map((line) => `Price data: ${line}`),
  ];
}
