/**
 * Schema v2 → v3 on a cache written by the v2 schema holding one Deribit account twice (two keys, two
 * histories: one complete, one cancelled part-way) and a third copy whose key was removed: after the
 * upgrade every row is there exactly once under the account, in the grid table, the ledger, the chains
 * list and a whole-history export; a sync afterwards fetches only what is new.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReconcilerDatabase } from '../../../src/renderer/db/database';
import { listChains } from '../../../src/renderer/worker/chain-catalog';
import { exportPeriod } from '../../../src/renderer/worker/export-stream';
import { ChainColumnsCache } from '../../../src/renderer/worker/ledger-reader';
import type { RequestChannel } from '../../../src/renderer/worker/protocol';
import type { DeribitSim } from '../../sim/deribit/index';
import { parseCsv } from '../../support/csv-parse';
import { fastClient, freshDatabase, smallDataset, startFastSim, syncOnce } from '../../support/sync-harness';

/** The schema exactly as versions 1 and 2 declared it (database.ts), with no later version. */
class V2Database extends Dexie {
  constructor(name: string) {
    super(name);
    this.version(1).stores({
      accounts: '&accountKey',
      transactions:
        '&[accountKey+id], timestamp, type, currency, [accountKey+timestamp], [userId+currency+userSeq], [accountKey+currency+timestamp]',
      accessLog: '&[accountKey+id], timestamp, event, [accountKey+timestamp]',
      syncState: '&streamKey, accountKey',
    });
    this.version(2).stores({
      ledger: '&pageKey, chainKey, accountKey, [chainKey+maxId]',
      ledgerRows: '&pageKey, chainKey, accountKey',
      reconState: '&chainKey, chain.accountKey',
      loginEvents: '&key, timestamp, sourceKey, [sourceKey+timestamp], kind, ip',
      loginSyncState: '&streamKey, sourceKey',
    });
  }
}

const V2_TABLES = ['accounts', 'transactions', 'accessLog', 'syncState', 'ledger', 'ledgerRows', 'reconState', 'loginEvents', 'loginSyncState'] as const;
const CURRENCIES = ['BTC', 'ETH', 'USDC'];
let sim: DeribitSim;
let db: ReconcilerDatabase;
let accountKey: string;

function truthIds(): number[] {
  return sim.users.flatMap((u) => CURRENCIES.flatMap((c) => sim.truthTransactions(u.userId, c).map((r) => r.id)));
}

beforeAll(async () => {
  // History up to a minute ago: what appendActivity adds later lands inside the sync's overlap.
  const endTime = Date.now() - 60_000;
  sim = await startFastSim({ dataset: smallDataset({ rowsPerStream: 90, accessLogEvents: 300, endTime, startTime: endTime - 500 * 86_400_000 }) });
  accountKey = `deribit-${sim.mainUserId}`;
  // Written by today's code under per-key ids: acc_one complete, acc_two cancelled part-way, acc_gone complete.
  const source = freshDatabase();
  await syncOnce({ client: fastClient(sim), db: source, accountKey: 'acc_one' });
  const controller = new AbortController();
  let pages = 0;
  await syncOnce({ client: fastClient(sim), db: source, accountKey: 'acc_two', signal: controller.signal, onProgress: (p) => {
    pages = p.pagesFetched;
    if (pages >= 6) controller.abort();
  } });
  await syncOnce({ client: fastClient(sim), db: source, accountKey: 'acc_gone' });
  const name = `v2-cache-${process.pid}-${Date.now()}`;
  const legacy = new V2Database(name);
  await legacy.open();
  for (const table of V2_TABLES) {
    const rows = await source.table(table).toArray();
    await legacy.table(table).bulkPut(rows);
  }
  await legacy.table('accounts').bulkPut([
    { accountKey: 'acc_one', label: 'One', environment: 'custom', baseUrl: sim.url, clientId: 'a', authMethod: 'client_signature', scope: null, addedAt: 1, demo: false },
    { accountKey: 'acc_two', label: 'Two', environment: 'custom', baseUrl: sim.url, clientId: 'b', authMethod: 'client_signature', scope: null, addedAt: 2, demo: false },
  ]);
  expect(await legacy.table('transactions').count()).toBeGreaterThan(2 * truthIds().length);
  legacy.close();
  source.close();
  db = new ReconcilerDatabase(name);
  await db.open();
});

afterAll(async () => {
  db.close();
  await sim.close();
});

describe('schema v3: one history per Deribit account', () => {
  it('every row once, under the account', async () => {
    const rows = await db.transactions.toArray();
    expect(new Set(rows.map((r) => r.accountKey))).toEqual(new Set([accountKey]));
    expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(truthIds().sort((a, b) => a - b));
    expect(await db.accessLog.count()).toBe(sim.truthAccessLog().length);
    expect(await db.loginEvents.where('sourceKey').equals(accountKey).count()).toBe(sim.truthAccessLog().length);
    expect(await db.loginEvents.where('sourceKey').anyOf(['acc_one', 'acc_two', 'acc_gone']).count()).toBe(0);
    expect(await db.accounts.count()).toBe(0);
    expect((await db.accountAliases.toArray()).map((a) => [a.legacyKey, a.accountKey]).sort()).toEqual([
      ['acc_gone', accountKey], ['acc_one', accountKey], ['acc_two', accountKey],
    ]);
  });

  it('the ledger holds each row once per chain and the chains list names each chain once', async () => {
    const pages = await db.ledgerRows.toArray();
    const ids = pages.flatMap((p) => p.rows.map((r) => r.id));
    expect(ids.sort((a, b) => a - b)).toEqual(truthIds().sort((a, b) => a - b));
    const chains = await listChains(db, [accountKey]);
    expect(chains.map((c) => `${c.chain.userId}|${c.chain.currency}`).sort()).toEqual(
      sim.users.flatMap((u) => CURRENCIES.map((c) => `${u.userId}|${c}`)).sort(),
    );
    expect(await db.ledger.where('accountKey').anyOf(['acc_one', 'acc_two', 'acc_gone']).count()).toBe(0);
  });

  it('cursors merge to the furthest: every stream complete, counts from the rows held', async () => {
    const streams = await db.syncState.toArray();
    expect(new Set(streams.map((s) => s.accountKey))).toEqual(new Set([accountKey]));
    expect(streams).toHaveLength(1 + sim.users.length * CURRENCIES.length);
    for (const stream of streams) {
      expect(stream.phase).toBe('idle');
      expect(stream.watermark).not.toBeNull();
      const truth = stream.kind === 'access' ? sim.truthAccessLog().length : sim.truthTransactions(stream.userId, stream.currency ?? '').length;
      expect(stream.rowsStored).toBe(truth);
    }
  });

  it('a whole-history export holds every row once', async () => {
    const chunks: string[] = [];
    const ch: RequestChannel = { chunk: (d) => (chunks.push(typeof d === 'string' ? d : new TextDecoder().decode(d)), d.length), progress: () => undefined, isCancelled: () => false };
    const period = { fromMs: 0, toMs: Date.now() + 86_400_000, timeZone: 'UTC', label: 'all' };
    const deps = { db, columns: new ChainColumnsCache(db), now: () => performance.now() };
    await exportPeriod(deps, { accountKeys: [accountKey], period, format: 'transactions-csv', accountLabels: [[accountKey, 'Trader']] }, ch);
    const [header, ...records] = parseCsv(chunks.join(''));
    const idCol = header?.indexOf('id') ?? -1;
    expect(records.map((r) => Number(r[idCol])).sort((a, b) => a - b)).toEqual(truthIds().sort((a, b) => a - b));
  });

  it('a sync after the upgrade fetches only what is new and stays exact', async () => {
    const before = truthIds().length;
    sim.appendActivity({ rowsPerStream: 3, accessLogEvents: 5, until: Date.now() });
    const result = await syncOnce({ client: fastClient(sim), db, accountKey });
    expect(result.phase).toBe('done');
    expect(truthIds().length).toBeGreaterThan(before);
    expect(result.newRows).toBe(truthIds().length - before + 5);
    expect((await db.transactions.toArray()).map((r) => r.id).sort((a, b) => a - b)).toEqual(truthIds().sort((a, b) => a - b));
    const ledgerIds = (await db.ledgerRows.toArray()).flatMap((p) => p.rows.map((r) => r.id));
    expect(ledgerIds.sort((a, b) => a - b)).toEqual(truthIds().sort((a, b) => a - b));
  });
});
