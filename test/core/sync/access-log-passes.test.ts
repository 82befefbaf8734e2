/**
 * Access-log passes stop where the cache really begins — at events cached before the pass, found by id —
 * so neither junk from an endless answer nor one absurd id ends later passes early; and an endless log is
 * cut off at a bound with a clear error.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DeribitSim } from '../../sim/deribit/index';
import { mutateAccessLog, num } from '../../support/hostile-answers';
import { expectLedgerMatchesTransactions, fastClient, freshDatabase, smallDataset, startFastSim, syncOnce } from '../../support/sync-harness';
import type { ReconcilerDatabase } from '../../../src/renderer/db/database';

const PAGE = 100;
let sim: DeribitSim | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function start(): Promise<{ sim: DeribitSim; db: ReconcilerDatabase }> {
  sim = await startFastSim({ dataset: smallDataset({ subaccounts: 0, currencies: ['BTC'], rowsPerStream: 20, accessLogEvents: 400, endTime: Date.now() - 60_000 }) });
  return { sim, db: freshDatabase() };
}

/** Every event the simulator serves is cached with its exact text; returns the cached ids that it does not serve. */
async function expectTruthCached(db: ReconcilerDatabase, s: DeribitSim): Promise<number[]> {
  const cached = new Map((await db.accessLog.toArray()).map((e) => [e.id, e.raw]));
  const truth = s.truthAccessLog();
  const missing = truth.filter((e) => cached.get(e.id) !== e.json).map((e) => e.id);
  expect(missing, `${missing.length} of ${truth.length} events missing`).toEqual([]);
  const served = new Set(truth.map((e) => e.id));
  return [...cached.keys()].filter((id) => !served.has(id));
}

describe('access-log passes', () => {
  it('one absurd id (2^53 - 1) in the cache does not end later passes early', async () => {
    const { sim: s, db } = await start();
    // The first sync caches the newest event under the id 2^53 - 1 (the real one reappears later).
    s.injectFaults([mutateAccessLog((r, params) => (params.offset === '0' ? { ...r, data: r.data.map((e, i) => (i === 0 ? { ...e, id: num(2 ** 53 - 1) } : e)) } : r))]);
    expect((await syncOnce({ client: fastClient(s), db, accessPageSize: PAGE })).phase).toBe('done');
    s.clearFaults();
    // More new events than one page: the next pass must read all of them.
    s.appendActivity({ rowsPerStream: 0, accessLogEvents: 350, until: Date.now() + 1_000 });
    const second = await syncOnce({ client: fastClient(s), db, accessPageSize: PAGE });
    expect(second.phase, second.message ?? '').toBe('done');
    expect(await expectTruthCached(db, s)).toEqual([2 ** 53 - 1]);
    expect(s.requests().filter((r) => r.method === 'private/get_access_log').length).toBeLessThan(20);
  });

  it('an endless access log (no records_total) is cut off at a bound with a clear error, and later passes are not poisoned', async () => {
    const { sim: s, db } = await start();
    expect((await syncOnce({ client: fastClient(s), db, accessPageSize: PAGE })).phase).toBe('done');
    const cachedBefore = await db.accessLog.count();
    // Every page full of events never seen, for ever, in the schema's bare-array shape.
    s.injectFaults([mutateAccessLog((_r, params) => {
      const offset = Number(params.offset);
      return Array.from({ length: Number(params.count) }, (_, i) => ({
        id: num(5_000_000_000_000 + offset + i), timestamp: num(Date.now() - 1_000), result: 'success', ip: '203.0.113.9',
      }));
    })]);
    const endless = await syncOnce({ client: fastClient(s), db, accessPageSize: PAGE });
    expect(endless.phase).toBe('error');
    expect(endless.message).toMatch(/SimTrader7 \(user \d+\), access log/);
    expect(endless.message).toMatch(/went on past [\d,]+ new events without reaching the ones already cached/);
    const junk = (await db.accessLog.count()) - cachedBefore;
    // Bounded: what can happen in the seconds since the last sync, plus the slack and a page.
    expect(junk).toBeGreaterThan(0);
    expect(junk).toBeLessThanOrEqual(1_200);

    s.clearFaults();
    s.appendActivity({ rowsPerStream: 3, accessLogEvents: 250, until: Date.now() + 1_000 });
    const honest = await syncOnce({ client: fastClient(s), db, accessPageSize: PAGE });
    expect(honest.phase, honest.message ?? '').toBe('done');
    expect((await expectTruthCached(db, s)).length).toBe(junk);
    await expectLedgerMatchesTransactions(db);
  });
});
