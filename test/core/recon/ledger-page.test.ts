import { describe, expect, it } from 'vitest';
import { buildLedgerPages } from '../../../src/core/recon/ledger-page';
import { DOC_EXAMPLE_ROWS } from './doc-example-rows';
import { makeRow } from './recon-fixtures';

describe('buildLedgerPages', () => {
  it('turns the doc example page into one ledger page at scale 8', () => {
    const [page, ...rest] = buildLedgerPages('acc', DOC_EXAMPLE_ROWS);
    expect(rest).toEqual([]);
    if (!page) throw new Error('no page');
    expect(page.pageKey).toBe('acc|7|BTC|61288');
    expect(page.chainKey).toBe('acc|7|BTC');
    expect([page.count, page.minId, page.maxId]).toEqual([5, 61288, 61312]);
    expect([page.minTimestamp, page.maxTimestamp]).toEqual([1613657734620, 1613659830333]);
    // Largest scale: 3001.22270418 and 0.00215706 → 8 places.
    expect(page.scale).toBe(8);
    expect(page.texts).toBeNull();
    // Row order as received (newest first).
    expect([...page.userSeqs]).toEqual([6009, 6008, 6007, 6006, 6005]);
    expect([...page.changes]).toEqual([-250000000n, 215706n, 65000000n, -10759000n, -4611000n]);
    expect([...page.balances]).toEqual([300122270418n, 300372270418n, 300372054712n, 300307054712n, 300317813712n]);
    // The settlement's commission is null → 0.
    expect([...page.commissions]).toEqual([0n, 0n, 0n, 0n, 0n]);
    expect(page.kindCodes.length).toBe(5);
    expect([...page.kindCodes].map((c) => page.kindNames[c])).toEqual(['transfer', 'settlement', 'deposit', 'trade-option', 'trade-option']);
    expect([...page.otherUserIds]).toEqual([27, -1, -1, -1, -1]);
    expect(page.ips).toEqual([[3, '11.222.33.44']]);
  });

  it('groups by user and currency, and handles exponent forms', () => {
    const pages = buildLedgerPages('acc', [
      makeRow({ id: 10, userSeq: 1, currency: 'BTC', change: '1e-8', balance: '1E-8' }),
      makeRow({ id: 11, userSeq: 2, currency: 'ETH', change: '-2.5E+3', balance: '7500', commission: '1.25e-1' }),
      makeRow({ id: 12, userId: 9, userSeq: 1, currency: 'BTC', change: '0.5', balance: '0.5', commission: null }),
    ]);
    expect(pages.map((p) => p.pageKey)).toEqual(['acc|7|BTC|10', 'acc|7|ETH|11', 'acc|9|BTC|12']);
    const [btc, eth] = pages;
    expect(btc?.scale).toBe(8);
    expect([...(btc?.changes ?? [])]).toEqual([1n]);
    // -2500 and 0.125 → scale 3: -2500000, 7500000, 125.
    expect(eth?.scale).toBe(3);
    expect([...(eth?.changes ?? [])]).toEqual([-2500000n]);
    expect([...(eth?.balances ?? [])]).toEqual([7500000n]);
    expect([...(eth?.commissions ?? [])]).toEqual([125n]);
  });

  it('keeps exact texts when an amount overflows int64', () => {
    // 123456789012.123456789 needs scale 9 → 123456789012123456789 > 2^63 − 1 ≈ 9.22e18.
    const [page] = buildLedgerPages('acc', [
      makeRow({ id: 1, userSeq: 1, change: '123456789012.123456789', balance: '123456789012.123456789' }),
      makeRow({ id: 2, userSeq: 2, change: '-1', balance: '123456789011.123456789', commission: null }),
    ]);
    expect(page?.texts).toEqual({
      changes: ['123456789012.123456789', '-1'],
      balances: ['123456789012.123456789', '123456789011.123456789'],
      commissions: ['0', null],
    });
    expect(page?.changes.length).toBe(0);
    expect(page?.scale).toBe(9);
  });

  it('keeps exact texts when a scale exceeds 18', () => {
    const [page] = buildLedgerPages('acc', [makeRow({ id: 1, userSeq: 1, change: '1e-19', balance: '1e-19' })]);
    expect(page?.texts?.changes).toEqual(['1e-19']);
    expect(page?.scale).toBe(19);
  });
});
