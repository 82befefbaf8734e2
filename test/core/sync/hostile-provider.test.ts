/**
 * A provider that answers wrongly: every answer the sync cannot trust is refused before anything of it is
 * written, with a message naming the account, the stream and what was wrong; the cache (every table a
 * sync writes) stays byte-for-byte as it was, and an honest sync afterwards completes. Over-size and
 * garbage bodies belong to the HTTP boundary's tests.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncIssue, SyncProgress } from '../../../src/core/sync/types';
import type { ReconcilerDatabase } from '../../../src/renderer/db/database';
import type { DeribitSim, FaultSpec } from '../../sim/deribit/index';
import { buildSimUsers } from '../../sim/deribit/sim-users';
import { dumpingStore, mutateAccessLog, mutateTransactionLog, num, numberOf } from '../../support/hostile-answers';
import { dumpCache, expectCacheEqualsTruth, fastClient, freshDatabase, smallDataset, startFastSim, syncOnce } from '../../support/sync-harness';
import type { DeribitClient } from '../../../src/core/providers/deribit/deribit-client';

const CURRENCIES = ['BTC', 'ETH'];
const MINUTE = 60_000;
let sim: DeribitSim | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

/** All history in the five minutes before a minute ago: a later sync's overlap re-reads every cached row. */
function recentDataset(overrides: Parameters<typeof smallDataset>[0] = {}) {
  const endTime = Date.now() - MINUTE;
  return smallDataset({ subaccounts: 1, currencies: CURRENCIES, rowsPerStream: 120, accessLogEvents: 300, endTime, startTime: endTime - 5 * MINUTE, ...overrides });
}

async function start(options: { synced: boolean; dataset?: ReturnType<typeof recentDataset>; serverTimeAnswer?: () => number }): Promise<{ sim: DeribitSim; db: ReconcilerDatabase }> {
  sim = await startFastSim({ dataset: options.dataset ?? recentDataset(), serverTimeAnswer: options.serverTimeAnswer });
  const db = freshDatabase();
  if (options.synced) expect((await syncOnce({ client: fastClient(sim), db })).phase).toBe('done');
  return { sim, db };
}

const mainName = (s: DeribitSim): string => {
  const main = s.users.find((u) => u.isMain)!;
  return `${main.username} (user ${main.userId})`;
};

/**
 * Runs a sync against `faults`: it must stop with 'error', a message matching every pattern, and the cache
 * exactly as after its last good commit (and as before the sync when `firstAnswer`); then an honest sync
 * completes with the cache equal to the simulator's truth.
 */
async function expectRefused(params: {
  db: ReconcilerDatabase;
  faults: readonly FaultSpec[];
  messages: readonly RegExp[];
  firstAnswer: boolean;
  client?: DeribitClient;
  now?: () => number;
  pageSize?: number;
  accessPageSize?: number;
  /** Makes the simulator honest again beyond its faults (they are cleared anyway). */
  heal?: () => void | Promise<void>;
}): Promise<SyncProgress> {
  const s = sim!;
  const { db } = params;
  const initial = await dumpCache(db);
  const { store, lastGood } = dumpingStore(db, initial);
  s.injectFaults([...params.faults]);
  const result = await syncOnce({ client: params.client ?? fastClient(s), db, store, now: params.now, pageSize: params.pageSize, accessPageSize: params.accessPageSize });
  expect(result.phase, result.message ?? '').toBe('error');
  for (const pattern of params.messages) expect(result.message).toMatch(pattern);
  const after = await dumpCache(db);
  expect(after).toEqual(lastGood());
  if (params.firstAnswer) expect(after).toEqual(initial);
  expect(result.streams.some((st) => st.state === 'running')).toBe(false);

  s.clearFaults();
  await params.heal?.();
  const honest = await syncOnce({ client: fastClient(s), db, pageSize: params.pageSize, accessPageSize: params.accessPageSize });
  expect(honest.phase, honest.message ?? '').toBe('done');
  await expectCacheEqualsTruth(db, s, CURRENCIES);
  return result;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('transaction-log answers that are refused', () => {
  it('a row of another user', async () => {
    const { sim: s, db } = await start({ synced: false });
    const sub = s.users.find((u) => !u.isMain)!;
    await expectRefused({
      db, firstAnswer: false,
      faults: [mutateTransactionLog({ currency: 'BTC', subaccountId: null }, (r) => ({ ...r, logs: r.logs.map((row, i) => (i === 0 ? { ...row, user_id: num(sub.userId) } : row)) }))],
      messages: [new RegExp(escape(`${mainName(s)}, BTC transaction log`)), new RegExp(`belongs to user ${sub.userId}`)],
    });
  });

  it('a row in another currency', async () => {
    const { sim: s, db } = await start({ synced: false });
    await expectRefused({
      db, firstAnswer: false,
      faults: [mutateTransactionLog({ currency: 'BTC', subaccountId: null }, (r) => ({ ...r, logs: r.logs.map((row, i) => (i === 1 ? { ...row, currency: 'ETH' } : row)) }))],
      messages: [new RegExp(escape(`${mainName(s)}, BTC transaction log`)), /is in ETH, not in BTC/],
    });
  });

  it('the same id twice in one page with different content', async () => {
    const { sim: s, db } = await start({ synced: false });
    const sub = s.users.find((u) => !u.isMain)!;
    await expectRefused({
      db, firstAnswer: false,
      faults: [mutateTransactionLog({ currency: 'ETH', subaccountId: sub.userId }, (r) => {
        const first = r.logs[0]!;
        return { ...r, logs: [first, { ...first, balance: num('777') }, ...r.logs.slice(1)] };
      })],
      messages: [new RegExp(escape(`${sub.username} (user ${sub.userId}), ETH transaction log`)), /appears twice in one page with different content/],
    });
  });

  it('a row already cached, sent again with other content: refused and recorded as a sync issue, never overwritten', async () => {
    const { sim: s, db } = await start({ synced: true });
    let changedId: number | null = null;
    let issues: readonly SyncIssue[] = [];
    const result = await expectRefused({
      db, firstAnswer: false,
      heal: async () => {
        issues = await db.syncIssues.toArray();
      },
      faults: [mutateTransactionLog({ currency: 'BTC', subaccountId: null }, (r) => ({
        ...r,
        logs: r.logs.map((row, i) => {
          if (i !== 0) return row;
          changedId = numberOf(row.id);
          return { ...row, balance: num('777') };
        }),
      }))],
      messages: [new RegExp(escape(`${mainName(s)}, BTC transaction log`)), /sent again with other content/, /cached row was kept/],
    });
    expect(changedId).not.toBeNull();
    expect(result.message).toContain(`row ${changedId}`);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ kind: 'conflict', rowId: changedId, accountKey: 'acc_test' });
    expect(issues[0]?.message).toContain(`${mainName(s)}, BTC transaction log`);
    // The honest sync read that page again and accepted it: the issue is resolved.
    expect(await db.syncIssues.count()).toBe(0);
  });

  it('a continuation that does not move back', async () => {
    const { sim: s, db } = await start({ synced: false });
    await expectRefused({
      db, firstAnswer: false, pageSize: 40,
      faults: [mutateTransactionLog({ currency: 'BTC', subaccountId: null }, (r, params) =>
        params.continuation === undefined || r.continuation === null ? r : { ...r, continuation: num(Number(params.continuation) + 1) })],
      messages: [new RegExp(escape(`${mainName(s)}, BTC transaction log`)), /does not move back/],
    });
  });

  it('a continuation that repeats an earlier cursor of the window', async () => {
    const { sim: s, db } = await start({ synced: false });
    const seen: number[] = [];
    await expectRefused({
      db, firstAnswer: false, pageSize: 30,
      faults: [mutateTransactionLog({ currency: 'ETH', subaccountId: null }, (r) => {
        if (r.continuation === null) return r;
        seen.push(numberOf(r.continuation));
        // The third page points back at the first page's cursor: A, B, A.
        return seen.length === 3 ? { ...r, continuation: num(seen[0]!) } : r;
      })],
      messages: [new RegExp(escape(`${mainName(s)}, ETH transaction log`)), /continuation \d+\) does not move back/],
    });
    expect(seen.length).toBeGreaterThanOrEqual(3);
  });

  it.each([
    ['far in the future', 9e15, /impossible time/],
    ['before Deribit existed', Date.UTC(2015, 11, 31), /impossible time 2015-12-31/],
  ])('a row timestamp %s', async (_what, timestamp, pattern) => {
    const { sim: s, db } = await start({ synced: false });
    await expectRefused({
      db, firstAnswer: false,
      faults: [mutateTransactionLog({ currency: 'BTC', subaccountId: null }, (r) => ({ ...r, logs: r.logs.map((row, i) => (i === 2 ? { ...row, timestamp: num(timestamp) } : row)) }))],
      messages: [new RegExp(escape(`${mainName(s)}, BTC transaction log`)), pattern],
    });
  });

  it('keeps absorbing identical twins (the same row twice, same content)', async () => {
    const dataset = recentDataset();
    const mainId = buildSimUsers(dataset.seed, dataset.subaccounts)[0]!.userId;
    sim = await startFastSim({ dataset: { ...dataset, corruptions: [{ kind: 'duplicate-row', userId: mainId, currency: 'BTC' }] } });
    const db = freshDatabase();
    const result = await syncOnce({ client: fastClient(sim), db, pageSize: 25 });
    expect(result.phase, result.message ?? '').toBe('done');
    const twin = sim.corruptionTargets()[0]!.rowId;
    const truth = sim.truthTransactions(mainId, 'BTC');
    expect(truth.filter((t) => t.id === twin)).toHaveLength(2);
    const cached = await db.transactions.where('[userId+currency+userSeq]').between([mainId, 'BTC', -Infinity], [mainId, 'BTC', Infinity]).toArray();
    expect(cached.map((r) => r.id).sort((a, b) => a - b)).toEqual([...new Set(truth.map((t) => t.id))].sort((a, b) => a - b));
  });
});

describe('a server clock that is far off', () => {
  it('refuses to sync when get_time answers the year 3000, and moves no watermark', async () => {
    let answer: number | null = null;
    const { sim: s, db } = await start({ synced: true, serverTimeAnswer: () => answer ?? Date.now() });
    answer = Date.UTC(3000, 0, 1);
    await expectRefused({
      db, firstAnswer: true,
      // client_credentials: the signature grant would already fail on the wrong time.
      client: fastClient(s, { authMethod: 'client_credentials' }),
      faults: [],
      messages: [new RegExp(escape(mainName(s))), /server time \(3000-01-01T00:00:00.000Z\)/, /ahead of this computer's clock/, /Check the computer's date, time/],
      heal: () => {
        answer = null;
      },
    });
  });

  it("refuses to sync when this computer's clock is far off", async () => {
    const { db } = await start({ synced: true });
    await expectRefused({
      db, firstAnswer: true, now: () => Date.now() + 400 * 86_400_000,
      faults: [],
      messages: [/behind this computer's clock/, /Nothing was synced/],
    });
  });
});

describe('access-log answers that are refused', () => {
  const accessName = (s: DeribitSim): RegExp => new RegExp(escape(`${mainName(s)}, access log`));

  it('an event with an impossible timestamp', async () => {
    const { sim: s, db } = await start({ synced: true });
    await expectRefused({
      db, firstAnswer: true,
      faults: [mutateAccessLog((r) => ({ ...r, data: r.data.map((e, i) => (i === 0 ? { ...e, timestamp: num(9e15) } : e)) }))],
      messages: [accessName(s), /event \d+ has the impossible time/],
    });
  });

  it('the same event id twice in one page with different content', async () => {
    const { sim: s, db } = await start({ synced: true });
    await expectRefused({
      db, firstAnswer: true,
      faults: [mutateAccessLog((r) => ({ ...r, data: [r.data[0]!, { ...r.data[0]!, ip: '203.0.113.9' }, ...r.data.slice(1)] }))],
      messages: [accessName(s), /appears twice in one page with different content/],
    });
  });

  it('a cached event sent again with other content', async () => {
    const { sim: s, db } = await start({ synced: true });
    let kinds: string[] = [];
    await expectRefused({
      db, firstAnswer: true,
      faults: [mutateAccessLog((r) => ({ ...r, data: r.data.map((e, i) => (i === 3 ? { ...e, ip: '203.0.113.9' } : e)) }))],
      messages: [accessName(s), /sent again with other content/],
      heal: async () => {
        kinds = (await db.syncIssues.toArray()).map((i) => i.kind);
      },
    });
    expect(kinds).toEqual(['conflict']);
    expect(await db.syncIssues.count()).toBe(0);
  });

  it('an access log that claims an endless size', async () => {
    const { sim: s, db } = await start({ synced: true });
    await expectRefused({
      db, firstAnswer: true,
      faults: [mutateAccessLog((r) => ({ ...r, records_total: num(2 ** 53 - 1) }))],
      messages: [accessName(s), /holds 9,007,199,254,740,991 events/],
    });
  });
});
