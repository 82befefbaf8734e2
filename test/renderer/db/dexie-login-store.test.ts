/**
 * The login sync engine over the Dexie store (fake-indexeddb) and a real connector against the NLPearl
 * simulator: a sync cancelled mid-window and resumed caches exactly what a clean sync caches; a crash
 * inside the page transaction writes neither the events nor the cursor; the Deribit access log lands in
 * loginEvents with every committed access page.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { DBCore, Middleware } from 'dexie';
import { createNlpearlConnector } from '../../../src/core/providers/nlpearl/index';
import { runLoginSync } from '../../../src/core/sync/login-sync';
import { ReconcilerDatabase } from '../../../src/renderer/db/database';
import { createDexieLoginStore, deleteCachedLoginSource, loginStreamKey } from '../../../src/renderer/db/dexie-login-store';
import { DEFAULT_NLPEARL_ACCOUNT, startNlpearlSim, type NlpearlSim } from '../../sim/nlpearl/index';
import type { DeribitSim } from '../../sim/deribit/index';
import { fastClient, freshDatabase, smallDataset, startFastSim, syncOnce } from '../../support/sync-harness';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 20);
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function track(db: ReconcilerDatabase): ReconcilerDatabase {
  closers.push(() => db.close());
  return db;
}

async function nlpearlSim(): Promise<NlpearlSim> {
  const sim = await startNlpearlSim({ dataset: { seed: 5, events: 600, startTime: NOW - 40 * DAY, endTime: NOW - DAY }, cap: 100 });
  closers.push(() => sim.close());
  return sim;
}

const connectorFor = (sim: NlpearlSim, sourceKey: string) =>
  createNlpearlConnector({
    sourceKey, baseUrl: sim.url, accountId: DEFAULT_NLPEARL_ACCOUNT.accountId, secretKey: DEFAULT_NLPEARL_ACCOUNT.secretKey,
    now: () => NOW, maxRequestsPerPage: 1, retry: { maxAttempts: 2 },
  });

const sync = (db: ReconcilerDatabase, sim: NlpearlSim, sourceKey: string, signal?: AbortSignal, onPage?: (pages: number) => void) =>
  runLoginSync({
    sourceKey, source: 'nlpearl', connector: connectorFor(sim, sourceKey), store: createDexieLoginStore(db), now: () => NOW,
    lookbackMs: 60 * DAY, signal, onProgress: (p) => onPage?.(p.pagesFetched),
  });

/** Fails the put into loginSyncState that follows the first `allowed` ones (inside whatever transaction runs it). */
function failingStatePuts(allowed: number): Middleware<DBCore> {
  let puts = 0;
  return {
    stack: 'dbcore',
    name: 'crash-on-state-put',
    create: (down) => ({
      ...down,
      table(name) {
        const table = down.table(name);
        if (name !== 'loginSyncState') return table;
        return {
          ...table,
          mutate(req) {
            if (req.type === 'put' && ++puts === allowed + 1) return Promise.reject(new Error('simulated crash'));
            return table.mutate(req);
          },
        };
      },
    }),
  };
}

describe('Dexie login store', () => {
  it('a sync cancelled mid-window, then resumed, caches exactly what a clean sync caches', async () => {
    const sim = await nlpearlSim();
    const clean = track(freshDatabase());
    const done = await sync(clean, sim, 'src_a');
    expect(done.phase).toBe('done');
    const cleanKeys = (await clean.loginEvents.toArray()).map((e) => e.key).sort();
    expect(cleanKeys.length).toBe(sim.truth().length);
    expect((await clean.loginSyncState.get(loginStreamKey('src_a')))?.eventsStored).toBe(cleanKeys.length);

    const resumed = track(freshDatabase());
    const controller = new AbortController();
    const cancelled = await sync(resumed, sim, 'src_a', controller.signal, (pages) => {
      if (pages === 3) controller.abort();
    });
    expect(cancelled.phase).toBe('cancelled');
    const partial = await resumed.loginEvents.count();
    const stateAfterCancel = await resumed.loginSyncState.get(loginStreamKey('src_a'));
    expect(stateAfterCancel?.phase).toBe('backfill');
    expect(stateAfterCancel?.cursor).not.toBeNull();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(cleanKeys.length);

    const finished = await sync(resumed, sim, 'src_a');
    expect(finished.phase).toBe('done');
    expect(finished.newEvents).toBe(cleanKeys.length - partial);
    expect((await resumed.loginEvents.toArray()).map((e) => e.key).sort()).toEqual(cleanKeys);
    const state = await resumed.loginSyncState.get(loginStreamKey('src_a'));
    expect(state?.eventsStored).toBe(cleanKeys.length);
    expect(state?.watermark).toBe(NOW);

    await deleteCachedLoginSource(resumed, 'src_a');
    expect(await resumed.loginEvents.count()).toBe(0);
    expect(await resumed.loginSyncState.count()).toBe(0);
  });

  it('a crash inside the page transaction writes neither the events nor the cursor; the next run completes', async () => {
    const sim = await nlpearlSim();
    const db = new ReconcilerDatabase(`login-crash-${process.pid}-${Date.now()}`);
    // Puts: the opening state, then one per committed page. The third page's commit fails.
    db.use(failingStatePuts(3));
    track(db);
    const crashed = await sync(db, sim, 'src_b');
    expect(crashed.phase).toBe('error');
    expect(crashed.pagesFetched).toBe(3);
    const keysAfterCrash = (await db.loginEvents.toArray()).map((e) => e.key);
    const state = await db.loginSyncState.get(loginStreamKey('src_b'));
    // Two pages committed; the third page's events are absent along with its cursor.
    expect(state?.pagesFetched).toBe(2);
    expect(state?.eventsStored).toBe(keysAfterCrash.length);

    const again = new ReconcilerDatabase(db.name);
    track(again);
    db.close();
    const afterCrashState = await again.loginSyncState.get(loginStreamKey('src_b'));
    expect(afterCrashState?.cursor).toBe(state?.cursor);
    const resumed = await sync(again, sim, 'src_b');
    expect(resumed.phase).toBe('done');
    expect(await again.loginEvents.count()).toBe(sim.truth().length);
    expect(resumed.newEvents).toBe(sim.truth().length - keysAfterCrash.length);
  });
});

describe('Deribit access log in loginEvents', () => {
  let deribit: DeribitSim | null = null;
  afterEach(async () => {
    await deribit?.close();
    deribit = null;
  });

  it('every committed access-log page is also in loginEvents, mapped, in the same transaction', async () => {
    deribit = await startFastSim({ dataset: smallDataset({ rowsPerStream: 20, accessLogEvents: 350 }) });
    const db = track(freshDatabase());
    const done = await syncOnce({ client: fastClient(deribit), db, accountKey: 'acc_x' });
    expect(done.phase).toBe('done');
    const access = await db.accessLog.toArray();
    const logins = await db.loginEvents.where('sourceKey').equals('acc_x').toArray();
    expect(access.length).toBe(350);
    expect(logins.map((e) => e.key).sort()).toEqual(access.map((a) => `acc_x|${a.id}`).sort());
    expect(logins.every((e) => e.source === 'deribit')).toBe(true);
    const byId = new Map(access.map((a) => [String(a.id), a]));
    for (const e of logins.slice(0, 50)) expect(e.raw).toBe(byId.get(e.id)?.raw);
  });
});
