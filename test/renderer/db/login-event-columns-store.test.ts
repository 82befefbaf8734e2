/**
 * The compact login-event columns (schema v6) give exactly the events of the loginEvents table (every field
 * but the raw record), after: a login-source sync against the NLPearl simulator, a resync of overlapping
 * pages (unchanged and changed events), removing a source, a Deribit access-log sync and removing the
 * account, and opening a v5 cache. A table written past the columns is caught and rebuilt on read.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { CorrelationEvent } from '../../../src/core/correlate/event-columns';
import type { LoginEvent } from '../../../src/core/logins/types';
import { createNlpearlConnector } from '../../../src/core/providers/nlpearl/index';
import { runLoginSync } from '../../../src/core/sync/login-sync';
import { ReconcilerDatabase } from '../../../src/renderer/db/database';
import { createDexieLoginStore, deleteCachedLoginSource, loginStreamKey } from '../../../src/renderer/db/dexie-login-store';
import { readCorrelationEvents } from '../../../src/renderer/db/login-event-columns-store';
import { deleteCachedAccountData } from '../../../src/renderer/features/accounts/cached-account-data';
import { DEFAULT_NLPEARL_ACCOUNT, startNlpearlSim, type NlpearlSim } from '../../sim/nlpearl/index';
import { fastClient, freshDatabase, smallDataset, startFastSim, syncOnce } from '../../support/sync-harness';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 20);
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});
const track = (db: ReconcilerDatabase): ReconcilerDatabase => {
  closers.push(() => db.close());
  return db;
};

async function nlpearlSim(seed: number): Promise<NlpearlSim> {
  const sim = await startNlpearlSim({ dataset: { seed, events: 400, startTime: NOW - 40 * DAY, endTime: NOW - DAY }, cap: 100 });
  closers.push(() => sim.close());
  return sim;
}

const sync = (db: ReconcilerDatabase, sim: NlpearlSim, sourceKey: string) =>
  runLoginSync({
    sourceKey, source: 'nlpearl', store: createDexieLoginStore(db), now: () => NOW, lookbackMs: 60 * DAY,
    connector: createNlpearlConnector({
      sourceKey, baseUrl: sim.url, accountId: DEFAULT_NLPEARL_ACCOUNT.accountId, secretKey: DEFAULT_NLPEARL_ACCOUNT.secretKey,
      now: () => NOW, maxRequestsPerPage: 1, retry: { maxAttempts: 2 },
    }),
  });

const byTimeThenKey = (a: CorrelationEvent, b: CorrelationEvent): number => a.timestamp - b.timestamp || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The columns' events equal the loginEvents records without `raw`, in (time, key) order; returns how many. */
async function expectColumnsEqualEvents(db: ReconcilerDatabase): Promise<number> {
  const { events, rebuilt } = await readCorrelationEvents(db);
  const table = (await db.loginEvents.toArray()).map(({ raw: _raw, ...event }) => event as CorrelationEvent).sort(byTimeThenKey);
  expect(rebuilt).toBe(false);
  expect(events).toEqual(table);
  return events.length;
}

describe('login-event columns beside loginEvents', () => {
  it('a sync, an overlapping resync (same and changed events) and a source removal keep them equal', async () => {
    const [simA, simB] = [await nlpearlSim(5), await nlpearlSim(9)];
    const db = track(freshDatabase());
    expect((await sync(db, simA, 'pearl_a')).phase).toBe('done');
    expect((await sync(db, simB, 'pearl_b')).phase).toBe('done');
    expect(await expectColumnsEqualEvents(db)).toBe(simA.truth().length + simB.truth().length);

    // A second run re-reads the overlap: unchanged events add no column record.
    const records = await db.loginEventColumns.count();
    expect((await sync(db, simA, 'pearl_a')).phase).toBe('done');
    expect(await db.loginEventColumns.count()).toBe(records);
    await expectColumnsEqualEvents(db);

    // A page re-sending cached events with other content (and one key twice: the last copy is kept), plus a new one.
    const store = createDexieLoginStore(db);
    const cached = (await db.loginEvents.where('sourceKey').equals('pearl_a').limit(3).toArray()) as LoginEvent[];
    const [first, second, third] = cached as [LoginEvent, LoginEvent, LoginEvent];
    const state = await db.loginSyncState.get(loginStreamKey('pearl_a'));
    if (state === undefined) throw new Error('no stream state');
    await store.commitLoginPage(
      [
        { ...first, country: 'JP', city: 'Osaka', coordinates: { lat: 34.69, lon: 135.5, radiusKm: 20 } },
        { ...second, actor: null, detail: 'renamed', coordinates: null },
        { ...third, ip: '203.0.113.9' },
        third,
        { ...first, key: 'pearl_a|brand-new', id: 'brand-new', timestamp: first.timestamp + 1 },
      ],
      state,
    );
    const columns = await expectColumnsEqualEvents(db);
    const byKey = new Map((await readCorrelationEvents(db)).events.map((e) => [e.key, e]));
    expect(byKey.get(first.key)?.coordinates).toEqual({ lat: 34.69, lon: 135.5, radiusKm: 20 });
    expect(byKey.get(second.key)?.coordinates).toBeNull();
    expect(byKey.get(third.key)?.ip).toBe(third.ip);
    expect(byKey.has('pearl_a|brand-new')).toBe(true);

    await deleteCachedLoginSource(db, 'pearl_a');
    expect(await expectColumnsEqualEvents(db)).toBe(simB.truth().length);
    expect(columns).toBe(simA.truth().length + simB.truth().length + 1);
    await deleteCachedLoginSource(db, 'pearl_b');
    expect(await expectColumnsEqualEvents(db)).toBe(0);
    expect(await db.loginEventColumns.count()).toBe(0);
  });

  it('a Deribit access-log sync writes them; removing the account removes its events and no other source', async () => {
    const deribit = await startFastSim({ dataset: smallDataset({ rowsPerStream: 20, accessLogEvents: 350 }) });
    closers.push(() => deribit.close());
    const sim = await nlpearlSim(7);
    const db = track(freshDatabase());
    expect((await syncOnce({ client: fastClient(deribit), db, accountKey: 'acc_x' })).phase).toBe('done');
    expect((await sync(db, sim, 'pearl')).phase).toBe('done');
    expect(await expectColumnsEqualEvents(db)).toBe(350 + sim.truth().length);
    // A second sync finds nothing new and writes nothing.
    const records = await db.loginEventColumns.count();
    await syncOnce({ client: fastClient(deribit), db, accountKey: 'acc_x' });
    expect(await db.loginEventColumns.count()).toBe(records);

    await deleteCachedAccountData(db, 'acc_x');
    expect(await expectColumnsEqualEvents(db)).toBe(sim.truth().length);
    expect(await db.loginEventColumns.where('sourceKey').equals('acc_x').count()).toBe(0);
  });

  it('a v5 cache gets them built from its loginEvents when opened', async () => {
    const name = `v5-columns-${process.pid}-${Date.now()}`;
    const v5 = new Dexie(name);
    v5.version(5).stores({
      accounts: '&accountKey',
      transactions:
        '&[accountKey+id], timestamp, type, currency, [accountKey+timestamp], [userId+currency+userSeq], [accountKey+currency+timestamp]',
      accessLog: '&[accountKey+id], timestamp, event, [accountKey+timestamp]',
      syncState: '&streamKey, accountKey',
      ledger: '&pageKey, chainKey, accountKey, [chainKey+maxId]',
      ledgerRows: '&pageKey, chainKey, accountKey',
      reconState: '&chainKey, chain.accountKey',
      loginEvents: '&key, timestamp, sourceKey, [sourceKey+timestamp], kind, ip',
      loginSyncState: '&streamKey, sourceKey',
      syncIssues: '&issueKey, accountKey, streamKey',
      accountAliases: '&legacyKey, accountKey',
      prices: '&[source+indexName+date], [source+indexName]',
      priceState: '&key, source',
      incidentReviews: '&incidentId, reviewedAt',
    });
    // More events than one read chunk, three sources, odd ids, nulls and coordinates.
    const events: LoginEvent[] = Array.from({ length: 4321 }, (_, i) => {
      const sourceKey = ['acc_1', 'cf', 'pulse'][i % 3] as string;
      return {
        key: `${sourceKey}|${i}`, sourceKey, source: i % 3 === 0 ? 'deribit' : i % 3 === 1 ? 'cloudflare' : 'ingedata', id: i % 7 === 0 ? `other-${i}` : String(i),
        timestamp: NOW - (i % 500) * 60_000, actor: i % 3 === 0 ? null : `user${i % 5}@example.com`, ip: i % 11 === 0 ? null : `198.51.100.${i % 200}`,
        country: i % 13 === 0 ? null : 'FR', city: i % 2 === 0 ? 'Lyon' : null,
        ...(i % 17 === 0 ? { coordinates: { lat: 45.76, lon: 4.84, radiusKm: i % 2 === 0 ? null : 5 } } : i % 19 === 0 ? { coordinates: null } : {}),
        outcome: 'success', kind: 'login-success', detail: 'login', raw: `{"i":${i}}`,
      };
    });
    await v5.table('loginEvents').bulkPut(events);
    v5.close();

    const db = track(new ReconcilerDatabase(name));
    await db.open();
    expect(db.verno).toBe(6);
    expect(await expectColumnsEqualEvents(db)).toBe(events.length);
  });

  it('events written to loginEvents past the columns are caught on read and the columns rebuilt', async () => {
    const sim = await nlpearlSim(3);
    const db = track(freshDatabase());
    await sync(db, sim, 'pearl');
    const [one] = await db.loginEvents.limit(1).toArray();
    if (one === undefined) throw new Error('no event');
    await db.loginEvents.put({ ...one, key: 'pearl|planted', id: 'planted' });
    const read = await readCorrelationEvents(db);
    expect(read.rebuilt).toBe(true);
    expect(read.events.map((e) => e.key)).toContain('pearl|planted');
    expect(await expectColumnsEqualEvents(db)).toBe(sim.truth().length + 1);
  });
});
