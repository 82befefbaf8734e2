import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeribitSim, type DeribitSim } from './index';
import { call, login, parseExact, smallDataset, toScaled } from './sim-fixtures';

type Obj = Record<string, unknown>;
const ETH_FEE = '0.0015';

describe('wallet methods (get_deposits, get_withdrawals, get_transfers)', () => {
  let sim: DeribitSim;
  let token: string;
  beforeAll(async () => {
    sim = await startDeribitSim({
      dataset: smallDataset({
        rowsPerStream: 400,
        walletPending: [
          { kind: 'withdrawal', currency: 'ETH', amount: '1.25' },
          { kind: 'deposit', currency: 'BTC', amount: '0.5', state: 'pending', timestamp: Date.UTC(2022, 0, 1) },
        ],
      }),
    });
    token = await login(sim);
  });
  afterAll(() => sim.close());

  it('lists deposits matching the transaction log rows, newest first, with offset paging', async () => {
    const truth = sim.truthTransactions(sim.mainUserId, 'BTC').filter((r) => r.type === 'deposit');
    const first = (await call(sim, 'private/get_deposits', { currency: 'BTC', count: 3 }, token)).body.result as { count: string; data: Obj[] };
    // + the pending deposit, which has no row.
    expect(Number(first.count)).toBe(truth.length + 1);
    expect(first.data.map((d) => d.amount)).toEqual(truth.slice(0, 3).map((r) => r.change));
    const info = (parseExact(truth[0]!.json) as { info: Obj }).info;
    expect(first.data[0]).toMatchObject({ transaction_id: info.transaction, address: info.addr, state: 'completed' });
    const next = (await call(sim, 'private/get_deposits', { currency: 'BTC', count: 3, offset: 3 }, token)).body.result as { data: Obj[] };
    expect(next.data.map((d) => Number(d.received_timestamp))).toEqual(truth.slice(3, 6).map((r) => r.timestamp));
  });

  it('withdrawals: row commission = fee, change = -(amount + fee), same tx hash and address, state completed', async () => {
    const rows = sim.truthTransactions(sim.mainUserId, 'ETH').filter((r) => r.type === 'withdrawal');
    expect(rows.length).toBeGreaterThan(0);
    const w = (await call(sim, 'private/get_withdrawals', { currency: 'ETH', count: 1000 }, token)).body.result as { count: string; data: Obj[] };
    const completed = w.data.filter((d) => d.state === 'completed');
    expect(completed.map((d) => Number(d.id))).toEqual(rows.map((r) => r.id));
    rows.forEach((row, i) => {
      const wire = parseExact(row.json) as Obj & { info: Obj };
      const entry = completed[i]!;
      expect(wire.commission).toBe(ETH_FEE);
      expect(entry.fee).toBe(ETH_FEE);
      expect(toScaled(String(entry.amount), 8) + toScaled(String(entry.fee), 8)).toBe(-toScaled(row.change, 8));
      expect(entry.transaction_id).toBe(wire.info.transaction);
      expect(entry.address).toBe(wire.info.addr);
      if ('amount' in wire) expect(wire.amount).toBe(entry.amount);
    });
  });

  it('lists a pending withdrawal that has no row yet, and leaves other currencies alone', async () => {
    const w = (await call(sim, 'private/get_withdrawals', { currency: 'ETH', count: 2 }, token)).body.result as { count: string; data: Obj[] };
    const rows = sim.truthTransactions(sim.mainUserId, 'ETH').filter((r) => r.type === 'withdrawal');
    expect(Number(w.count)).toBe(rows.length + 1);
    const pending = w.data[0]!;
    expect(pending).toMatchObject({ state: 'unconfirmed', amount: '1.25', fee: ETH_FEE, transaction_id: null, confirmed_timestamp: null });
    expect(Number(pending.created_timestamp)).toBe(smallDataset().endTime);
    expect(rows.some((r) => r.id === Number(pending.id))).toBe(false);
    // The back-dated pending deposit sits among the rows by its timestamp.
    const deposits = (await call(sim, 'private/get_deposits', { currency: 'BTC', count: 1000 }, token)).body.result as { data: Obj[] };
    const stamps = deposits.data.map((d) => Number(d.received_timestamp));
    expect(stamps).toEqual([...stamps].sort((a, b) => b - a));
    expect(deposits.data.filter((d) => d.state === 'pending')).toHaveLength(1);
    const usdc = (await call(sim, 'private/get_withdrawals', { currency: 'USDC', count: 1000 }, token)).body.result as { data: Obj[] };
    expect(usdc.data.every((d) => d.state === 'completed')).toBe(true);
  });

  it('lists transfers with positive amounts and a direction', async () => {
    const transfers = sim.truthTransactions(sim.mainUserId, 'USDC').filter((r) => r.type === 'transfer');
    expect(transfers.length).toBeGreaterThan(0);
    const t = (await call(sim, 'private/get_transfers', { currency: 'USDC', count: 1000 }, token)).body.result as { data: Obj[] };
    expect(t.data.map((d) => Number(d.id))).toEqual(transfers.map((r) => r.id));
    expect(t.data.map((d) => d.direction)).toEqual(transfers.map((r) => (r.change.startsWith('-') ? 'payment' : 'income')));
    expect(t.data.map((d) => `${d.direction === 'payment' ? '-' : ''}${String(d.amount)}`)).toEqual(transfers.map((r) => r.change));
  });

  it('needs wallet:read (13021) and rejects count above 1000 (-32602)', async () => {
    const accountOnly = await login(sim, 'session:a account:read');
    expect((await call(sim, 'private/get_deposits', { currency: 'BTC' }, accountOnly)).body.error?.code).toBe('13021');
    expect((await call(sim, 'private/get_deposits', { currency: 'BTC', count: 1001 }, token)).body.error?.code).toBe('-32602');
  });
});
