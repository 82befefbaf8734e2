/**
 * What the Overview draws, from a group of chains (one account and currency: the main user and each
 * subaccount): the balance of every user and their total over time, downsampled to at most `maxPoints`
 * time buckets (the close of each bucket: a chart cannot show more points than it has pixels, and a
 * million-row history must not reach the page), and realized PnL / fees by month.
 * Sums are exact (BigInt at the group's largest scale); only the plotted values are numbers. The
 * exact newest balance of each series is kept as decimal text beside them.
 * Pure: no Dexie, no DOM (tested in Node).
 */
import type { ChainColumns } from '../../core/recon/chain-columns';
import { PNL_KINDS } from '../../core/export/row-cash';
import { formatFixed, pow10 } from '../../core/recon/fixed-point';

export interface BalanceSeries {
  /** "Main (1001)", "Sub1 (1002)" or "Total". */
  readonly label: string;
  /** null for the total. */
  readonly userId: number | null;
  /** One value per point of the chart's `times`; null before the user's first row. */
  readonly values: readonly (number | null)[];
  /** The newest cached balance, exactly, and its row time. */
  readonly last: { readonly timestamp: number; readonly balance: string } | null;
}

export interface BalanceChart {
  readonly accountKey: string;
  readonly currency: string;
  /** Point times (ms): the newest row time within each non-empty bucket, ascending; the last one is the newest row. */
  readonly times: readonly number[];
  /** The users in user id order, then the total (when there are several users). */
  readonly series: readonly BalanceSeries[];
  readonly rows: number;
  /** True when rows were merged into buckets (more rows than points). */
  readonly downsampled: boolean;
}

export interface MonthBar {
  /** "2026-03" (UTC month). */
  readonly month: string;
  /**
   * Σ (change + commission) of trades, settlements and deliveries (the cash of PNL_KINDS, as the USD
   * totals count it): PnL before fees, still including the funding that settlements carry (the columns
   * do not hold it; overview-funding.ts reads it from the full rows).
   */
  readonly realizedPnl: string;
  /** Σ −commission of every row, trading and withdrawal fees (negative = paid, positive = rebates). */
  readonly fees: string;
  readonly rows: number;
}

const groupScale = (chains: readonly ChainColumns[]): number => Math.max(0, ...chains.map((c) => c.scale));

const toNumber = (value: bigint, scale: number): number => Number(value) / 10 ** scale;

/** First and last row time over the chains (rows are in chain order, which time need not follow). */
function timeSpan(chains: readonly ChainColumns[]): [number, number] {
  let t0 = Infinity;
  let t1 = -Infinity;
  for (const c of chains) {
    for (let i = 0; i < c.count; i++) {
      const t = c.timestamps[i] as number;
      if (t < t0) t0 = t;
      if (t > t1) t1 = t;
    }
  }
  return [t0, t1];
}

/** The chains' balances over time at most `maxPoints` points (≥ 2); the chains must share account and currency. */
export function balanceChart(chains: readonly ChainColumns[], maxPoints: number, label: (userId: number) => string): BalanceChart {
  const live = [...chains].filter((c) => c.count > 0).sort((a, b) => a.chain.userId - b.chain.userId);
  const first = chains[0];
  const accountKey = first?.chain.accountKey ?? '';
  const currency = first?.chain.currency ?? '';
  const rows = live.reduce((s, c) => s + c.count, 0);
  if (live.length === 0) return { accountKey, currency, times: [], series: [], rows: 0, downsampled: false };
  const buckets = Math.max(2, Math.floor(maxPoints));
  const [t0, t1] = timeSpan(live);
  const scale = groupScale(live);
  // Every distinct time a point of its own when they fit; otherwise equal-width buckets over the history.
  const distinct = distinctTimes(live, buckets);
  const downsampled = distinct === null;
  const width = (t1 - t0) / buckets;
  const bucketOf = distinct !== null
    ? (t: number): number => binarySearch(distinct, t)
    : (t: number): number => (width === 0 ? 0 : Math.min(buckets - 1, Math.floor((t - t0) / width)));
  const size = distinct !== null ? distinct.length : buckets;
  const bucketTime = new Float64Array(size).fill(-Infinity);
  // Per chain: the close (balance of the last row in chain order) of each bucket it has rows in. The
  // row's index is kept per row, its balance read and scaled once per bucket (a bigint per row cost more).
  const closes = live.map((c) => {
    const closeRow = new Int32Array(size).fill(-1);
    for (let i = 0; i < c.count; i++) {
      const t = c.timestamps[i] as number;
      const b = bucketOf(t);
      closeRow[b] = i;
      if (t > (bucketTime[b] as number)) bucketTime[b] = t;
    }
    const m = pow10(scale - c.scale);
    const close: (bigint | undefined)[] = new Array<bigint | undefined>(size);
    for (let b = 0; b < size; b++) {
      const i = closeRow[b] as number;
      if (i >= 0) close[b] = (c.balances[i] as bigint) * m;
    }
    return close;
  });
  const times: number[] = [];
  const values = live.map((): (number | null)[] => []);
  const totals: (number | null)[] = [];
  const carried: (bigint | null)[] = live.map(() => null);
  for (let b = 0; b < size; b++) {
    if (bucketTime[b] === -Infinity) continue;
    times.push(bucketTime[b] as number);
    let total = 0n;
    let started = false;
    for (let k = 0; k < live.length; k++) {
      const close = (closes[k] as (bigint | undefined)[])[b];
      if (close !== undefined) carried[k] = close;
      const v = carried[k] as bigint | null;
      (values[k] as (number | null)[]).push(v === null ? null : toNumber(v, scale));
      if (v !== null) {
        total += v;
        started = true;
      }
    }
    totals.push(started ? toNumber(total, scale) : null);
  }
  const series: BalanceSeries[] = live.map((c, k) => {
    const lastIndex = newestRow(c);
    return {
      label: label(c.chain.userId),
      userId: c.chain.userId,
      values: values[k] as (number | null)[],
      last: { timestamp: c.timestamps[lastIndex] as number, balance: formatFixed(c.balances[lastIndex] as bigint, c.scale) },
    };
  });
  if (live.length > 1) {
    const m = (c: ChainColumns): bigint => pow10(scale - c.scale);
    const total = live.reduce((s, c) => s + (c.balances[newestRow(c)] as bigint) * m(c), 0n);
    series.push({ label: 'Total', userId: null, values: totals, last: { timestamp: t1, balance: formatFixed(total, scale) } });
  }
  return { accountKey, currency, times, series, rows, downsampled };
}

/** The chain's newest row: the last in chain order (user_seq), which is the balance the account holds now. */
const newestRow = (c: ChainColumns): number => c.count - 1;

/** Sorted distinct row times when there are at most `limit` of them; null when there are more. */
function distinctTimes(chains: readonly ChainColumns[], limit: number): Float64Array | null {
  const seen = new Set<number>();
  for (const c of chains) {
    for (let i = 0; i < c.count; i++) {
      seen.add(c.timestamps[i] as number);
      if (seen.size > limit) return null;
    }
  }
  return Float64Array.from(seen).sort();
}

function binarySearch(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** UTC month starts (ms) covering [from, to]. */
function monthStarts(from: number, to: number): number[] {
  const start = new Date(from);
  let y = start.getUTCFullYear();
  let m = start.getUTCMonth();
  const starts: number[] = [];
  for (;;) {
    const t = Date.UTC(y, m, 1);
    if (t > to) break;
    starts.push(t);
    m++;
    if (m === 12) {
      m = 0;
      y++;
    }
  }
  return starts;
}

const monthLabel = (t: number): string => new Date(t).toISOString().slice(0, 7);

/** Realized PnL and fees per UTC month over the chains (summed across users), every month from the first row to the last. */
export function monthlyBars(chains: readonly ChainColumns[]): MonthBar[] {
  const live = chains.filter((c) => c.count > 0);
  if (live.length === 0) return [];
  const [t0, t1] = timeSpan(live);
  const scale = groupScale(live);
  const starts = monthStarts(t0, t1);
  const pnl = starts.map(() => 0n);
  const fees = starts.map(() => 0n);
  const rows = starts.map(() => 0);
  for (const c of live) {
    // Summed at the chain's own scale and brought to the group's once per month (not once per row).
    const chainPnl = starts.map(() => 0n);
    const chainFees = starts.map(() => 0n);
    const pnlCode = c.kindNames.map((name) => PNL_KINDS.has(name));
    let month = 0;
    for (let i = 0; i < c.count; i++) {
      const t = c.timestamps[i] as number;
      // Rows are in time order almost always: step the month forward, search only when a row goes back.
      if (t < (starts[month] as number)) month = monthIndex(starts, t);
      while (month + 1 < starts.length && t >= (starts[month + 1] as number)) month++;
      const code = c.kindCodes[i] as number;
      const commission = c.commissions[i] as bigint;
      rows[month] = (rows[month] as number) + 1;
      if (pnlCode[code] === true) chainPnl[month] = (chainPnl[month] as bigint) + (c.changes[i] as bigint) + commission;
      if (commission !== 0n) chainFees[month] = (chainFees[month] as bigint) - commission;
    }
    const m = pow10(scale - c.scale);
    for (let k = 0; k < starts.length; k++) {
      pnl[k] = (pnl[k] as bigint) + (chainPnl[k] as bigint) * m;
      fees[k] = (fees[k] as bigint) + (chainFees[k] as bigint) * m;
    }
  }
  return starts.map((start, i) => ({
    month: monthLabel(start),
    realizedPnl: formatFixed(pnl[i] as bigint, scale),
    fees: formatFixed(fees[i] as bigint, scale),
    rows: rows[i] as number,
  }));
}

function monthIndex(starts: readonly number[], t: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((starts[mid] as number) <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
