/**
 * USD valuers for the page (row details): one per price source, built from the cached prices and rebuilt
 * when they change. `valuerFor(accountKey)` picks the account's source; null until the cache was read.
 */
import { useMemo } from 'react';
import { indexNameOf, UsdValuer, type DeliveryPriceRecord, type IndexCoverage } from '../../core/fiat/usd-valuer';
import type { TransactionLogRow } from '../../core/providers/deribit/types';
import type { AccountInfo } from '../../shared/contract';
import type { PriceIndexState, PriceRecord } from '../db/database';
import { db } from '../db/db-instance';
import { useLiveQuery } from '../state/use-live-query';
import { priceSourceOf } from './price-source';

export type ValuerFor = (accountKey: string) => UsdValuer | null;

/** One valuer per source from the cached prices and index states. */
export function valuersBySource(prices: readonly PriceRecord[], states: readonly PriceIndexState[]): Map<string, UsdValuer> {
  const records = new Map<string, DeliveryPriceRecord[]>();
  const coverage = new Map<string, Map<string, IndexCoverage>>();
  for (const p of prices) {
    let list = records.get(p.source);
    if (!list) records.set(p.source, (list = []));
    list.push({ indexName: p.indexName, date: p.date, price: p.price });
  }
  for (const s of states) {
    let map = coverage.get(s.source);
    if (!map) coverage.set(s.source, (map = new Map()));
    map.set(s.indexName, { indexName: s.indexName, oldest: s.oldest, newest: s.newest, unavailable: s.unavailable });
  }
  const sources = new Set([...records.keys(), ...coverage.keys()]);
  return new Map([...sources].map((source) => [source, new UsdValuer(records.get(source) ?? [], coverage.get(source) ?? new Map())]));
}

export function useUsdValuers(accounts: readonly AccountInfo[]): ValuerFor {
  const cached = useLiveQuery(async () => ({ prices: await db.prices.toArray(), states: await db.priceState.toArray() }), [], null as { prices: PriceRecord[]; states: PriceIndexState[] } | null);
  return useMemo(() => {
    if (cached === null) return () => null;
    const bySource = valuersBySource(cached.prices, cached.states);
    const empty = new UsdValuer([]);
    const sourceOf = new Map(accounts.map((a) => [a.accountKey, priceSourceOf(a)]));
    return (accountKey) => {
      const source = sourceOf.get(accountKey);
      return source === undefined ? null : (bySource.get(source) ?? empty);
    };
  }, [cached, accounts]);
}

/** The row details' USD value: the value, the price and where it came from, or why there is none. */
export function usdDetailValue(row: TransactionLogRow, valuer: UsdValuer | null): string {
  if (valuer === null) return 'not known yet (the cached prices are being read)';
  const v = valuer.value(row);
  if (!v.priced) {
    const reason = v.reason.replace(/^no USD price: /, '');
    return `none — ${reason}${reason.includes('not been downloaded') ? ` (Reconciliation → Year-end → Update USD prices; index ${indexNameOf(row.currency)})` : ''}`;
  }
  return `${v.usd} USD = change ${row.change} × ${v.price.price} USD (${v.price.label})`;
}
