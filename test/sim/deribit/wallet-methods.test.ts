import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeribitSim, type DeribitSim } from './index';
import { call, login, parseExact, smallDataset } from './sim-fixtures';

type Obj = Record<string, unknown>;

describe('wallet methods (get_deposits, get_withdrawals, get_transfers)', () => {
  let sim: DeribitSim;
  let token: string;
  beforeAll(async () => {
    sim = await startDeribitSim({ dataset: smallDataset({ rowsPerStream: 400 }) });
    token = await login(sim);
  });
  afterAll(() => sim.close());

  it('lists deposits matching the transaction log rows, newest first, with offset paging', async () => {
    const truth = sim.truthTransactions(sim.mainUserId, 'BTC').filter((r) => r.type === 'deposit');
    const first = (await call(sim, 'private/get_deposits', { currency: 'BTC', count: 3 }, token)).body.result as { count: string; data: Obj[] };
    expect(Number(first.count)).toBe(truth.length);
    expect(first.data.map((d) => d.amount)).toEqual(truth.slice(0, 3).map((r) => r.change));
    const info = (parseExact(truth[0]!.json) as { info: Obj }).info;
    expect(first.data[0]).toMatchObject({ transaction_id: info.transaction, address: info.addr, state: 'completed' });
    const next = (await call(sim, 'private/get_deposits', { currency: 'BTC', count: 3, offset: 3 }, token)).body.result as { data: Obj[] };
    expect(next.data.map((d) => Number(d.received_timestamp))).toEqual(truth.slice(3, 6).map((r) => r.timestamp));
  });

  it('lists withdrawals and transfers with positive amounts and a direction', async () => {
    const withdrawals = sim.truthTransactions(sim.mainUserId, 'ETH').filter((r) => r.type === 'withdrawal');
    expect(withdrawals.length).toBeGreaterThan(0);
    const w = (await call(sim, 'private/get_withdrawals', { currency: 'ETH', count: 1000 }, token)).body.result as { data: Obj[] };
    expect(w.data.map((d) => `-${String(d.amount)}`)).toEqual(withdrawals.map((r) => r.change));
    const transfers = sim.truthTransactions(sim.mainUserId, 'USDC').filter((r) => r.type === 'transfer');
    expect(transfers.length).toBeGreaterThan(0);
    const t = (await call(sim, 'private/get_transfers', { currency: 'USDC', count: 1000 }, token)).body.result as { data: Obj[] };
    expect(t.data.map((d) => Number(d.id))).toEqual(transfers.map((r) => r.id));
    expect(t.data.map((d) => d.direction)).toEqual(transfers.map((r) => (r.change.startsWith('-') ? 'payment' : 'income')));
  });

  it('needs wallet:read (13021) and rejects count above 1000 (-32602)', async () => {
    const accountOnly = await login(sim, 'session:a account:read');
    expect((await call(sim, 'private/get_deposits', { currency: 'BTC' }, accountOnly)).body.error?.code).toBe('13021');
    expect((await call(sim, 'private/get_deposits', { currency: 'BTC', count: 1001 }, token)).body.error?.code).toBe('-32602');
  });
});
