/**
 * The ledger is written with every committed page: exactly the cached rows, once each, whatever the
 * sync did (overlap, resume after cancel, a page served twice, a row repeated inside a page), and a v1
 * cache opened by v2 code gets its ledger built from the cached rows.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { TransactionLogRow } from '../../../src/core/providers/deribit/types';
import { chainKeyOf } from '../../../src/core/recon/types';
import { newStreamState } from '../../../src/core/sync/stream-state';
import { ReconcilerDatabase, type TransactionRecord } from '../../../src/renderer/db/database';
import { createDexieSyncStore } from '../../../src/renderer/db/dexie-sync-store';
import { UPGRADE_PAGE_ROWS } from '../../../src/renderer/db/ledger-upgrade';
import type { DeribitSim } from '../../sim/deribit/index';
import { dumpCache, fastClient, freshDatabase, smallDataset, startFastSim, syncOnce } from '../../support/sync-harness';
import { PageConflictError } from '../../../src/core/sync/sync-refusal';

let sim: DeribitSim | null = null;
const dbs: Dexie[] = [];
afterEach(async () => {
  await sim?.close();
  sim = null;
  for (const db of dbs.splice(0)) db.close();
});

function track<D extends Dexie>(db: D): D {
  dbs.push(db);
  return db;
}

/** Every ledger invariant against the cached rows: same ids once each, columns and rows pages agree. */
async function expectLedgerEqualsCache(db: ReconcilerDatabase): Promise<number> {
  const cached = await db.transactions.toArray();
  const pages = await db.ledger.toArray();
  const rowsPages = await db.ledgerRows.toArray();
  const ledgerIds = pages.flatMap((p) => [...p.ids].map((id) => `${p.accountKey}:${id}`));
  expect(ledgerIds.length, 'no row twice in the ledger').toBe(new Set(ledgerIds).size);
  expect(ledgerIds.sort()).toEqual(cached.map((r) => `${r.accountKey}:${r.id}`).sort());

  const rowsByKey = new Map(rowsPages.map((p) => [p.pageKey, p]));
  expect(rowsPages.length).toBe(pages.length);
  const byId = new Map(cached.map((r) => [`${r.accountKey}:${r.id}`, r]));
  for (const page of pages) {
    expect(page.chainKey).toBe(chainKeyOf(page));
    expect(page.pageKey).toBe(`${page.chainKey}|${page.minId}`);
    const rowsPage = rowsByKey.get(page.pageKey);
    expect(rowsPage?.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual([...page.ids].sort((a, b) => a - b));
    for (const row of rowsPage?.rows ?? []) {
      const stored = byId.get(`${page.accountKey}:${row.id}`);
      expect(row.raw).toBe(stored?.raw);
      expect(row.userId).toBe(page.userId);
      expect(row.currency).toBe(page.currency);
      expect('accountKey' in row).toBe(false);
    }
  }
  return ledgerIds.length;
}

describe('ledger written with every transaction page', () => {
  it('a full sync, a second (overlapping) sync and a resumed sync leave exactly the cached rows in the ledger', async () => {
    // History ends a minute ago, so appended activity falls inside the next sync's overlap window.
    const endTime = Date.now() - 60_000;
    sim = await startFastSim({ dataset: smallDataset({ rowsPerStream: 90, accessLogEvents: 50, endTime, startTime: endTime - 300 * 86_400_000 }) });
    const db = track(freshDatabase());

    // Cancel after a few pages, then resume: the ledger must neither lose nor repeat rows.
    const controller = new AbortController();
    let pages = 0;
    await syncOnce({
      client: fastClient(sim),
      db,
      signal: controller.signal,
      onProgress: (p) => {
        pages = p.pagesFetched;
        if (pages >= 3) controller.abort();
      },
    });
    expect(await db.transactions.count()).toBeLessThan(90 * 3 * 3);
    await syncOnce({ client: fastClient(sim), db });
    const total = await expectLedgerEqualsCache(db);
    expect(total).toBe(await db.transactions.count());
    expect(await db.syncState.filter((s) => s.kind === 'tx').toArray().then((l) => l.reduce((a, s) => a + s.rowsStored, 0))).toBe(total);
    expect(total).toBeGreaterThan(700);

    // New activity, then an incremental sync that re-reads an overlap window.
    const before = await db.ledger.count();
    sim.appendActivity({ rowsPerStream: 5, accessLogEvents: 0, until: Date.now() });
    await syncOnce({ client: fastClient(sim), db });
    expect(await db.ledger.count()).toBeGreaterThan(before);
    const truth = sim.users.flatMap((u) => ['BTC', 'ETH', 'USDC'].flatMap((c) => sim!.truthTransactions(u.userId, c)));
    expect(truth.length).toBeGreaterThan(total);
    expect(await expectLedgerEqualsCache(db)).toBe(truth.length);
  });

  it('a page committed twice, and a row repeated inside a page, are written to the ledger once', async () => {
    const db = track(freshDatabase());
    const store = createDexieSyncStore(db);
    const rows = handRows(5);
    const state = newStreamState({ kind: 'tx', accountKey: 'acc', userId: 1, username: 'main', currency: 'BTC' });
    const first = await store.commitTransactionPage('acc', [...rows.slice(0, 3), rows[1]!], state);
    expect(first).toBe(3);
    const second = await store.commitTransactionPage('acc', rows, { ...state, rowsStored: 3 });
    expect(second).toBe(2);
    const third = await store.commitTransactionPage('acc', rows, { ...state, rowsStored: 5 });
    expect(third).toBe(0);
    expect(await db.ledger.count()).toBe(2);
    expect(await expectLedgerEqualsCache(db)).toBe(5);
    expect((await db.syncState.toArray())[0]?.rowsStored).toBe(5);
  });

  it('a row re-sent with other content is refused: the grid and the ledger keep the cached row', async () => {
    const db = track(freshDatabase());
    const store = createDexieSyncStore(db);
    const state = newStreamState({ kind: 'tx', accountKey: 'acc', userId: 1, username: 'main', currency: 'BTC' });
    const rows = handRows(3);
    await store.commitTransactionPage('acc', rows, state);
    const before = await dumpCache(db);
    const changed = { ...rows[1]!, balance: '777', raw: rows[1]!.raw.replace('"balance":"2"', '"balance":"777"') };
    const refused = store.commitTransactionPage('acc', [rows[0]!, changed, rows[2]!], { ...state, rowsStored: 3, pagesFetched: 2 });
    await expect(refused).rejects.toBeInstanceOf(PageConflictError);
    await expect(refused).rejects.toMatchObject({ conflicts: [{ id: rows[1]!.id, cachedRaw: rows[1]!.raw, sentRaw: changed.raw }] });
    expect(await dumpCache(db)).toEqual(before);
    expect((await db.transactions.get(['acc', rows[1]!.id]))?.balance).toBe('2');
    expect(await expectLedgerEqualsCache(db)).toBe(3);
  });

  it('the same id twice in one page with different content writes nothing (grid and ledger cannot pick different twins)', async () => {
    const db = track(freshDatabase());
    const store = createDexieSyncStore(db);
    const state = newStreamState({ kind: 'tx', accountKey: 'acc', userId: 1, username: 'main', currency: 'BTC' });
    const rows = handRows(3);
    const twin = { ...rows[1]!, balance: '777', raw: rows[1]!.raw.replace('"balance":"2"', '"balance":"777"') };
    await expect(store.commitTransactionPage('acc', [rows[0]!, rows[1]!, twin, rows[2]!], state)).rejects.toThrow(/twice in one page/);
    expect(await db.transactions.count()).toBe(0);
    expect(await db.ledgerRows.count()).toBe(0);
    expect(await db.syncState.count()).toBe(0);
  });

  it('identical re-sent rows change nothing in the grid or the ledger', async () => {
    const db = track(freshDatabase());
    const store = createDexieSyncStore(db);
    const state = newStreamState({ kind: 'tx', accountKey: 'acc', userId: 1, username: 'main', currency: 'BTC' });
    const rows = handRows(4);
    await store.commitTransactionPage('acc', rows, state);
    const before = await dumpCache(db);
    expect(await store.commitTransactionPage('acc', [...rows].reverse(), { ...state, rowsStored: 4 })).toBe(0);
    const after = await dumpCache(db);
    for (const table of ['transactions', 'ledger', 'ledgerRows']) expect(after[table]).toBe(before[table]);
  });

  it('a crash inside the commit writes neither rows nor ledger', async () => {
    const db = track(freshDatabase());
    const store = createDexieSyncStore(db);
    const state = newStreamState({ kind: 'tx', accountKey: 'acc', userId: 1, username: 'main', currency: 'BTC' });
    // A row whose balance is not a decimal makes the ledger build throw inside the transaction.
    const bad = { ...handRows(1)[0]!, id: 99, balance: 'not-a-number' };
    await expect(store.commitTransactionPage('acc', [...handRows(2), bad], state)).rejects.toThrow();
    expect(await db.transactions.count()).toBe(0);
    expect(await db.ledger.count()).toBe(0);
    expect(await db.syncState.count()).toBe(0);
  });
});

describe('schema v1 → current upgrade', () => {
  it('builds the ledger (pages of at most 250 rows per chain) from a v1 cache', async () => {
    const name = `v1-upgrade-${process.pid}-${Date.now()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({
      accounts: '&accountKey',
      transactions:
        '&[accountKey+id], timestamp, type, currency, [accountKey+timestamp], [userId+currency+userSeq], [accountKey+currency+timestamp]',
      accessLog: '&[accountKey+id], timestamp, event, [accountKey+timestamp]',
      syncState: '&streamKey, accountKey',
    });
    // Two accounts, two users, two currencies, interleaved ids; 1,300 rows in one chain spans 6 pages.
    const records: TransactionRecord[] = [];
    let id = 1000;
    for (const accountKey of ['acc_b', 'acc_a']) {
      for (const [userId, currency, count] of [[1, 'BTC', 1300], [1, 'ETH', 40], [2, 'BTC', 7]] as const) {
        for (const row of handRows(count, { userId, currency, firstId: id })) records.push({ ...row, accountKey });
        id += 3;
      }
    }
    await v1.table('transactions').bulkPut(records);
    v1.close();

    const db = track(new ReconcilerDatabase(name));
    await db.open();
    expect(db.verno).toBe(6); // opened by the current code: v1 → v2 (ledger) → v3 (identity) → v4 (USD prices) → v5 (incident reviews) → v6 (login-event columns)
    expect(await expectLedgerEqualsCache(db)).toBe(records.length);
    const pages = await db.ledger.toArray();
    expect(Math.max(...pages.map((p) => p.count))).toBeLessThanOrEqual(UPGRADE_PAGE_ROWS);
    const bigChain = pages.filter((p) => p.chainKey === 'acc_a|1|BTC');
    expect(bigChain.map((p) => p.count).reduce((a, b) => a + b, 0)).toBe(1300);
    expect(bigChain.length).toBe(Math.ceil(1300 / UPGRADE_PAGE_ROWS));
  });
});

/** Rows of one chain that chain exactly (+1 per row), ids spaced so several chains can interleave. */
function handRows(count: number, opts: { userId?: number; currency?: string; firstId?: number } = {}): TransactionLogRow[] {
  const rows: TransactionLogRow[] = [];
  for (let i = 0; i < count; i++) {
    const id = (opts.firstId ?? 500) + i * 10;
    const row = {
      id,
      user_id: opts.userId ?? 1,
      user_seq: i + 1,
      timestamp: 1_700_000_000_000 + i * 1000,
      currency: opts.currency ?? 'BTC',
      type: 'deposit',
      change: '1',
      balance: String(i + 1),
    };
    rows.push({
      id,
      userId: opts.userId ?? 1,
      userSeq: i + 1,
      timestamp: row.timestamp,
      currency: row.currency,
      type: 'deposit',
      username: 'main',
      instrumentName: null,
      side: null,
      change: '1',
      balance: String(i + 1),
      cashflow: '1',
      commission: null,
      equity: null,
      amount: '1',
      price: null,
      position: null,
      tradeId: null,
      orderId: null,
      ip: null,
      infoText: null,
      raw: JSON.stringify(row),
    });
  }
  return rows;
}
