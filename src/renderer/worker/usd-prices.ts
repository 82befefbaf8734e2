/**
 * USD prices for a worker request: the cached delivery prices of every currency the chains hold, from the
 * accounts' price source (price-source.ts), as a UsdValuer, plus one line per currency saying what the cache
 * covers (for exports' notes and the Year-end view). The worker never downloads: prices are fetched by the
 * page through main (price-download.ts) and read here.
 */
import { indexNameOf, PAR_CURRENCIES, UsdValuer, type DeliveryPriceRecord, type IndexCoverage } from '../../core/fiat/usd-valuer';
import { UsdTotalsBuilder, type UsdSummary } from '../../core/fiat/usd-totals';
import type { Period } from '../../core/recon/types';
import type { ReconcilerDatabase } from '../db/database';
import { priceSourceLabel, priceSourceOf, priceStateKey } from '../prices/price-source';
import type { ChainInfo } from './chain-catalog';
import { forEachPeriodBatch } from './period-rows';
import type { RequestChannel } from './protocol';
import type { ReconcileDeps } from './reconcile-accounts';

export interface UsdPrices {
  readonly valuer: UsdValuer;
  /** The source the prices come from (null: no account known to the cache). */
  readonly source: string | null;
  readonly coverage: readonly string[];
  /** Currencies of the chains with no usable price history (neither downloaded nor par). */
  readonly missing: readonly string[];
  /** What the valuer was built from (plain data: a split export rebuilds the same valuer on another thread). */
  readonly valuerInputs: { readonly records: readonly DeliveryPriceRecord[]; readonly coverage: ReadonlyMap<string, IndexCoverage> };
}

/** The one source for these accounts: mainnet's when any account is on mainnet, else the first account's. */
async function sourceOf(db: ReconcilerDatabase, accountKeys: readonly string[]): Promise<string | null> {
  const accounts = (await db.accounts.bulkGet([...accountKeys])).filter((a) => a !== undefined);
  const sources = accounts.map((a) => priceSourceOf(a));
  return sources.includes('mainnet') ? 'mainnet' : (sources[0] ?? null);
}

export async function loadUsdPrices(db: ReconcilerDatabase, accountKeys: readonly string[], chains: readonly ChainInfo[]): Promise<UsdPrices> {
  const source = await sourceOf(db, accountKeys);
  const currencies = [...new Set(chains.map((c) => c.chain.currency))].sort();
  const records: DeliveryPriceRecord[] = [];
  const coverage = new Map<string, IndexCoverage>();
  const lines: string[] = [];
  const missing: string[] = [];
  for (const currency of currencies) {
    if (PAR_CURRENCIES.has(currency)) {
      lines.push(`${currency}: counted as 1 USD (par); Deribit publishes no USD delivery price for it`);
      continue;
    }
    const indexName = indexNameOf(currency);
    const state = source === null ? undefined : await db.priceState.get(priceStateKey(source, indexName));
    const held = source === null ? [] : await db.prices.where('[source+indexName]').equals([source, indexName]).toArray();
    for (const p of held) records.push({ indexName, date: p.date, price: p.price });
    const oldest = state?.oldest ?? null;
    const newest = state?.newest ?? null;
    coverage.set(indexName, { indexName, oldest, newest, unavailable: state?.unavailable ?? null });
    if (state?.unavailable) {
      lines.push(`${currency}: ${state.unavailable}`);
      missing.push(currency);
    } else if (oldest === null || newest === null || held.length === 0) {
      lines.push(`${currency}: no ${indexName} prices downloaded yet (update USD prices on the Year-end page)`);
      missing.push(currency);
    } else {
      const start = state?.reachedStart ? ` (Deribit's ${indexName} history starts on ${oldest})` : '';
      lines.push(`${currency}: ${indexName} delivery prices from ${priceSourceLabel(source as string)}, ${oldest} to ${newest}${start}`);
    }
  }
  return { valuer: new UsdValuer(records, coverage), source, coverage: lines, missing, valuerInputs: { records, coverage } };
}

/** Per-year USD totals and the unpriced rows of the period (one pass over its rows). */
export async function usdTotalsOf(
  deps: ReconcileDeps,
  chains: readonly ChainInfo[],
  period: Period,
  valuer: UsdValuer,
  channel: RequestChannel,
  accountLabels: ReadonlyMap<string, string> = new Map(),
): Promise<UsdSummary> {
  const builder = new UsdTotalsBuilder(valuer, period.timeZone);
  const total = chains.reduce((n, c) => n + (c.rowsStored ?? 0), 0);
  await forEachPeriodBatch(deps, chains, period, channel, { done: 0, total, phase: 'Valuing rows in USD' }, accountLabels, (batch) => {
    for (const row of batch) builder.add(row);
  });
  return builder.result();
}
