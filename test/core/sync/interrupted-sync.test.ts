/**
 * A sync interrupted in every way (cancel with a page in flight, cancel between pages, a provider error,
 * a crash inside the commit transaction), then the exchange grows new rows and events in finished and
 * unfinished streams: ONE resumed sync must end 'done' with the cache — grid rows, ledger and access log
 * — equal to the grown truth, because a resumed stream finishes its old window and then walks a new one
 * up to the resumed run's start.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DeribitClient } from '../../../src/core/providers/deribit/deribit-client';
import type { SyncProgress, SyncStore } from '../../../src/core/sync/types';
import type { ReconcilerDatabase } from '../../../src/renderer/db/database';
import { createDexieSyncStore } from '../../../src/renderer/db/dexie-sync-store';
import type { DeribitSim } from '../../sim/deribit/index';
import { ACCESS_METHOD, TX_METHOD } from '../../support/hostile-answers';
import { expectCacheEqualsTruth, expectLedgerMatchesTransactions, fastClient, freshDatabase, movableClock, smallDataset, startFastSim, syncOnce } from '../../support/sync-harness';

const CURRENCIES = ['BTC', 'ETH', 'USDC'];
const HOUR = 3_600_000;
const ACCESS_PAGE = 250;
let sim: DeribitSim | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

interface Setup {
  readonly sim: DeribitSim;
  readonly db: ReconcilerDatabase;
  readonly clock: ReturnType<typeof movableClock>;
}

async function setup(): Promise<Setup> {
  const clock = movableClock();
  // History up to a minute ago, so what is appended later lies after the interrupted run's start.
  sim = await startFastSim({ dataset: smallDataset({ rowsPerStream: 300, accessLogEvents: 1100, endTime: Date.now() - 60_000 }), now: clock.now });
  return { sim, db: freshDatabase(), clock };
}

/** Aborts the run (and the client's requests, as the renderer's Cancel does) once `condition` holds. */
function cancelWhen(client: DeribitClient, condition: () => boolean): { signal: AbortSignal; stop: () => void } {
  const controller = new AbortController();
  const timer = setInterval(() => {
    if (!condition()) return;
    clearInterval(timer);
    controller.abort();
    client.cancelAll();
  }, 2);
  return { signal: controller.signal, stop: () => clearInterval(timer) };
}

const inFlight = (s: DeribitSim, method: string, nth: number) => (): boolean => {
  const calls = s.requests().filter((r) => r.method === method);
  return calls.length >= nth && calls[nth - 1]?.status === 0;
};

function expectNothingRunning(result: SyncProgress): void {
  expect(result.streams.filter((s) => s.state === 'running')).toEqual([]);
  expect(result.streams.some((s) => s.state === 'cancelled' || s.state === 'error')).toBe(true);
}

/** The rows stored per stream agree with the tables: nothing half-written. */
async function expectConsistent(db: ReconcilerDatabase): Promise<void> {
  const states = await db.syncState.toArray();
  expect(await db.transactions.count()).toBe(states.filter((s) => s.kind === 'tx').reduce((n, s) => n + s.rowsStored, 0));
  expect(await db.accessLog.count()).toBe(states.filter((s) => s.kind === 'access').reduce((n, s) => n + s.rowsStored, 0));
  expect(await db.loginEvents.count()).toBe(await db.accessLog.count());
  await expectLedgerMatchesTransactions(db);
}

/** New rows in every stream and new access events, after the interrupted run; then one resumed sync. */
async function growAndResume({ sim: s, db, clock }: Setup): Promise<void> {
  await expectConsistent(db);
  const interrupted = await db.syncState.toArray();
  expect(interrupted.some((st) => st.phase === 'backfill') || interrupted.length < 10, 'the run was really interrupted').toBe(true);
  s.appendActivity({ rowsPerStream: 6, accessLogEvents: 40, until: Date.now() + HOUR });
  clock.advance(2 * HOUR);
  const fractions: number[] = [];
  const resumed = await syncOnce({ client: fastClient(s), db, accessPageSize: ACCESS_PAGE, onProgress: (p) => p.fraction !== null && fractions.push(p.fraction) });
  expect(resumed.phase, resumed.message ?? '').toBe('done');
  expect(resumed.streams.every((st) => st.state === 'done')).toBe(true);
  await expectCacheEqualsTruth(db, s, CURRENCIES);
  const states = await db.syncState.toArray();
  expect(states.every((st) => st.phase === 'idle' && st.lastError === null)).toBe(true);
  expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]!), `progress went back: ${fractions.join(' ')}`).toBe(true);
}

describe('interrupted, then grown, then one resumed sync', () => {
  it('cancel while a transaction-log page is in flight', async () => {
    const setupDone = await setup();
    const { sim: s, db } = setupDone;
    s.injectFaults([{ method: TX_METHOD, after: 5, kind: { type: 'hang', ms: 800 } }]);
    const client = fastClient(s);
    const cancel = cancelWhen(client, inFlight(s, TX_METHOD, 6));
    const first = await syncOnce({ client, db, signal: cancel.signal, accessPageSize: ACCESS_PAGE }).finally(cancel.stop);
    expect(first.phase).toBe('cancelled');
    expectNothingRunning(first);
    s.clearFaults();
    await growAndResume(setupDone);
  });

  it('cancel while an access-log page is in flight (the access pass is interrupted)', async () => {
    const setupDone = await setup();
    const { sim: s, db } = setupDone;
    s.injectFaults([{ method: ACCESS_METHOD, after: 2, kind: { type: 'hang', ms: 800 } }]);
    const client = fastClient(s);
    const cancel = cancelWhen(client, inFlight(s, ACCESS_METHOD, 3));
    const first = await syncOnce({ client, db, signal: cancel.signal, accessPageSize: ACCESS_PAGE }).finally(cancel.stop);
    expect(first.phase).toBe('cancelled');
    expectNothingRunning(first);
    const access = (await db.syncState.toArray()).find((st) => st.kind === 'access');
    expect(access?.phase).toBe('backfill');
    expect(access?.offset).toBe(2 * ACCESS_PAGE);
    s.clearFaults();
    await growAndResume(setupDone);
  });

  it('cancel between pages in the middle of a stream', async () => {
    const setupDone = await setup();
    const { sim: s, db } = setupDone;
    const controller = new AbortController();
    const first = await syncOnce({
      client: fastClient(s), db, signal: controller.signal, accessPageSize: ACCESS_PAGE,
      onProgress: (p) => p.pagesFetched >= 12 && controller.abort(),
    });
    expect(first.phase).toBe('cancelled');
    expectNothingRunning(first);
    await growAndResume(setupDone);
  });

  it('a provider error in the middle of a stream', async () => {
    const setupDone = await setup();
    const { sim: s, db } = setupDone;
    s.injectFaults([{ method: TX_METHOD, after: 7, kind: { type: 'error', code: -32602, message: 'Invalid params' } }]);
    const first = await syncOnce({ client: fastClient(s), db, accessPageSize: ACCESS_PAGE });
    expect(first.phase).toBe('error');
    expectNothingRunning(first);
    expect((await db.syncState.toArray()).filter((st) => st.lastError !== null)).toHaveLength(1);
    s.clearFaults();
    await growAndResume(setupDone);
  });

  it.each(['transaction', 'access'] as const)('a crash inside the %s commit transaction, after the rows were written', async (which) => {
    const setupDone = await setup();
    const { sim: s, db } = setupDone;
    const real = createDexieSyncStore(db);
    let commits = 0;
    let lost: number[] = [];
    // Every table the real commit writes must be in the enclosing transaction: the throw aborts it all.
    const crashing: SyncStore = which === 'transaction'
      ? {
          ...real,
          commitTransactionPage: (accountKey, rows, state) =>
            db.transaction('rw', [db.transactions, db.syncState, db.ledger, db.ledgerRows, db.syncIssues], async () => {
              const inserted = await real.commitTransactionPage(accountKey, rows, state);
              if (++commits === 4) {
                lost = rows.map((r) => r.id);
                expect(await db.transactions.where('[accountKey+id]').anyOf(lost.map((id) => ['acc_test', id])).count()).toBe(lost.length);
                throw new Error('simulated crash after writing the rows');
              }
              return inserted;
            }),
        }
      : {
          ...real,
          commitAccessPage: (accountKey, events, state) =>
            db.transaction('rw', [db.accessLog, db.loginEvents, db.loginEventColumns, db.syncState, db.syncIssues], async () => {
              const inserted = await real.commitAccessPage(accountKey, events, state);
              if (++commits === 2) {
                lost = events.map((e) => e.id);
                throw new Error('simulated crash after writing the events');
              }
              return inserted;
            }),
        };
    const first = await syncOnce({ client: fastClient(s), db, store: crashing, accessPageSize: ACCESS_PAGE });
    expect(first.phase).toBe('error');
    expectNothingRunning(first);
    expect(lost.length).toBeGreaterThan(0);
    const keys = lost.map((id) => ['acc_test', id]);
    if (which === 'transaction') {
      expect(await db.transactions.where('[accountKey+id]').anyOf(keys).count()).toBe(0);
      const ledgerIds = new Set((await db.ledgerRows.toArray()).flatMap((p) => p.rows.map((r) => r.id)));
      expect(lost.filter((id) => ledgerIds.has(id))).toEqual([]);
    } else {
      expect(await db.accessLog.where('[accountKey+id]').anyOf(keys).count()).toBe(0);
      expect(await db.loginEvents.where('key').anyOf(lost.map((id) => `acc_test|${id}`)).count()).toBe(0);
    }
    await growAndResume(setupDone);
  });
});
