import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeribitSim, type DeribitSim, type TruthTransaction } from './index';
import { SimDataset } from './sim-dataset';
import { END, parseExact, smallDataset, toScaled } from './sim-fixtures';

const DECIMALS: Record<string, number> = { BTC: 8, ETH: 8, USDC: 6 };
type Row = Record<string, unknown>;

describe('generated transaction logs', () => {
  let sim: DeribitSim;
  beforeAll(async () => {
    sim = await startDeribitSim({ dataset: smallDataset() });
  });
  afterAll(() => sim.close());

  const streams = (): { userId: number; currency: string; rows: readonly TruthTransaction[] }[] =>
    sim.users.flatMap((u) => ['BTC', 'ETH', 'USDC'].map((c) => ({ userId: u.userId, currency: c, rows: Array.from(sim.truthTransactions(u.userId, c)) })));

  it('is reproducible: same seed gives the same bytes, another seed does not', async () => {
    const twin = await startDeribitSim({ dataset: smallDataset() });
    const other = await startDeribitSim({ dataset: smallDataset({ seed: 43 }) });
    try {
      expect(twin.users).toEqual(sim.users);
      for (const { userId, currency, rows } of streams()) {
        expect(twin.truthTransactions(userId, currency).map((r) => r.json)).toEqual(rows.map((r) => r.json));
      }
      expect(twin.truthAccessLog().map((e) => e.json)).toEqual(sim.truthAccessLog().map((e) => e.json));
      const main = other.users[0]?.userId ?? 0;
      expect(other.truthTransactions(main, 'BTC')[0]?.json).not.toBe(sim.truthTransactions(sim.mainUserId, 'BTC')[0]?.json);
    } finally {
      await twin.close();
      await other.close();
    }
  });

  it('chains every balance exactly (BigInt), starting with a deposit and never going negative', () => {
    for (const { currency, rows } of streams()) {
      const dec = DECIMALS[currency] ?? 8;
      const oldestFirst = [...rows].reverse();
      expect(oldestFirst.length).toBeGreaterThanOrEqual(300);
      expect(oldestFirst[0]?.type).toBe('deposit');
      let balance = 0n;
      for (const row of oldestFirst) {
        const wire = parseExact(row.json) as Row;
        expect(wire.balance).toBe(row.balance);
        expect(wire.change).toBe(row.change);
        balance += toScaled(row.change, dec);
        expect(toScaled(row.balance, dec)).toBe(balance);
        expect(balance >= 0n).toBe(true);
        for (const field of ['balance', 'change', 'equity', 'commission', 'cashflow']) {
          const text = wire[field];
          if (typeof text !== 'string') continue;
          expect(text).toMatch(/^-?\d+(\.\d+)?$/);
          expect(text.replace(/[-.]/g, '').replace(/^0+/, '').length).toBeLessThanOrEqual(17);
        }
      }
    }
  });

  it('keeps ids platform-wide unique and increasing with time, user_seq contiguous per user', () => {
    const all = streams().flatMap((s) => s.rows.map((r) => ({ ...r, userId: s.userId })));
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    const byId = [...all].sort((a, b) => a.id - b.id);
    for (let i = 1; i < byId.length; i++) {
      expect(byId[i]!.timestamp).toBeGreaterThanOrEqual(byId[i - 1]!.timestamp);
    }
    for (const user of sim.users) {
      const seqs = all.filter((r) => r.userId === user.userId).map((r) => r.userSeq).sort((a, b) => a - b);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
    for (const { rows } of streams()) {
      for (const row of rows) {
        expect(row.timestamp).toBeGreaterThanOrEqual(smallDataset().startTime);
        expect(row.timestamp).toBeLessThanOrEqual(END);
      }
    }
  });

  it('numbers user_seq per (user, currency) when asked', () => {
    const dataset = new SimDataset(smallDataset(), 'per-currency');
    for (const user of dataset.users) {
      for (const currency of ['BTC', 'ETH']) {
        const seqs = dataset.truthTransactions(user.userId, currency).map((r) => r.userSeq).reverse();
        expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      }
    }
  });

  it('mirrors every transfer in the other user\'s log with the opposite sign', () => {
    let transfers = 0;
    const all = streams();
    const transfersOf = (userId: number, currency: string): TruthTransaction[] =>
      all.find((s) => s.userId === userId && s.currency === currency)!.rows.filter((r) => r.type === 'transfer');
    for (const { userId, currency, rows } of all) {
      for (const row of rows.filter((r) => r.type === 'transfer')) {
        transfers++;
        const wire = parseExact(row.json) as Row;
        const info = wire.info as Row;
        expect(wire.side).toBe('-');
        expect(info.transfer_type).toBe('subaccount');
        const otherId = Number(info.other_user_id);
        expect(otherId).not.toBe(userId);
        if (userId !== sim.mainUserId) expect(otherId).toBe(sim.mainUserId);
        expect(info.other_user).toBe(sim.users.find((u) => u.userId === otherId)?.username);
        const mirror = transfersOf(otherId, currency).filter(
          (r) => r.timestamp === row.timestamp && Math.abs(r.id - row.id) === 1,
        );
        expect(mirror).toHaveLength(1);
        expect(toScaled(mirror[0]!.change, 8) + toScaled(row.change, 8)).toBe(0n);
        expect(Number((parseExact(mirror[0]!.json) as { info: Row }).info.other_user_id)).toBe(userId);
      }
    }
    expect(transfers).toBeGreaterThan(20);
  });

  it('varies types and shapes the way the exchange does', () => {
    const rows = streams().flatMap((s) => s.rows.map((r) => parseExact(r.json) as Row));
    const types = new Set(rows.map((r) => r.type));
    for (const type of ['trade', 'deposit', 'withdrawal', 'settlement', 'delivery', 'transfer', 'swap', 'correction', 'bonus_distribution', 'position_move']) {
      expect(types).toContain(type);
    }
    expect(rows.some((r) => r.info === 'Source: api')).toBe(true);
    expect(rows.some((r) => r.commission === null)).toBe(true);
    expect(rows.some((r) => r.type === 'trade' && !('contracts' in r))).toBe(true);
    expect(rows.some((r) => r.type === 'trade' && typeof r.ip === 'string')).toBe(true);
    expect(rows.some((r) => /^\d+\.\d{7,8}$/.test(String(r.change).replace('-', '')))).toBe(true);
    const deposit = rows.find((r) => r.type === 'deposit') as { info: Row; side: string };
    expect(deposit.side).toBe('-');
    expect(Object.keys(deposit.info).sort()).toEqual(['addr', 'deposit_type', 'transaction']);
    const optionTrade = rows.find((r) => r.type === 'trade' && String(r.instrument_name).endsWith('-C'));
    expect(optionTrade?.commission).toMatch(/^\d/);
    // Two rows sharing a timestamp exist somewhere.
    const stamps = streams().flatMap((s) => s.rows.map((r) => r.timestamp));
    expect(new Set(stamps).size).toBeLessThan(stamps.length);
  });

  it('books every kind the way providers.md describes it (fees, premiums, funding, odd shapes)', () => {
    const rows = streams().flatMap((s) => s.rows.map((r) => ({ dec: DECIMALS[s.currency] ?? 8, wire: parseExact(r.json) as Row })));
    const of = (pred: (w: Row) => boolean) => rows.filter((r) => pred(r.wire));
    const scaled = (r: { dec: number; wire: Row }, field: string): bigint => toScaled(String(r.wire[field]), r.dec);
    // Option trades: premium and commission; a buy pays premium + commission.
    const options = of((w) => w.type === 'trade' && /-[CP]$/.test(String(w.instrument_name)));
    expect(options.length).toBeGreaterThan(50);
    expect(options.some((r) => scaled(r, 'change') < 0n && String(r.wire.side).endsWith('buy'))).toBe(true);
    expect(options.every((r) => scaled(r, 'commission') >= 0n)).toBe(true);
    // Futures trades: the commission only reaches cash.
    const futures = of((w) => w.type === 'trade' && !/-[CP]$/.test(String(w.instrument_name)));
    expect(futures.length).toBeGreaterThan(50);
    for (const r of futures) expect(scaled(r, 'change')).toBe(-scaled(r, 'commission'));
    // Settlements: change = session_rpl + session_upl, funding in interest_pl, commission null.
    const settlements = of((w) => w.type === 'settlement');
    for (const r of settlements) {
      expect(r.wire.commission).toBeNull();
      expect(scaled(r, 'session_rpl') + scaled(r, 'session_upl')).toBe(scaled(r, 'change'));
      expect(typeof r.wire.interest_pl).toBe('string');
      expect((r.wire.info as Row).floating_pl).toBe(r.wire.session_upl);
    }
    expect(of((w) => w.type === 'delivery').every((r) => typeof r.wire.settlement_price === 'string')).toBe(true);
    // Withdrawals: commission = the currency's fee, change = -(amount + fee), tx hash and address.
    const withdrawals = of((w) => w.type === 'withdrawal');
    expect(withdrawals.length).toBeGreaterThan(10);
    const fees: Record<string, string> = { BTC: '0.0001', ETH: '0.0015', USDC: '1' };
    for (const r of withdrawals) {
      expect(r.wire.commission).toBe(fees[String(r.wire.currency)]);
      const info = r.wire.info as Row;
      expect(info.transaction).toMatch(/^[0-9a-f]{64}$/);
      expect(typeof info.addr).toBe('string');
      if ('amount' in r.wire) expect(scaled(r, 'amount') + scaled(r, 'commission')).toBe(-scaled(r, 'change'));
    }
    // The odd one: no commission field at all, info an array, no cash moved.
    const moves = of((w) => w.type === 'position_move');
    expect(moves.length).toBeGreaterThan(0);
    for (const r of moves) {
      expect('commission' in r.wire).toBe(false);
      expect(Array.isArray(r.wire.info)).toBe(true);
      expect(r.wire.change).toBe('0');
    }
  });

  it('appendActivity continues ids, user_seq and the balance chain after the newest row', () => {
    const dataset = new SimDataset(smallDataset({ subaccounts: 1, currencies: ['BTC'] }), 'per-user');
    const main = dataset.mainUser.userId;
    const before = dataset.truthTransactions(main, 'BTC');
    const newestBefore = before[0]!;
    const accessBefore = dataset.truthAccessLog('result');
    dataset.append({ rowsPerStream: 50, accessLogEvents: 10, until: END + 86_400_000 });
    const after = dataset.truthTransactions(main, 'BTC');
    expect(after.length).toBeGreaterThanOrEqual(before.length + 50);
    const added = after.slice(0, after.length - before.length).reverse();
    let balance = toScaled(newestBefore.balance, 8);
    let lastId = newestBefore.id;
    for (const row of added) {
      expect(row.timestamp).toBeGreaterThan(END);
      expect(row.id).toBeGreaterThan(lastId);
      lastId = row.id;
      balance += toScaled(row.change, 8);
      expect(toScaled(row.balance, 8)).toBe(balance);
    }
    const sub = dataset.users[1]!.userId;
    expect(Math.max(after[0]!.timestamp, dataset.truthTransactions(sub, 'BTC')[0]!.timestamp)).toBe(END + 86_400_000);
    const access = dataset.truthAccessLog('result');
    expect(access.length).toBe(accessBefore.length + 10);
    expect(access[9]!.timestamp).toBeGreaterThan(accessBefore[0]!.timestamp);
    expect(access[9]!.id).toBeGreaterThan(accessBefore[0]!.id);
    expect(() => dataset.append({ rowsPerStream: 1, accessLogEvents: 0, until: END })).toThrow();
  });

  it('generates a 1,000,000-row stream in a few seconds', () => {
    const started = performance.now();
    const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const dataset = new SimDataset(
      { seed: 9, subaccounts: 0, currencies: ['BTC'], rowsPerStream: 1_000_000, accessLogEvents: 0, startTime: Date.UTC(2018, 0, 1), endTime: END },
      'per-user',
    );
    const elapsed = performance.now() - started;
    const grown = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers - heapBefore;
    const truth = dataset.truthTransactions(dataset.mainUser.userId, 'BTC');
    console.log(`1,000,000 rows generated in ${Math.round(elapsed)} ms, ~${Math.round(grown / 1e6)} MB`);
    expect(truth).toHaveLength(1_000_000);
    expect(truth[999_999]?.type).toBe('deposit');
    expect(truth[0]?.userSeq).toBe(1_000_000);
    expect(elapsed).toBeLessThan(10_000);
    expect(grown).toBeLessThan(400e6);
  });
});
