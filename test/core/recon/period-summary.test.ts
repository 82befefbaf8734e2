import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainColumnsFromRows } from '../../../src/core/recon/chain-columns';
import { periodForRange } from '../../../src/core/recon/period';
import { toFixed } from '../../../src/core/recon/fixed-point';
import { compareKinds, summarizePeriod } from '../../../src/core/recon/period-summary';
import type { ChainId, Period } from '../../../src/core/recon/types';
import { DOC_EXAMPLE_ROWS } from './doc-example-rows';
import { makeRow, randomHistory } from './recon-fixtures';

const chain: ChainId = { accountKey: 'acc', userId: 7, currency: 'BTC' };
const day = (d: number) => Date.UTC(2025, 0, d);

const rows = [
  makeRow({ id: 1, userSeq: 1, timestamp: day(1), type: 'deposit', change: '10', balance: '10' }),
  // Option buy: premium 0.5 plus commission 0.0003 → change −0.5003.
  makeRow({ id: 2, userSeq: 2, timestamp: day(2), type: 'trade', instrumentName: 'BTC-27DEC25-50000-C', change: '-0.5003', balance: '9.4997', commission: '0.0003' }),
  // Perpetual trade: only its fee moves cash.
  makeRow({ id: 3, userSeq: 3, timestamp: day(3), type: 'trade', instrumentName: 'BTC-PERPETUAL', change: '-0.0002', balance: '9.4995', commission: '0.0002' }),
  makeRow({ id: 4, userSeq: 4, timestamp: day(4), type: 'settlement', instrumentName: 'BTC-PERPETUAL', change: '0.00215706', balance: '9.50165706', commission: null }),
  // Withdrawal of 1 with fee 0.0001 booked as −1.0001.
  makeRow({ id: 5, userSeq: 5, timestamp: day(5), type: 'withdrawal', change: '-1.0001', balance: '8.50155706', commission: '0.0001' }),
  makeRow({ id: 6, userSeq: 6, timestamp: day(6), type: 'transfer', change: '-2.5', balance: '6.00155706', info: { transfer_type: 'subaccount', other_user_id: 27 } }),
  makeRow({ id: 7, userSeq: 7, timestamp: day(7), type: 'transfer', change: '0.5', balance: '6.50155706', info: { transfer_type: 'subaccount', other_user_id: 27 } }),
  makeRow({ id: 8, userSeq: 8, timestamp: day(8), type: 'bonus_distribution', change: '1e-8', balance: '6.50155707' }),
  makeRow({ id: 9, userSeq: 9, timestamp: day(20), type: 'deposit', change: '1', balance: '7.50155707' }),
];

describe('summarizePeriod', () => {
  it('partitions Σ change by kind, fees apart, with fixed order and labels', () => {
    const columns = chainColumnsFromRows(chain, rows);
    const s = summarizePeriod(columns, periodForRange('2025-01-02', '2025-01-10'), { complete: true, usernames: new Map([[27, 'Sub1'], [7, 'Main']]) });
    expect([s.opening, s.openingBasis, s.closing, s.sumOfChanges, s.identityHolds, s.rows]).toEqual(['10', 'previous-row', '6.50155707', '-3.49844293', true, 7]);
    expect(s.username).toBe('Main');
    expect(s.totals.map((t) => [t.kind, t.amount, t.rows, t.label])).toEqual([
      ['trade-option', '-0.5', 1, 'Options trading'],
      ['trade-future', '0', 1, 'Futures and perpetuals trading'],
      ['fee', '-0.0005', 2, 'Trading fees'],
      ['settlement', '0.00215706', 1, 'Settlements (session PnL and funding)'],
      ['withdrawal', '-1', 1, 'Withdrawals'],
      ['withdrawal-fee', '-0.0001', 1, 'Withdrawal fees'],
      ['transfer-in:27', '0.5', 1, 'Transfers in from Sub1 (27)'],
      ['transfer-out:27', '-2.5', 1, 'Transfers out to Sub1 (27)'],
      ['bonus', '0.00000001', 1, 'Bonus and staking distributions (income)'],
    ]);
    // −0.5 + 0 − 0.0005 + 0.00215706 − 1 − 0.0001 + 0.5 − 2.5 + 0.00000001 = −3.49844293
  });

  it('opens from zero when history is complete, and from the first row when not', () => {
    const columns = chainColumnsFromRows(chain, rows);
    const period = periodForRange('2024-12-01', '2025-01-01');
    expect(summarizePeriod(columns, period, { complete: true })).toMatchObject({ opening: '0', openingBasis: 'zero-before-first-row', closing: '10', identityHolds: true });
    const partial = chainColumnsFromRows(chain, DOC_EXAMPLE_ROWS);
    const s = summarizePeriod(partial, periodForRange('2021-02-18', '2021-02-18'), { complete: false });
    // 3003.17813712 − (−0.04611) = 3003.22424712; closing 3001.22270418; Σ = −2.00154294.
    expect([s.opening, s.openingBasis, s.closing, s.sumOfChanges, s.identityHolds]).toEqual(['3003.22424712', 'unknown-history-incomplete', '3001.22270418', '-2.00154294', true]);
  });

  it('a period without rows closes at its opening', () => {
    const s = summarizePeriod(chainColumnsFromRows(chain, rows), periodForRange('2025-01-10', '2025-01-15'), { complete: true });
    expect([s.opening, s.closing, s.sumOfChanges, s.rows, s.totals]).toEqual(['6.50155707', '6.50155707', '0', 0, []]);
  });

  it('shows a broken identity', () => {
    const broken = [...rows.slice(0, 3), makeRow({ id: 4, userSeq: 4, timestamp: day(4), type: 'deposit', change: '1', balance: '11' })];
    const s = summarizePeriod(chainColumnsFromRows(chain, broken), periodForRange('2025-01-01', '2025-01-31'), { complete: true });
    // 0 + 10 − 0.5003 − 0.0002 + 1 = 10.4995 ≠ 11
    expect([s.sumOfChanges, s.closing, s.identityHolds]).toEqual(['10.4995', '11', false]);
  });
});

describe('summarizePeriod properties', () => {
  it('Σ totals = closing − opening for random periods, and adjacent periods chain', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 1, max: 10 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (seed, decimals, a, b, c) => {
      const history = randomHistory({ seed, users: [7, 27], currencies: ['BTC', 'ETH'], rows: 80, seqScheme: 'per-user', decimals, unknownTypes: true, outsideUser: 999 });
      const first = history[0]?.timestamp ?? 0;
      const last = history[history.length - 1]?.timestamp ?? 0;
      const [t1, t2, t3] = [a, b, c].map((x) => Math.floor(first - 1000 + x * (last - first + 2000))).sort((x, y) => x - y) as [number, number, number];
      const p1: Period = { fromMs: t1, toMs: t2, timeZone: 'UTC', label: 'p1' };
      const p2: Period = { fromMs: t2, toMs: t3, timeZone: 'UTC', label: 'p2' };
      const whole: Period = { fromMs: t1, toMs: t3, timeZone: 'UTC', label: 'p1+p2' };
      for (const userId of [7, 27]) {
        for (const currency of ['BTC', 'ETH']) {
          const rowsOfChain = history.filter((r) => r.userId === userId && r.currency === currency);
          const columns = chainColumnsFromRows({ accountKey: 'acc', userId, currency }, rowsOfChain);
          const [s1, s2, s12] = [p1, p2, whole].map((p) => summarizePeriod(columns, p, { complete: true }));
          for (const s of [s1, s2, s12]) {
            if (!s) throw new Error('no summary');
            const scale = 10;
            const total = s.totals.reduce((acc, t) => acc + toFixed(t.amount, scale), 0n);
            expect(total).toBe(toFixed(s.sumOfChanges, scale));
            expect(toFixed(s.closing, scale) - toFixed(s.opening, scale)).toBe(total);
            expect(s.identityHolds).toBe(true);
            // Kinds appear once each, in the fixed order.
            expect(s.totals.map((t) => t.kind)).toEqual([...new Set(s.totals.map((t) => t.kind))].sort(compareKinds));
          }
          expect(s2?.opening).toBe(s1?.closing);
          expect(s12?.opening).toBe(s1?.opening);
          expect(s12?.closing).toBe(s2?.closing);
          expect((s1?.rows ?? 0) + (s2?.rows ?? 0)).toBe(s12?.rows);
        }
      }
    }), { numRuns: 60 });
  });
});
