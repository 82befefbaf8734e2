/**
 * The Overview's series: downsampling keeps each bucket's close and the exact newest balance (per user
 * and in total, also across page scales), and monthly bars sum realized PnL and fees exactly per UTC month.
 */
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { chainColumnsFromRows, mergeLedgerPages } from '../../../src/core/recon/chain-columns';
import { buildLedgerPage } from '../../../src/core/recon/ledger-page';
import type { ChainId } from '../../../src/core/recon/types';
import { balanceChart, monthlyBars } from '../../../src/renderer/worker/overview-series';
import { makeRow, type RowSpec } from '../../core/recon/recon-fixtures';

const chain = (userId: number, currency = 'BTC'): ChainId => ({ accountKey: 'acc', userId, currency });
const label = (userId: number): string => `user ${userId}`;

/** A chain of `n` rows one minute apart whose balances step by `step` (exact decimal text). */
function steadyChain(userId: number, n: number, step: string, startTime = Date.UTC(2026, 0, 1)) {
  const rows = [];
  let balance = new Decimal(0);
  for (let i = 0; i < n; i++) {
    balance = balance.plus(step);
    rows.push(makeRow({ id: userId * 1_000_000 + i, userId, userSeq: i + 1, timestamp: startTime + i * 60_000, change: step, balance: balance.toFixed() }));
  }
  return chainColumnsFromRows(chain(userId), rows);
}

describe('balanceChart', () => {
  it('keeps every point when the rows fit, and the exact newest balance', () => {
    const c = steadyChain(1, 5, '0.1');
    const chart = balanceChart([c], 100, label);
    expect(chart.downsampled).toBe(false);
    expect(chart.times).toHaveLength(5);
    expect(chart.series).toHaveLength(1);
    expect(chart.series[0]?.values).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(chart.series[0]?.last).toEqual({ timestamp: Date.UTC(2026, 0, 1) + 4 * 60_000, balance: '0.5' });
  });

  it('downsamples to at most maxPoints buckets, each the close of its rows, the last point the newest row', () => {
    const c = steadyChain(1, 10_000, '0.00000001');
    const chart = balanceChart([c], 100, label);
    expect(chart.downsampled).toBe(true);
    expect(chart.times.length).toBeLessThanOrEqual(100);
    expect(chart.times.length).toBeGreaterThan(90);
    const values = chart.series[0]?.values as number[];
    // Closes only ever rise for a rising balance, and the last one is the newest balance.
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1] as number);
    expect(chart.times.at(-1)).toBe(Date.UTC(2026, 0, 1) + 9_999 * 60_000);
    expect(values.at(-1)).toBe(0.0001);
    expect(chart.series[0]?.last?.balance).toBe('0.0001');
    // A bucket's time is the newest row in it, so each point is a real row's (time, balance).
    const firstBucketRows = Math.floor(chart.times[0]! - Date.UTC(2026, 0, 1)) / 60_000 + 1;
    expect(values[0]).toBeCloseTo(firstBucketRows * 1e-8, 15);
  });

  it('totals users exactly at the larger scale, carrying a user forward through buckets without rows', () => {
    // user 1: 3 rows at t=0,2,4 min; user 2: 2 rows at t=1,3 min with more decimals.
    const t = (m: number): number => Date.UTC(2026, 0, 1) + m * 60_000;
    const a = chainColumnsFromRows(chain(1), [
      makeRow({ id: 1, userId: 1, userSeq: 1, timestamp: t(0), change: '1.5', balance: '1.5' }),
      makeRow({ id: 3, userId: 1, userSeq: 2, timestamp: t(2), change: '1', balance: '2.5' }),
      makeRow({ id: 5, userId: 1, userSeq: 3, timestamp: t(4), change: '-0.5', balance: '2' }),
    ]);
    const b = chainColumnsFromRows(chain(2), [
      makeRow({ id: 2, userId: 2, userSeq: 1, timestamp: t(1), change: '0.123456789', balance: '0.123456789' }),
      makeRow({ id: 4, userId: 2, userSeq: 2, timestamp: t(3), change: '0.000000001', balance: '0.12345679' }),
    ]);
    const chart = balanceChart([b, a], 10, label);
    expect(chart.series.map((s) => s.label)).toEqual(['user 1', 'user 2', 'Total']);
    expect(chart.times).toEqual([t(0), t(1), t(2), t(3), t(4)]);
    expect(chart.series[0]?.values).toEqual([1.5, 1.5, 2.5, 2.5, 2]);
    expect(chart.series[1]?.values).toEqual([null, 0.123456789, 0.123456789, 0.12345679, 0.12345679]);
    expect(chart.series[2]?.values).toEqual([1.5, 1.623456789, 2.623456789, 2.62345679, 2.12345679]);
    expect(chart.series[2]?.last).toEqual({ timestamp: t(4), balance: '2.12345679' });
    expect(chart.series[1]?.last?.balance).toBe('0.12345679');
  });

  it('merges pages of different scales and keeps amounts beyond a double exact in the last balance', () => {
    const rows: RowSpec[] = [
      { id: 1, userId: 1, userSeq: 1, timestamp: Date.UTC(2026, 0, 1), change: '12345678901.123456789', balance: '12345678901.123456789' },
      { id: 2, userId: 1, userSeq: 2, timestamp: Date.UTC(2026, 0, 2), change: '0.000000001', balance: '12345678901.12345679' },
    ];
    const c = mergeLedgerPages(chain(1), [buildLedgerPage(chain(1), [makeRow(rows[0]!)]), buildLedgerPage(chain(1), [makeRow(rows[1]!)])]);
    const chart = balanceChart([c], 10, label);
    expect(chart.series[0]?.last?.balance).toBe('12345678901.12345679');
  });

  it('is empty for chains without rows', () => {
    expect(balanceChart([], 10, label)).toMatchObject({ times: [], series: [], rows: 0 });
  });
});

describe('monthlyBars', () => {
  const at = (y: number, m: number, d: number): number => Date.UTC(y, m, d, 12);

  it('sums realized PnL (before fees) and fees (trading and withdrawal) per UTC month, every month of the span listed', () => {
    const rows = [
      // January: an option trade (+0.3 cash, fee 0.0003) and a perpetual settlement (-0.1: PnL incl. funding).
      makeRow({ id: 1, userSeq: 1, timestamp: at(2026, 0, 5), type: 'trade', instrumentName: 'BTC-27MAR26-90000-C', change: '0.2997', balance: '1.2997', commission: '0.0003' }),
      makeRow({ id: 2, userSeq: 2, timestamp: at(2026, 0, 31), type: 'settlement', instrumentName: 'BTC-PERPETUAL', change: '-0.1', balance: '1.1997', commission: null }),
      // February: nothing. March: a deposit (not PnL), a withdrawal with its fee (a fee, not PnL), a maker rebate.
      makeRow({ id: 3, userSeq: 3, timestamp: at(2026, 2, 1), type: 'deposit', change: '5', balance: '6.1997' }),
      makeRow({ id: 4, userSeq: 4, timestamp: at(2026, 2, 2), type: 'withdrawal', change: '-1.0005', balance: '5.1992', commission: '0.0005' }),
      makeRow({ id: 5, userSeq: 5, timestamp: at(2026, 2, 3), type: 'trade', instrumentName: 'BTC-PERPETUAL', change: '0.00001', balance: '5.19921', commission: '-0.00001' }),
    ];
    const bars = monthlyBars([chainColumnsFromRows(chain(7), rows)]);
    expect(bars).toEqual([
      { month: '2026-01', realizedPnl: '0.2', fees: '-0.0003', rows: 2 },
      { month: '2026-02', realizedPnl: '0', fees: '0', rows: 0 },
      { month: '2026-03', realizedPnl: '0', fees: '-0.00049', rows: 3 },
    ]);
  });

  it('adds users together exactly, across scales and month and year boundaries', () => {
    const a = chainColumnsFromRows(chain(1), [
      makeRow({ id: 1, userId: 1, userSeq: 1, timestamp: Date.UTC(2025, 11, 31, 23, 59, 59, 999), type: 'delivery', change: '0.1', balance: '0.1' }),
      makeRow({ id: 2, userId: 1, userSeq: 2, timestamp: Date.UTC(2026, 0, 1), type: 'delivery', change: '0.2', balance: '0.3' }),
    ]);
    const b = chainColumnsFromRows(chain(2), [
      makeRow({ id: 3, userId: 2, userSeq: 1, timestamp: Date.UTC(2026, 0, 15), type: 'trade', instrumentName: 'BTC-PERPETUAL', change: '0.000000000000000001', balance: '1', commission: '0.000000000000000002' }),
    ]);
    expect(monthlyBars([a, b])).toEqual([
      { month: '2025-12', realizedPnl: '0.1', fees: '0', rows: 1 },
      { month: '2026-01', realizedPnl: '0.200000000000000003', fees: '-0.000000000000000002', rows: 2 },
    ]);
  });

  it('places a row that goes back in time in its own month', () => {
    const rows = [
      makeRow({ id: 1, userSeq: 1, timestamp: at(2026, 4, 1), type: 'settlement', change: '1', balance: '1' }),
      makeRow({ id: 2, userSeq: 2, timestamp: at(2026, 2, 1), type: 'settlement', change: '2', balance: '3' }),
    ];
    expect(monthlyBars([chainColumnsFromRows(chain(7), rows)]).map((b) => [b.month, b.realizedPnl])).toEqual([
      ['2026-03', '2'],
      ['2026-04', '0'],
      ['2026-05', '1'],
    ]);
  });
});
