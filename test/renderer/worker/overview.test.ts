/**
 * The Overview's worker modules in Node over fake-indexeddb, with rows synced from the simulator over
 * real HTTP: each account/currency's chart ends at the newest balance of every user and their exact
 * total; monthly PnL, fees and funding equal sums computed independently from the simulator's truth
 * (decimal.js over the rows' lossless JSON); an unchanged cache answers from the fingerprint without
 * reading, and a sync that adds rows changes it.
 */
import 'fake-indexeddb/auto';
import Decimal from 'decimal.js';
import { parse, isLosslessNumber, type LosslessNumber } from 'lossless-json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReconcilerDatabase } from '../../../src/renderer/db/database';
import { ChainColumnsCache } from '../../../src/renderer/worker/ledger-reader';
import { buildOverview, type OverviewDeps } from '../../../src/renderer/worker/overview';
import { DecimalSum, fundingByMonth, fundingOf } from '../../../src/renderer/worker/overview-funding';
import type { RequestChannel } from '../../../src/renderer/worker/protocol';
import type { DeribitSim } from '../../sim/deribit/index';
import { fastClient, freshDatabase, smallDataset, startFastSim, syncOnce } from '../../support/sync-harness';

const ACCOUNT = 'acc_overview';
const CURRENCIES = ['BTC', 'ETH', 'USDC'];
const channel: RequestChannel = { chunk: () => 0, progress: () => undefined, isCancelled: () => false };
let sim: DeribitSim;
let db: ReconcilerDatabase;
let deps: OverviewDeps;

beforeAll(async () => {
  const endTime = Date.now() - 60_000;
  sim = await startFastSim({ dataset: smallDataset({ rowsPerStream: 150, accessLogEvents: 10, endTime, startTime: endTime - 300 * 86_400_000 }) });
  db = freshDatabase();
  deps = { db, columns: new ChainColumnsCache(db), now: () => performance.now() };
  await syncOnce({ client: fastClient(sim), db, accountKey: ACCOUNT });
});

afterAll(async () => {
  db.close();
  await sim.close();
});

/** Independent truth per UTC month: PnL (cash of trades, settlements, deliveries before fees, less funding), fees, funding, rows. */
function truthMonths(currency: string): Map<string, { pnl: Decimal; fees: Decimal; funding: Decimal; rows: number }> {
  const months = new Map<string, { pnl: Decimal; fees: Decimal; funding: Decimal; rows: number }>();
  for (const user of sim.users) {
    for (const t of sim.truthTransactions(user.userId, currency)) {
      const row = parse(t.json) as Record<string, unknown>;
      const text = (v: unknown): string => (isLosslessNumber(v) ? (v as LosslessNumber).toString() : typeof v === 'string' ? v : '0');
      const month = new Date(t.timestamp).toISOString().slice(0, 7);
      const m = months.get(month) ?? { pnl: new Decimal(0), fees: new Decimal(0), funding: new Decimal(0), rows: 0 };
      const commission = new Decimal(text(row.commission ?? null));
      m.rows++;
      m.fees = m.fees.minus(commission);
      const funding = t.type === 'settlement' ? new Decimal(text(row.interest_pl ?? null)) : new Decimal(0);
      m.funding = m.funding.plus(funding);
      if (['trade', 'settlement', 'delivery'].includes(t.type)) m.pnl = m.pnl.plus(t.change).plus(commission).minus(funding);
      months.set(month, m);
    }
  }
  return months;
}

describe('buildOverview', () => {
  it('draws every user and the total per currency, ending at the newest cached balances, exactly', async () => {
    const outcome = await buildOverview(deps, { accountKeys: [ACCOUNT], maxPoints: 50 }, channel);
    expect(outcome.groups?.map((g) => g.currency)).toEqual(CURRENCIES);
    for (const group of outcome.groups ?? []) {
      const { chart } = group;
      expect(chart.downsampled).toBe(true);
      expect(chart.times.length).toBeLessThanOrEqual(50);
      let total = new Decimal(0);
      for (const user of sim.users) {
        const rows = sim.truthTransactions(user.userId, group.currency);
        const newest = rows.reduce((a, b) => (b.userSeq > a.userSeq ? b : a));
        total = total.plus(newest.balance);
        const series = chart.series.find((s) => s.userId === user.userId);
        expect(series?.label).toBe(`${user.username} (${user.userId})`);
        expect(new Decimal(series?.last?.balance ?? 'NaN').equals(newest.balance)).toBe(true);
        expect(series?.values.at(-1)).toBeCloseTo(Number(newest.balance), 6);
      }
      const totalSeries = chart.series.at(-1);
      expect(totalSeries?.label).toBe('Total');
      expect(totalSeries?.last?.balance).toBe(total.toFixed());
      expect(chart.rows).toBe(sim.users.reduce((n, u) => n + sim.truthTransactions(u.userId, group.currency).length, 0));
    }
  });

  it('sums PnL and fees by month as the truth does; funding from the full rows makes PnL exact without it', async () => {
    const outcome = await buildOverview(deps, { accountKeys: [ACCOUNT], maxPoints: 50 }, channel);
    const funding = await fundingByMonth(deps, { accountKeys: [ACCOUNT] }, channel);
    expect(funding.fingerprint).toBe(outcome.fingerprint);
    let fundedMonths = 0;
    for (const group of outcome.groups ?? []) {
      const truth = truthMonths(group.currency);
      const fundingMonths = new Map(funding.groups.find((g) => g.currency === group.currency)?.months ?? []);
      expect(group.months.filter((m) => m.rows > 0).map((m) => m.month)).toEqual([...truth.keys()].sort());
      for (const bar of group.months) {
        const t = truth.get(bar.month);
        if (t === undefined) {
          expect(bar).toMatchObject({ realizedPnl: '0', fees: '0', rows: 0 });
          continue;
        }
        const f = fundingMonths.get(bar.month) ?? '0';
        if (f !== '0') fundedMonths++;
        expect(bar.rows).toBe(t.rows);
        expect(bar.fees).toBe(t.fees.toFixed());
        expect(f).toBe(t.funding.toFixed());
        expect(new Decimal(bar.realizedPnl).minus(f).toFixed()).toBe(t.pnl.toFixed());
      }
    }
    expect(fundedMonths).toBeGreaterThan(0);
  });

  it('answers from the fingerprint when nothing changed, and recomputes once a sync adds rows', async () => {
    const first = await buildOverview(deps, { accountKeys: [ACCOUNT], maxPoints: 50 }, channel);
    const again = await buildOverview(deps, { accountKeys: [ACCOUNT], maxPoints: 50, knownFingerprint: first.fingerprint }, channel);
    expect(again.groups).toBeNull();
    expect(again.fingerprint).toBe(first.fingerprint);
    sim.appendActivity({ rowsPerStream: 3, accessLogEvents: 0, until: Date.now() });
    await syncOnce({ client: fastClient(sim), db, accountKey: ACCOUNT });
    const after = await buildOverview(deps, { accountKeys: [ACCOUNT], maxPoints: 50, knownFingerprint: first.fingerprint }, channel);
    expect(after.fingerprint).not.toBe(first.fingerprint);
    const btcRows = sim.users.reduce((n, u) => n + sim.truthTransactions(u.userId, 'BTC').length, 0);
    expect(btcRows).toBeGreaterThan(first.groups?.[0]?.chart.rows ?? Infinity);
    expect(after.groups?.[0]?.chart.rows).toBe(btcRows);
  });

  it('is empty for accounts with nothing cached', async () => {
    const outcome = await buildOverview(deps, { accountKeys: ['nobody'], maxPoints: 50 }, channel);
    expect(outcome.groups).toEqual([]);
  });
});

describe('funding parts', () => {
  it('takes interest_pl of settlements only, as exact text, skipping zero and absent values', () => {
    expect(fundingOf({ type: 'settlement', raw: '{"interest_pl":-0.00001234,"change":1}' })).toBe('-0.00001234');
    expect(fundingOf({ type: 'settlement', raw: '{"interest_pl":"1.5E-9"}' })).toBe('1.5E-9');
    expect(fundingOf({ type: 'settlement', raw: '{"interest_pl":0}' })).toBeNull();
    expect(fundingOf({ type: 'settlement', raw: '{"interest_pl":null}' })).toBeNull();
    expect(fundingOf({ type: 'trade', raw: '{"interest_pl":0.5}' })).toBeNull();
  });

  it('sums decimal texts exactly across scales and exponents', () => {
    const sum = new DecimalSum();
    for (const t of ['0.1', '0.2', '1e-18', '-0.3', '12345678901234567890.5']) sum.add(t);
    expect(sum.text()).toBe('12345678901234567890.500000000000000001');
  });
});
