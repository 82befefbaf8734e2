/**
 * Per-year USD totals of what an accountant books from a derivatives account: realized PnL, fees,
 * funding and income, per account, user and currency, each row valued at its own price (usd-valuer.ts)
 * and rounded to cents per row (so the totals add up from the per-row values a file shows). Rows without a
 * price are counted and listed, never valued at zero in silence.
 *
 * Parts of a row (Deribit: change = cash − commission):
 *   fees      −commission (trading and withdrawal fees; a rebate is a negative fee)
 *   funding   `interest_pl` of a settlement row (perpetual funding)
 *   realized  cash of trades, settlements and deliveries, less the funding part
 *   income    cash of staking/bonus distributions
 */
import { INCOME_KINDS } from '../recon/classify';
import { addAmounts, formatAmount, negateAmount, parseAmount, parseOptionalAmount, signOf } from '../export/exact-amount';
import { ZonedDates } from '../export/export-dates';
import { fundingOf } from '../export/raw-row-fields';
import { PNL_KINDS } from '../export/row-cash';
import type { TransactionLogRow } from '../providers/deribit/types';
import type { UsdValuer } from './usd-valuer';

export interface UsdYearTotals {
  readonly accountKey: string;
  readonly userId: number;
  readonly currency: string;
  /** Calendar year in the period's time zone. */
  readonly year: string;
  /** USD, 2 decimals, signed as the balance moved (a loss or a fee is negative). */
  readonly realizedPnl: string;
  readonly fees: string;
  readonly funding: string;
  readonly income: string;
  readonly rows: number;
  readonly unpricedRows: number;
}

export interface UnpricedRow {
  readonly accountKey: string;
  readonly userId: number;
  readonly currency: string;
  readonly id: number;
  readonly timestamp: number;
  readonly type: string;
  readonly change: string;
  readonly reason: string;
}

export interface UsdSummary {
  readonly totals: readonly UsdYearTotals[];
  /** The first `listLimit` unpriced rows in the order seen; `unpricedCount` counts them all. */
  readonly unpriced: readonly UnpricedRow[];
  readonly unpricedCount: number;
  readonly rows: number;
}

interface Acc {
  readonly accountKey: string;
  readonly userId: number;
  readonly currency: string;
  readonly year: string;
  pnl: bigint;
  fees: bigint;
  funding: bigint;
  income: bigint;
  rows: number;
  unpriced: number;
}

/** "-12.34" → -1234n (the valuer always writes exactly two decimals). */
function cents(usd: string): bigint {
  return BigInt(usd.replace('.', ''));
}

function centsText(value: bigint): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Exact sum of USD texts with two decimals. */
export function sumUsd(values: readonly string[]): string {
  return centsText(values.reduce((sum, v) => sum + cents(v), 0n));
}

export class UsdTotalsBuilder {
  private readonly dates: ZonedDates;
  private readonly accs = new Map<string, Acc>();
  private readonly unpriced: UnpricedRow[] = [];
  private unpricedCount = 0;
  private rows = 0;

  constructor(
    private readonly valuer: UsdValuer,
    timeZone: string,
    private readonly listLimit = 500,
  ) {
    this.dates = new ZonedDates(timeZone);
  }

  add(row: TransactionLogRow & { readonly accountKey: string; readonly kind: string }): void {
    this.rows++;
    const year = this.dates.dateOf(row.timestamp).slice(0, 4);
    const key = `${row.accountKey}|${row.userId}|${row.currency}|${year}`;
    let acc = this.accs.get(key);
    if (!acc) {
      acc = { accountKey: row.accountKey, userId: row.userId, currency: row.currency, year, pnl: 0n, fees: 0n, funding: 0n, income: 0n, rows: 0, unpriced: 0 };
      this.accs.set(key, acc);
    }
    acc.rows++;
    const price = this.valuer.priceOf(row);
    if (price === null) {
      acc.unpriced++;
      this.unpricedCount++;
      if (this.unpriced.length < this.listLimit) {
        this.unpriced.push({
          accountKey: row.accountKey, userId: row.userId, currency: row.currency, id: row.id, timestamp: row.timestamp,
          type: row.type, change: row.change, reason: this.valuer.unpricedReason(row.currency, row.timestamp),
        });
      }
      return;
    }
    const usd = (amountText: string): bigint => cents(this.valuer.times(amountText, price.price));
    const commission = parseOptionalAmount(row.commission);
    if (signOf(commission) !== 0) acc.fees += usd(formatAmount(negateAmount(commission)));
    const pnl = PNL_KINDS.has(row.kind);
    const income = INCOME_KINDS.has(row.kind);
    if (!pnl && !income) return;
    let cash = addAmounts(parseAmount(row.change), commission);
    const interest = fundingOf(row);
    if (interest !== null) {
      acc.funding += usd(interest);
      cash = addAmounts(cash, negateAmount(parseAmount(interest)));
    }
    if (signOf(cash) === 0) return;
    if (pnl) acc.pnl += usd(formatAmount(cash));
    else acc.income += usd(formatAmount(cash));
  }

  result(): UsdSummary {
    const totals = [...this.accs.values()]
      .sort((a, b) =>
        a.accountKey !== b.accountKey ? (a.accountKey < b.accountKey ? -1 : 1)
          : a.userId !== b.userId ? a.userId - b.userId
            : a.currency !== b.currency ? (a.currency < b.currency ? -1 : 1)
              : a.year < b.year ? -1 : a.year > b.year ? 1 : 0)
      .map((a) => ({
        accountKey: a.accountKey, userId: a.userId, currency: a.currency, year: a.year,
        realizedPnl: centsText(a.pnl), fees: centsText(a.fees), funding: centsText(a.funding), income: centsText(a.income),
        rows: a.rows, unpricedRows: a.unpriced,
      }));
    return { totals, unpriced: this.unpriced, unpricedCount: this.unpricedCount, rows: this.rows };
  }
}
