/**
 * Reading a period's rows in groups: whatever way the rows were split into pages (overlapping id ranges,
 * rows newest-first inside a page, more pages than one read takes), the groups joined are exactly the
 * period's rows in chain order; a chain whose ids do not rise with user_seq is read whole and sorted.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { TransactionLogRow } from '../../../src/core/providers/deribit/types';
import { mergeLedgerPages } from '../../../src/core/recon/chain-columns';
import { chainKeyOf, type ChainId, type Period } from '../../../src/core/recon/types';
import type { ReconcilerDatabase } from '../../../src/renderer/db/database';
import { putLedgerForNewRows } from '../../../src/renderer/db/ledger-writes';
import { chainSlices, idsFollowChainOrder, PAGES_PER_READ, periodRowGroups, sliceRowGroups } from '../../../src/renderer/worker/period-row-groups';
import { makeRow, rng } from '../../core/recon/recon-fixtures';
import { freshDatabase } from '../../support/sync-harness';

const ACCOUNT = 'acc_groups';
const CHAIN: ChainId = { accountKey: ACCOUNT, userId: 7, currency: 'BTC' };
const T0 = Date.UTC(2025, 0, 1);
const ALL_TIME: Period = { fromMs: 0, toMs: Date.UTC(2100, 0, 1), timeZone: 'UTC', label: 'all' };

let db: ReconcilerDatabase | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

function chainRows(n: number, idOf: (i: number) => number = (i) => 1000 + 3 * i): TransactionLogRow[] {
  return Array.from({ length: n }, (_, i) => makeRow({ id: idOf(i), userSeq: i + 1, timestamp: T0 + i * 60_000, change: '1', balance: String(i + 1) }));
}

/** Each row into one of `pages` pages at random (so page id ranges overlap), each page's rows newest first. */
async function storeInPages(rows: readonly TransactionLogRow[], pages: number, seed: number): Promise<ReconcilerDatabase> {
  const random = rng(seed);
  const buckets: TransactionLogRow[][] = Array.from({ length: pages }, () => []);
  for (const row of rows) buckets[Math.floor(random() * pages)]!.push(row);
  const store = freshDatabase();
  await store.transaction('rw', [store.ledger, store.ledgerRows], async () => {
    for (const bucket of buckets) if (bucket.length > 0) await putLedgerForNewRows(store, ACCOUNT, [...bucket].reverse());
  });
  return store;
}

async function groupsOf(store: ReconcilerDatabase, period: Period): Promise<TransactionLogRow[][]> {
  const columns = mergeLedgerPages(CHAIN, await store.ledger.where('chainKey').equals(chainKeyOf(CHAIN)).toArray());
  const groups: TransactionLogRow[][] = [];
  for await (const group of periodRowGroups(store, columns, period)) groups.push(group);
  return groups;
}

const chainOrder = (a: TransactionLogRow, b: TransactionLogRow): number => a.userSeq - b.userSeq || a.id - b.id;

describe('period rows in groups', () => {
  it('joins to exactly the period rows in chain order, over overlapping pages and more pages than one read', async () => {
    const rows = chainRows(600);
    db = await storeInPages(rows, PAGES_PER_READ * 3 + 7, 11);
    const groups = await groupsOf(db, ALL_TIME);
    expect(groups.length).toBeGreaterThan(1);
    expect(groups.every((g) => g.length > 0)).toBe(true);
    expect(groups.flat().map((r) => r.id)).toEqual(rows.map((r) => r.id));

    const period: Period = { fromMs: T0 + 100 * 60_000, toMs: T0 + 450 * 60_000, timeZone: 'UTC', label: 'part' };
    const inPeriod = rows.filter((r) => r.timestamp >= period.fromMs && r.timestamp < period.toMs);
    expect((await groupsOf(db, period)).flat().map((r) => r.id)).toEqual(inPeriod.map((r) => r.id));
    expect(await groupsOf(db, { ...period, fromMs: 0, toMs: T0 })).toEqual([]);
  });

  it('reads a chain whose ids do not rise with user_seq whole, and sorts it into chain order', async () => {
    // Ids fall where user_seq rises for a stretch (as if numbered in another order).
    const rows = chainRows(300, (i) => (i >= 100 && i < 120 ? 50_000 - i : 1000 + 3 * i));
    db = await storeInPages(rows, PAGES_PER_READ * 2, 5);
    const columns = mergeLedgerPages(CHAIN, await db.ledger.toArray());
    expect(idsFollowChainOrder(columns)).toBe(false);
    const groups = await groupsOf(db, ALL_TIME);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.map((r) => r.id)).toEqual([...rows].sort(chainOrder).map((r) => r.id));
  });

  it('slices read on their own join to the period rows in chain order; cuts only where no earlier page reaches past the next', async () => {
    // Pages of consecutive runs (as a sync writes them), then a stretch of overlapping pages.
    const rows = chainRows(900);
    const store = freshDatabase();
    db = store;
    await store.transaction('rw', [store.ledger, store.ledgerRows], async () => {
      for (let start = 0; start < 600; start += 20) await putLedgerForNewRows(store, ACCOUNT, rows.slice(start, start + 20).reverse());
      // 600..899 dealt into 6 pages by turns: every page spans the whole stretch.
      for (let p = 0; p < 6; p++) await putLedgerForNewRows(store, ACCOUNT, rows.slice(600).filter((_, i) => i % 6 === p).reverse());
    });
    const columns = mergeLedgerPages(CHAIN, await store.ledger.where('chainKey').equals(chainKeyOf(CHAIN)).toArray());
    const period: Period = { fromMs: T0 + 50 * 60_000, toMs: T0 + 880 * 60_000, timeZone: 'UTC', label: 'part' };
    const slices = await chainSlices(store, columns, period, 4);
    // 28 run pages meet the period (pages 2..29), cut every 4; the 6 overlapping pages cannot be cut apart.
    expect(slices.map((s) => s.pages.length)).toEqual([4, 4, 4, 4, 4, 4, 4, 6]);
    for (let i = 1; i < slices.length; i++) {
      const before = Math.max(...slices.slice(0, i).flatMap((s) => s.pages.map((p) => p.maxId)));
      expect(before).toBeLessThan(slices[i]!.pages[0]!.minId);
    }
    const joined: TransactionLogRow[] = [];
    for (const slice of structuredClone(slices)) for await (const group of sliceRowGroups(store, slice, period)) joined.push(...group);
    const inPeriod = rows.filter((r) => r.timestamp >= period.fromMs && r.timestamp < period.toMs);
    expect(joined.map((r) => r.id)).toEqual(inPeriod.map((r) => r.id));
  });

  it('a chain whose ids do not follow its order is one slice, sorted whole', async () => {
    const rows = chainRows(300, (i) => (i >= 100 && i < 120 ? 50_000 - i : 1000 + 3 * i));
    db = await storeInPages(rows, PAGES_PER_READ, 5);
    const columns = mergeLedgerPages(CHAIN, await db.ledger.toArray());
    const slices = await chainSlices(db, columns, ALL_TIME, 2);
    expect(slices).toHaveLength(1);
    expect(slices[0]!.idOrdered).toBe(false);
    const joined: TransactionLogRow[] = [];
    for await (const group of sliceRowGroups(db, slices[0]!, ALL_TIME)) joined.push(...group);
    expect(joined.map((r) => r.id)).toEqual([...rows].sort(chainOrder).map((r) => r.id));
  });
});
