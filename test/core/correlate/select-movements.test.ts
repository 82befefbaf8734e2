import { describe, expect, it } from 'vitest';
import { plainMovement } from '../../../src/core/correlate/ip-row-index';
import { selectMovements } from '../../../src/core/correlate/select-movements';
import { buildLedgerPages, type LedgerRowSpec } from '../../scenarios/ledger-page-builder';

const chain = { accountKey: 'acct', userId: 42, currency: 'BTC' };
const T = Date.UTC(2026, 0, 10);
const rows: LedgerRowSpec[] = [
  { id: 1, timestamp: T, kind: 'deposit', change: '10' },
  { id: 2, timestamp: T + 1, kind: 'withdrawal', change: '-0.00000001', ip: '198.51.100.1' },
  { id: 3, timestamp: T + 2, kind: 'transfer', change: '-1.25', otherUserId: 43 },
  { id: 4, timestamp: T + 3, kind: 'transfer', change: '2', otherUserId: 43 },
  { id: 5, timestamp: T + 4, kind: 'trade-option', change: '-0.5', ip: '198.51.100.2' },
  { id: 6, timestamp: T + 5, kind: 'settlement', change: '-0.49999999' },
  { id: 7, timestamp: T + 6, kind: 'unknown:liquidation', change: '-3' },
  { id: 8, timestamp: T + 7, kind: 'trade-future', change: '0.1', ip: '198.51.100.3' },
];

describe('selectMovements', () => {
  it('selects withdrawals, transfers out and losses at or above the threshold, with exact texts', () => {
    const { movements } = selectMovements(buildLedgerPages(chain, rows, { pageSize: 3 }), {
      lossThresholds: new Map([['BTC', '0.5']]),
      usernames: new Map([['acct|42', 'alice']]),
    });
    expect(movements.map((m) => [m.rowId, m.kind, m.change])).toEqual([
      [2, 'withdrawal', '-0.00000001'],
      [3, 'transfer', '-1.25'],
      [5, 'trade-option', '-0.5'],
      [7, 'unknown:liquidation', '-3'],
    ]);
    expect(movements[0]).toEqual({ chain, rowId: 2, timestamp: T + 1, kind: 'withdrawal', change: '-0.00000001', ip: '198.51.100.1', username: 'alice' });
  });

  it('counts no losses for a currency without a threshold', () => {
    const { movements } = selectMovements(buildLedgerPages(chain, rows), { lossThresholds: new Map([['ETH', '0.1']]) });
    expect(movements.map((m) => m.rowId)).toEqual([2, 3]);
    expect(movements[0]?.username).toBeNull();
  });

  it('returns every row that carries an ip, by time', () => {
    const { ipRows } = selectMovements(buildLedgerPages(chain, rows, { pageSize: 2 }));
    expect(ipRows.map((r) => [r.rowId, r.ip, r.change])).toEqual([
      [2, '198.51.100.1', '-0.00000001'],
      [5, '198.51.100.2', '-0.5'],
      [8, '198.51.100.3', '0.1'],
    ]);
  });

  it('selects the same rows from a page that kept exact texts (amount beyond int64)', () => {
    const options = { lossThresholds: new Map([['BTC', '0.5']]) };
    const typed = selectMovements(buildLedgerPages(chain, rows), options);
    const texts = selectMovements(buildLedgerPages(chain, rows, { asTexts: true }), options);
    // Ip rows read their change text lazily from either column: compare what they say.
    const said = (s: typeof typed) => ({ movements: s.movements, ipRows: s.ipRows.map(plainMovement) });
    expect(said(texts)).toEqual(said(typed));
  });

  it('compares exactly when the threshold has more decimals than the page scale', () => {
    const coarse = buildLedgerPages(chain, [{ id: 1, timestamp: T, kind: 'settlement', change: '-0.12' }], { scale: 2 });
    expect(selectMovements(coarse, { lossThresholds: new Map([['BTC', '0.121']]) }).movements).toHaveLength(0);
    expect(selectMovements(coarse, { lossThresholds: new Map([['BTC', '0.12']]) }).movements).toHaveLength(1);
  });

  it('rejects a threshold that is not a positive decimal', () => {
    expect(() => selectMovements([], { lossThresholds: new Map([['BTC', '-1']]) })).toThrow(/positive/);
    expect(() => selectMovements([], { lossThresholds: new Map([['BTC', 'lots']]) })).toThrow(RangeError);
  });
});
