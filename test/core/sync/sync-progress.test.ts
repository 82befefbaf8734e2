/**
 * What a run reports while it goes and when it stops: the fraction never goes back within a run (resumed
 * or not), a cancelled run leaves no stream "running", and a stream counts as synced (lastSyncedAt) only
 * once it is complete up to a run's start — finishing an interrupted older window is not enough.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { transactionStreamKey } from '../../../src/core/sync/stream-state';
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

const nonDecreasing = (values: readonly number[]): boolean => values.every((v, i) => i === 0 || v >= values[i - 1]!);

describe('sync progress', () => {
  it('never goes back within a run, first or resumed, and a cancel leaves no stream running', async () => {
    sim = await startFastSim({ dataset: smallDataset({ rowsPerStream: 700 }) });
    const db = freshDatabase();
    const controller = new AbortController();
    const firstRun: number[] = [];
    const first = await syncOnce({
      client: fastClient(sim), db, signal: controller.signal,
      onProgress: (p) => {
        if (p.fraction !== null) firstRun.push(p.fraction);
        // Stop in the middle of a transaction-log stream.
        if (p.streams.some((s) => s.kind === 'tx' && s.state === 'running' && s.pagesFetched >= 2)) controller.abort();
      },
    });
    expect(first.phase).toBe('cancelled');
    expect(nonDecreasing(firstRun), firstRun.join(' ')).toBe(true);
    expect(first.streams.filter((s) => s.state === 'running')).toEqual([]);
    const interrupted = first.streams.find((s) => s.state === 'cancelled' && s.pagesFetched > 0);
    expect(interrupted, 'the stream cut short says it was cancelled').toBeDefined();
    expect(first.fraction).not.toBeNull();

    const resumedRun: number[] = [];
    const second = await syncOnce({ client: fastClient(sim), db, onProgress: (p) => p.fraction !== null && resumedRun.push(p.fraction) });
    expect(second.phase).toBe('done');
    expect(resumedRun.length).toBeGreaterThan(10);
    expect(nonDecreasing(resumedRun), resumedRun.map((f) => f.toFixed(2)).join(' ')).toBe(true);
    expect(resumedRun.at(-1)).toBe(1);
    await expectCacheEqualsTruth(db, sim, CURRENCIES);
  });

  it('a stream that only finished its interrupted window is not "synced" yet', async () => {
    sim = await startFastSim({ dataset: smallDataset({ rowsPerStream: 600 }) });
    const db = freshDatabase();
    const key = transactionStreamKey('acc_test', sim.mainUserId, 'BTC');
    const cancelFirst = new AbortController();
    await syncOnce({
      client: fastClient(sim), db, signal: cancelFirst.signal,
      onProgress: (p) => p.streams.some((s) => s.streamKey === key && s.pagesFetched >= 1) && cancelFirst.abort(),
    });
    const cut = await db.syncState.get(key);
    expect(cut?.phase).toBe('backfill');

    // The next run is cancelled the moment that stream closes its old window.
    const cancelSecond = new AbortController();
    const real = createDexieSyncStore(db);
    const store: SyncStore = {
      ...real,
      commitTransactionPage: async (accountKey, rows, state) => {
        const inserted = await real.commitTransactionPage(accountKey, rows, state);
        if (state.streamKey === key && state.phase === 'idle') cancelSecond.abort();
        return inserted;
      },
    };
    const second = await syncOnce({ client: fastClient(sim), db, store, signal: cancelSecond.signal });
    expect(second.phase).toBe('cancelled');
    const closed = await db.syncState.get(key);
    expect(closed?.phase).toBe('idle');
    expect(closed?.watermark).toBe(cut?.windowEnd);
    expect(closed?.lastSyncedAt, 'complete only up to the first run, not synced now').toBeNull();

    const third = await syncOnce({ client: fastClient(sim), db });
    expect(third.phase).toBe('done');
    const current = await db.syncState.get(key);
    expect(current?.lastSyncedAt).not.toBeNull();
    expect(current?.watermark).toBeGreaterThan(cut?.windowEnd ?? Infinity);
  });

  it('a cancel ends the run at once, even while the source keeps a page request going (the bar is not left running)', async () => {
    sim = await startFastSim({ dataset: smallDataset({ rowsPerStream: 300 }) });
    const db = freshDatabase();
    sim.injectFaults([{ method: 'private/get_transaction_log', after: 3, kind: { type: 'hang', ms: 1_500 } }]);
    const controller = new AbortController();
    let cancelledAt = 0;
    const timer = setInterval(() => {
      const tx = sim!.requests().filter((r) => r.method === 'private/get_transaction_log');
      if (tx.length >= 4 && tx[3]?.status === 0 && cancelledAt === 0) {
        cancelledAt = performance.now();
        controller.abort(); // the client is NOT told: its request runs on
      }
    }, 2);
    const result = await syncOnce({ client: fastClient(sim), db, signal: controller.signal }).finally(() => clearInterval(timer));
    const stoppedAfter = performance.now() - cancelledAt;
    expect(result.phase).toBe('cancelled');
    expect(stoppedAfter).toBeLessThan(500);
    expect(result.streams.filter((s) => s.state === 'running')).toEqual([]);
    const rowsAtCancel = await db.transactions.count();
    // The late answer arrives and is dropped: nothing is written after the run returned.
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    expect(await db.transactions.count()).toBe(rowsAtCancel);
    expect((await syncOnce({ client: fastClient(sim), db })).phase).toBe('done');
    await expectCacheEqualsTruth(db, sim, CURRENCIES);
  });
});
