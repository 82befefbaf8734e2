/**
 * Funding by month for the Overview: Deribit books perpetual funding in a settlement row's
 * `interest_pl`, inside the row's change (as the USD totals count it). The compact
 * ledger columns do not carry it, so it is read from the full rows (`ledgerRows` pages, one cursor
 * pass) after the charts are drawn, and kept by the page with the cache's fingerprint.
 * Sums are exact: BigInt at the largest scale seen, the text taken from the row's lossless JSON.
 */
import { fundingOf } from '../../core/export/raw-row-fields';
import { decimalScale, formatFixed, pow10, toFixed } from '../../core/recon/fixed-point';
import type { LedgerRowsPage } from '../../core/recon/types';
import type { ReconcilerDatabase } from '../db/database';
import { listChains } from './chain-catalog';
import { overviewFingerprint } from './overview';
import { CancelledError, type RequestChannel } from './protocol';

export interface FundingGroup {
  readonly accountKey: string;
  readonly currency: string;
  /** [UTC month "2026-03", Σ interest_pl as decimal text], months with funding only, ascending. */
  readonly months: readonly (readonly [string, string])[];
}

export interface FundingOutcome {
  readonly fingerprint: string;
  readonly groups: readonly FundingGroup[];
  readonly rowsRead: number;
  readonly elapsedMs: number;
}

/** A settlement row's funding (raw-row-fields.ts: the one rule the USD totals use too). */
export { fundingOf };

/** An exact running sum of decimal texts (BigInt, rescaled up as more decimals appear). */
export class DecimalSum {
  private value = 0n;
  private scale = 0;

  add(text: string): void {
    const s = decimalScale(text);
    if (s > this.scale) {
      this.value *= pow10(s - this.scale);
      this.scale = s;
    }
    this.value += toFixed(text, this.scale);
  }

  text(): string {
    return formatFixed(this.value, this.scale);
  }
}

const monthOf = (ms: number): string => new Date(ms).toISOString().slice(0, 7);

/** Funding per account, currency and UTC month from `pages` (any order). */
export function fundingFromPages(pages: Iterable<Pick<LedgerRowsPage, 'rows'> & { readonly accountKey: string }>): { groups: FundingGroup[]; rowsRead: number } {
  const sums = new Map<string, { accountKey: string; currency: string; months: Map<string, DecimalSum> }>();
  let rowsRead = 0;
  for (const page of pages) {
    for (const row of page.rows) {
      rowsRead++;
      const text = fundingOf(row);
      if (text === null) continue;
      const key = `${page.accountKey}|${row.currency}`;
      let group = sums.get(key);
      if (!group) sums.set(key, (group = { accountKey: page.accountKey, currency: row.currency, months: new Map() }));
      const month = monthOf(row.timestamp);
      let sum = group.months.get(month);
      if (!sum) group.months.set(month, (sum = new DecimalSum()));
      sum.add(text);
    }
  }
  const groups = [...sums.values()].map((g) => ({
    accountKey: g.accountKey,
    currency: g.currency,
    months: [...g.months].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([month, sum]) => [month, sum.text()] as const),
  }));
  return { groups, rowsRead };
}

export async function fundingByMonth(
  deps: { readonly db: ReconcilerDatabase; readonly now: () => number },
  request: { readonly accountKeys: readonly string[] },
  channel: RequestChannel,
): Promise<FundingOutcome> {
  const started = deps.now();
  const fingerprint = overviewFingerprint(await listChains(deps.db, request.accountKeys));
  const total = await deps.db.ledgerRows.where('accountKey').anyOf([...request.accountKeys]).count();
  let done = 0;
  const pages: LedgerRowsPage[] = [];
  // Page by page through a cursor: only the sums stay in memory (a page is dropped once summed).
  const summed: FundingGroup[][] = [];
  let rowsRead = 0;
  await deps.db.ledgerRows.where('accountKey').anyOf([...request.accountKeys]).each((page) => {
    if (channel.isCancelled()) throw new CancelledError();
    pages.push(page);
    if (pages.length === 200) {
      const part = fundingFromPages(pages);
      summed.push(part.groups);
      rowsRead += part.rowsRead;
      pages.length = 0;
    }
    if (++done % 200 === 0) channel.progress({ done, total, phase: 'Reading funding' });
  });
  const last = fundingFromPages(pages);
  summed.push(last.groups);
  rowsRead += last.rowsRead;
  return { fingerprint, groups: mergeFunding(summed.flat()), rowsRead, elapsedMs: deps.now() - started };
}

/** Adds partial sums of the same account, currency and month together. */
function mergeFunding(parts: readonly FundingGroup[]): FundingGroup[] {
  const merged = new Map<string, { accountKey: string; currency: string; months: Map<string, DecimalSum> }>();
  for (const part of parts) {
    const key = `${part.accountKey}|${part.currency}`;
    let group = merged.get(key);
    if (!group) merged.set(key, (group = { accountKey: part.accountKey, currency: part.currency, months: new Map() }));
    for (const [month, text] of part.months) {
      let sum = group.months.get(month);
      if (!sum) group.months.set(month, (sum = new DecimalSum()));
      sum.add(text);
    }
  }
  return [...merged.values()].map((g) => ({
    accountKey: g.accountKey,
    currency: g.currency,
    months: [...g.months].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([month, sum]) => [month, sum.text()] as const),
  }));
}
