/**
 * Keeps the USD price cache complete enough for the cached history: for each price source (price-source.ts)
 * and each currency its accounts hold (except USDC/USDT, valued at par), downloads the index's daily delivery
 * prices back to the oldest cached row (core/sync/price-history.ts) through main's public call, and stores
 * the days and what is held in one Dexie transaction. A failure keeps what was held and says why; an index
 * Deribit does not publish is remembered as unavailable (and named in every value it cannot give).
 */
import { indexNameOf, PAR_CURRENCIES } from '../../core/fiat/usd-valuer';
import type { DeliveryPricePage } from '../../core/providers/deribit/price-responses';
import { downloadIndexHistory } from '../../core/sync/price-history';
import type { AccountInfo } from '../../shared/contract';
import type { PriceIndexState, ReconcilerDatabase } from '../db/database';
import { priceSourceOf, priceStateKey } from './price-source';

export type FetchDeliveryPrices = (args: { accountKey: string; indexName: string; offset: number; count: number }) => Promise<DeliveryPricePage>;

export interface IndexOutcome {
  readonly source: string;
  readonly indexName: string;
  readonly currency: string;
  /** Days stored by this run. */
  readonly stored: number;
  readonly state: PriceIndexState;
}

export interface PriceDownloadResult {
  readonly indexes: readonly IndexOutcome[];
  readonly errors: readonly string[];
}

const DAY_MS = 86_400_000;

/** Oldest cached row per currency of one account (the [accountKey+currency+timestamp] index: one seek each). */
async function oldestRows(db: ReconcilerDatabase, accountKey: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const currencies = new Set<string>();
  for (const s of await db.syncState.where('accountKey').equals(accountKey).toArray()) if (s.kind === 'tx' && s.currency !== null) currencies.add(s.currency);
  for (const currency of currencies) {
    const first = await db.transactions.where('[accountKey+currency+timestamp]').between([accountKey, currency, -Infinity], [accountKey, currency, Infinity]).first();
    if (first !== undefined) out.set(currency, first.timestamp);
  }
  return out;
}

/** Words for an error from main (a ProviderError's userMessage travels as `message`). */
function errorText(error: unknown): string {
  if (error && typeof error === "object" && "userMessage" in error) return String((error as { userMessage: unknown }).userMessage);
  if (error && typeof error === "object" && "message" in error) return String((error as { message: unknown }).message);
  return String(error);
}

function isUnknownIndex(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { kind?: unknown; detail?: unknown; message?: unknown };
  return e.kind === 'invalid_params' && /index_name/.test(`${String(e.detail ?? '')} ${String(e.message ?? '')}`);
}

export async function downloadPrices(
  db: ReconcilerDatabase,
  accounts: readonly AccountInfo[],
  fetch: FetchDeliveryPrices,
  options: { readonly now?: () => number; readonly pageSize?: number; readonly isCancelled?: () => boolean } = {},
): Promise<PriceDownloadResult> {
  const now = options.now ?? Date.now;
  // source → currency → { oldest row, an account to ask through }
  const needs = new Map<string, Map<string, { oldest: number; accountKey: string }>>();
  for (const account of accounts) {
    const source = priceSourceOf(account);
    let bySource = needs.get(source);
    if (!bySource) needs.set(source, (bySource = new Map()));
    for (const [currency, oldest] of await oldestRows(db, account.accountKey)) {
      if (PAR_CURRENCIES.has(currency)) continue;
      const known = bySource.get(currency);
      if (!known || oldest < known.oldest) bySource.set(currency, { oldest, accountKey: account.accountKey });
    }
  }
  const indexes: IndexOutcome[] = [];
  const errors: string[] = [];
  for (const [source, currencies] of needs) {
    for (const [currency, need] of [...currencies].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (options.isCancelled?.()) return { indexes, errors };
      const indexName = indexNameOf(currency);
      const key = priceStateKey(source, indexName);
      const held = await db.priceState.get(key);
      const oldestNeeded = new Date(need.oldest).toISOString().slice(0, 10);
      const yesterday = new Date(now() - DAY_MS).toISOString().slice(0, 10);
      // Nothing to do: the held days reach the oldest row (or Deribit's first day) and yesterday.
      if (held && held.unavailable === null && held.oldest !== null && held.newest !== null && (held.oldest <= oldestNeeded || held.reachedStart) && held.newest >= yesterday) {
        indexes.push({ source, indexName, currency, stored: 0, state: held });
        continue;
      }
      try {
        const result = await downloadIndexHistory(
          { fetch: (index, offset, count) => fetch({ accountKey: need.accountKey, indexName: index, offset, count }) },
          indexName,
          oldestNeeded,
          { oldest: held?.oldest ?? null, newest: held?.newest ?? null, reachedStart: held?.reachedStart ?? false },
          { pageSize: options.pageSize, isCancelled: options.isCancelled },
        );
        const dates = result.records.map((r) => r.date).sort();
        const oldest = [held?.oldest ?? null, dates[0] ?? null].filter((d): d is string => d !== null).sort()[0] ?? null;
        const newest = [held?.newest ?? null, dates[dates.length - 1] ?? null].filter((d): d is string => d !== null).sort().pop() ?? null;
        const state: PriceIndexState = {
          key, source, indexName, oldest, newest, reachedStart: result.reachedStart, unavailable: null,
          lastError: result.stoppedEarly, checkedAt: now(),
        };
        await db.transaction('rw', db.prices, db.priceState, async () => {
          await db.prices.bulkPut(result.records.map((r) => ({ source, indexName, date: r.date, price: r.price })));
          await db.priceState.put(state);
        });
        indexes.push({ source, indexName, currency, stored: result.records.length, state });
        if (result.stoppedEarly) errors.push(result.stoppedEarly);
      } catch (error) {
        const unavailable = isUnknownIndex(error) ? `Deribit publishes no USD delivery price for ${currency} (no ${indexName} index): its rows have no USD value` : null;
        const message = unavailable ?? `${indexName}: ${errorText(error)}`;
        const state: PriceIndexState = {
          key, source, indexName, oldest: held?.oldest ?? null, newest: held?.newest ?? null, reachedStart: held?.reachedStart ?? false,
          unavailable, lastError: unavailable === null ? message : null, checkedAt: now(),
        };
        await db.priceState.put(state);
        indexes.push({ source, indexName, currency, stored: 0, state });
        if (unavailable === null) errors.push(message);
      }
    }
  }
  return { indexes, errors };
}
