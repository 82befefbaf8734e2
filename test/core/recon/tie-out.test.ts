import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../src/core/providers/deribit/types';
import { tieOut } from '../../../src/core/recon/tie-out';

const summary = (balance: string): AccountSummary => ({ currency: 'BTC', balance, equity: null, creationTimestamp: null, userId: 7, username: 'TestUser' });
const chain = { accountKey: 'acc', userId: 7, currency: 'BTC' };

describe('tieOut', () => {
  it('ties out when the newest cached balance equals the live balance exactly', () => {
    const r = tieOut('3001.22270418', 1613659830333, summary('3001.2227041800'), 1613660000000, { chain, newestRowId: 61312 });
    expect(r.finding).toBeNull();
    expect(r.tieOut).toEqual({ liveBalance: '3001.22270418', liveAt: 1613660000000, cachedBalance: '3001.22270418', cachedAt: 1613659830333, difference: '0', tiesOut: true });
  });

  it('reports live − cached exactly when it does not', () => {
    // 3001.22270418 − 3001.22270419 = −0.00000001
    const r = tieOut('3001.22270419', 1613659830333, summary('3001.22270418'), 1613660000000, { chain, newestRowId: 61312 });
    expect(r.tieOut.tiesOut).toBe(false);
    expect(r.tieOut.difference).toBe('-0.00000001');
    expect(r.finding).toMatchObject({ kind: 'tie-out-difference', rowId: 61312, expected: '3001.22270418', actual: '3001.22270419', difference: '-0.00000001', chain });
  });

  it('without cached rows, ties out only with a zero live balance', () => {
    expect(tieOut(null, null, summary('0'), 1).tieOut.tiesOut).toBe(true);
    const r = tieOut(null, null, summary('1e-8'), 1);
    expect(r.tieOut).toMatchObject({ tiesOut: false, difference: null, liveBalance: '0.00000001' });
    expect(r.finding?.chain).toEqual({ accountKey: '', userId: 7, currency: 'BTC' });
  });
});
