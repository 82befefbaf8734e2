import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStore } from '../../../src/core/sync/types';
import { createDexieSyncStore } from '../../../src/renderer/db/dexie-sync-store';
import type { DeribitSim } from '../../sim/deribit/index';
import { expectCacheEqualsTruth, fastClient, freshDatabase, smallDataset, startFastSim, syncOnce } from '../../support/sync-harness';

const CURRENCIES = ['BTC', 'ETH', 'USDC'];
let sim: DeribitSim | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

const txRequests = (s: DeribitSim) => s.requests().filter((r) => r.method === 'private/get_transaction_log');

describe('runDeribitSync', () => {
  it('caches every row of every (user, currency) and the whole access log, exactly as sent', async () => {
    sim = await startFastSim({ dataset: smallDataset() });
    const db = freshDatabase();
    const progress: number[] = [];
    const result = await syncOnce({ client: fastClient(sim), db, onProgress: (p) => p.etaMs !== null && progress.push(p.etaMs) });
    expect(result.phase).toBe('done');
    const total = await expectCacheEqualsTruth(db, sim, CURRENCIES);
    expect(total).toBeGreaterThan(1000);
    expect(result.newRows).toBe(total + sim.truthAccessLog().length);
    expect(result.streams).toHaveLength(1 + 3 * 3);
    expect(result.streams.every((s) => s.state === 'done')).toBe(true);
    expect(progress.length).toBeGreaterThan(5);
    const states = await db.syncState.toArray();
    expect(states.every((s) => s.phase === 'idle' && s.watermark !== null && s.lastSyncedAt !== null)).toBe(true);
  });

  it('uses no more transaction-log requests than ceil(rows/250) per stream', async () => {
    sim = await startFastSim({ dataset: smallDataset({ subaccounts: 0, currencies: ['BTC'], rowsPerStream: 1000, accessLogEvents: 10 }) });
    const db = freshDatabase();
    await syncOnce({ client: fastClient(sim), db });
    const rows = sim.truthTransactions(sim.mainUserId, 'BTC').length;
    expect(txRequests(sim)).toHaveLength(Math.ceil(rows / 250));
    expect(sim.requests().some((r) => r.errorCode === 10028)).toBe(false);
  });

  it('a later sync fetches only what is new', async () => {
    // History up to a minute ago; the new activity lands between then and after the first sync.
    sim = await startFastSim({ dataset: smallDataset({ endTime: Date.now() - 60_000 }) });
    const db = freshDatabase();
    await syncOnce({ client: fastClient(sim), db });
    const before = await expectCacheEqualsTruth(db, sim, CURRENCIES);
    const accessBefore = sim.truthAccessLog().length;
    sim.appendActivity({ rowsPerStream: 5, accessLogEvents: 7, until: Date.now() });
    sim.resetRequests();
    const second = await syncOnce({ client: fastClient(sim), db });
    expect(second.phase).toBe('done');
    expect(txRequests(sim)).toHaveLength(9); // one page per (user, currency)
    const after = await expectCacheEqualsTruth(db, sim, CURRENCIES);
    expect(after - before).toBeGreaterThanOrEqual(9 * 5); // transfers add their counterpart rows too
    expect(second.newRows).toBe(after - before + sim.truthAccessLog().length - accessBefore);
  });

  it('resumes exactly after a cancel at a page boundary: no gap, no duplicate', async () => {
    sim = await startFastSim({ dataset: smallDataset({ rowsPerStream: 600 }) });
    const db = freshDatabase();
    const controller = new AbortController();
    const first = await syncOnce({
      client: fastClient(sim), db, signal: controller.signal,
      onProgress: (p) => p.pagesFetched >= 6 && controller.abort(),
    });
    expect(first.phase).toBe('cancelled');
    const partial = await db.transactions.count();
    expect(partial).toBeGreaterThan(0);
    sim.resetRequests();
    const second = await syncOnce({ client: fastClient(sim), db });
    expect(second.phase).toBe('done');
    const total = await expectCacheEqualsTruth(db, sim, CURRENCIES);
    expect(second.newRows).toBe(total - partial);
  });

  it('resumes after a response cut mid-page (retries disabled): the cut page is fetched again', async () => {
    sim = await startFastSim({ dataset: smallDataset({ rowsPerStream: 600 }) });
    const db = freshDatabase();
    sim.injectFaults([{ method: 'private/get_transaction_log', after: 4, kind: { type: 'truncate' } }]);
    const first = await syncOnce({ client: fastClient(sim, { retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }), db });
    expect(first.phase).toBe('error');
    expect(first.message).toBeTruthy();
    const failed = await db.syncState.filter((s) => s.lastError !== null).toArray();
    expect(failed).toHaveLength(1);
    const second = await syncOnce({ client: fastClient(sim), db });
    expect(second.phase).toBe('done');
    await expectCacheEqualsTruth(db, sim, CURRENCIES);
  });

  it('a crash while writing a page leaves neither the rows nor the cursor, and the next run completes', async () => {
    sim = await startFastSim({ dataset: smallDataset({ rowsPerStream: 600 }) });
    const db = freshDatabase();
    const real = createDexieSyncStore(db);
    let commits = 0;
    let lostIds: number[] = [];
    const crashing: SyncStore = {
      ...real,
      commitTransactionPage: (accountKey, rows, state) =>
        // Every table the real commit writes (rows, cursor, ledger) must be in the enclosing transaction.
        db.transaction('rw', [db.transactions, db.syncState, db.ledger, db.ledgerRows, db.syncIssues], async () => {
          commits += 1;
          const inserted = await real.commitTransactionPage(accountKey, rows, state);
          if (commits === 5) {
            lostIds = rows.map((r) => r.id);
            throw new Error('simulated crash after writing the rows');
          }
          return inserted;
        }),
    };
    const first = await syncOnce({ client: fastClient(sim), db, store: crashing });
    expect(first.phase).toBe('error');
    // Four pages committed in full; the fifth rolled back with its cursor.
    const states = await db.syncState.toArray();
    const stored = states.filter((s) => s.kind === 'tx').reduce((n, s) => n + s.rowsStored, 0);
    expect(await db.transactions.count()).toBe(stored);
    expect(lostIds.length).toBeGreaterThan(0);
    expect(await db.transactions.where('[accountKey+id]').anyOf(lostIds.map((id) => ['acc_test', id])).count()).toBe(0);
    const second = await syncOnce({ client: fastClient(sim), db });
    expect(second.phase).toBe('done');
    await expectCacheEqualsTruth(db, sim, CURRENCIES);
  });

  it('a wrong secret gives a clear error and writes nothing', async () => {
    sim = await startFastSim({ dataset: smallDataset() });
    const db = freshDatabase();
    const result = await syncOnce({ client: fastClient(sim, { clientSecret: 'not-the-secret' }), db });
    expect(result.phase).toBe('error');
    expect(result.message).toMatch(/secret|client id|key/i);
    expect(await db.transactions.count()).toBe(0);
    expect(await db.accessLog.count()).toBe(0);
    expect(await db.syncState.count()).toBe(0);
  });
});

describe('runDeribitSync over every undocumented server variant', () => {
  const variants = [
    { continuationStyle: 'last-id-on-page' as const },
    { lastPageContinuation: 'empty-page-follows' as const },
    { timeBoundsInclusive: false },
    { userSeqScope: 'per-currency' as const },
    { accessLogShape: 'array' as const },
    { accessLogShape: 'object' as const, accessLogEventField: 'log' as const },
    { rateLimitHttpStatus: 200 as const, txLogIntervalMs: 40 },
    { rateLimitHttpStatus: 400 as const, txLogIntervalMs: 40 },
  ];
  for (const variant of variants) {
    it(`syncs completely with ${JSON.stringify(variant)}`, async () => {
      sim = await startFastSim({ dataset: smallDataset({ rowsPerStream: 300, accessLogEvents: 1500 }), ...variant });
      const db = freshDatabase();
      const result = await syncOnce({ client: fastClient(sim), db });
      expect(result.phase, result.message ?? '').toBe('done');
      await expectCacheEqualsTruth(db, sim, CURRENCIES);
    });
  }
});
