import { afterEach, describe, expect, it } from 'vitest';
import type { DeribitSim } from '../../../sim/deribit/index';
import { SMALL_DATASET, calls, clientFor, firstPage, startSim } from './client-harness';

let sim: DeribitSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('DeribitClient data calls against the simulator', () => {
  it('reads server time, currencies, subaccounts and extended account summaries', async () => {
    sim = await startSim();
    const { client } = clientFor(sim);
    const before = Date.now();
    const time = await client.getTime();
    expect(time).toBeGreaterThanOrEqual(before - 5);
    expect(time).toBeLessThanOrEqual(Date.now() + 5);
    expect(await client.getCurrencies()).toEqual(['BTC', 'USDC']);

    const users = await client.getSubaccounts();
    expect(users.map((u) => u.userId)).toEqual(sim.users.map((u) => u.userId));
    expect(users.filter((u) => u.isMain).map((u) => u.userId)).toEqual([sim.mainUserId]);
    expect(users.find((u) => u.isMain)?.type).toBe('main');

    const sub = sim.users.find((u) => !u.isMain);
    if (!sub) throw new Error('dataset has a subaccount');
    for (const [userId, subaccountId] of [
      [sim.mainUserId, null],
      [sub.userId, sub.userId],
    ] as const) {
      const summary = await client.getAccountSummary('BTC', subaccountId);
      const newest = sim.truthTransactions(userId, 'BTC')[0];
      expect(summary.balance).toBe(newest?.balance);
      expect(summary).toMatchObject({ currency: 'BTC', userId, creationTimestamp: SMALL_DATASET.startTime });
    }
    const summaryCall = calls(sim, 'private/get_account_summary')[1];
    expect(summaryCall?.params).toMatchObject({ currency: 'BTC', extended: 'true', subaccount_id: String(sub.userId) });
  });

  it('pages a transaction log back to the start: every truth row once, raw text identical', async () => {
    sim = await startSim();
    const { client } = clientFor(sim);
    const sub = sim.users.find((u) => !u.isMain);
    if (!sub) throw new Error('dataset has a subaccount');
    const truth = sim.truthTransactions(sub.userId, 'USDC');
    const seen: string[] = [];
    let continuation: number | null = null;
    for (let page = 0; page < 50; page++) {
      const result = await client.getTransactionLog({
        ...firstPage(25),
        currency: 'USDC',
        subaccountId: sub.userId,
        continuation,
      });
      seen.push(...result.rows.map((r) => r.raw));
      for (const row of result.rows) expect(row.userId).toBe(sub.userId);
      continuation = result.continuation;
      if (continuation === null) break;
    }
    expect(continuation).toBeNull();
    expect(seen).toEqual(truth.map((t) => t.json));
    const [first] = calls(sim, 'private/get_transaction_log');
    expect(first?.params).toMatchObject({ currency: 'USDC', count: '25', subaccount_id: String(sub.userId) });
    expect(first?.params).not.toHaveProperty('continuation');
  });

  it('keeps amounts exactly as the truth has them', async () => {
    sim = await startSim();
    const { client } = clientFor(sim);
    const page = await client.getTransactionLog(firstPage(50));
    const truth = sim.truthTransactions(sim.mainUserId, 'BTC').slice(0, 50);
    expect(page.rows.map((r) => [r.id, r.userSeq, r.timestamp, r.type, r.change, r.balance])).toEqual(
      truth.map((t) => [t.id, t.userSeq, t.timestamp, t.type, t.change, t.balance]),
    );
  });

  it.each([
    ['object', 'result', 40],
    ['array', 'log', null],
    ['object', 'log', 40],
    ['array', 'result', null],
  ] as const)('reads the access log in the %s shape with the event in "%s"', async (shape, field, total) => {
    sim = await startSim({ accessLogShape: shape, accessLogEventField: field });
    const { client } = clientFor(sim);
    const truth = sim.truthAccessLog();
    const first = await client.getAccessLog({ offset: 0, count: 30 });
    const second = await client.getAccessLog({ offset: 30, count: 30 });
    expect(first.total).toBe(total);
    const events = [...first.events, ...second.events];
    expect(events.map((e) => e.id)).toEqual(truth.map((t) => t.id));
    expect(events.map((e) => e.raw)).toEqual(truth.map((t) => t.json));
    for (const e of events) expect(e.event).toMatch(/^[a-z_]+$/);
  });

  it('sends the bearer token on private calls only, and no secret in any URL', async () => {
    sim = await startSim();
    const { client } = clientFor(sim);
    await client.getTime();
    await client.getTransactionLog(firstPage());
    const log = sim.requests();
    expect(log.map((r) => r.method)).toEqual(['public/get_time', 'public/get_time', 'public/auth', 'private/get_transaction_log']);
    for (const r of log) expect(Object.values(r.params).join(' ')).not.toContain('sim-secret');
    expect(log[2]?.params).toMatchObject({ grant_type: 'client_signature', client_id: 'sim-client', data: '' });
  });
});
