import { describe, expect, it } from 'vitest';
import { countTransfersOutside, matchTransferLegs, matchTransfers } from '../../../src/core/recon/transfers';
import type { ChainId, TransferLeg } from '../../../src/core/recon/types';

const main: ChainId = { accountKey: 'acc', userId: 7, currency: 'BTC' };
const sub: ChainId = { accountKey: 'acc', userId: 27, currency: 'BTC' };
const leg = (chain: ChainId, rowId: number, timestamp: number, amount: string, otherUserId: number | null): TransferLeg =>
  ({ chain, rowId, timestamp, amount, otherUserId });

describe('matchTransfers', () => {
  it('matches equal and opposite legs within the tolerance, exponent forms included', () => {
    const legs = [leg(main, 1, 1000, '-2.5', 27), leg(sub, 2, 1500, '2.50', 7), leg(main, 3, 9000, '-1e-8', 27), leg(sub, 4, 9000, '0.00000001', 7)];
    expect(matchTransfers(legs, 60_000)).toEqual([]);
    expect(matchTransferLegs(legs, 60_000).matchedPairs).toBe(2);
  });

  it('reports a leg without counterpart in the other log', () => {
    const f = matchTransfers([leg(main, 1, 1000, '-2.5', 27), leg(sub, 2, 1000, '2.4', 7)], 60_000);
    expect(f.map((x) => [x.kind, x.severity, x.rowId, x.expected])).toEqual([
      ['transfer-unmatched', 'error', 1, '2.5'],
      ['transfer-unmatched', 'error', 2, '-2.4'],
    ]);
    expect(f[0]?.message).toBe("Transfer of -2.5 BTC to user 27 has no counterpart of 2.5 in user 27's log within 60 s");
  });

  it('respects the time tolerance', () => {
    // 61 s apart with a 60 s tolerance: both unmatched; with 61 s: matched.
    const legs = [leg(main, 1, 0, '-1', 27), leg(sub, 2, 61_000, '1', 7)];
    expect(matchTransfers(legs, 60_000)).toHaveLength(2);
    expect(matchTransfers(legs, 61_000)).toHaveLength(0);
  });

  it('matches one-to-one, closest in time first', () => {
    // Two sends of 1 at t=0 and t=50s, one receipt at t=45s: it pairs with t=50s; the t=0 send is left.
    const f = matchTransfers([leg(main, 1, 0, '-1', 27), leg(main, 3, 50_000, '-1', 27), leg(sub, 2, 45_000, '1', 7)], 60_000);
    expect(f.map((x) => x.rowId)).toEqual([1]);
  });

  it('does not match across currencies, accounts or the wrong counterparty', () => {
    const eth: ChainId = { ...sub, currency: 'ETH' };
    const other: ChainId = { accountKey: 'acc2', userId: 27, currency: 'BTC' };
    const sub2: ChainId = { accountKey: 'acc', userId: 28, currency: 'BTC' };
    const users = new Map([['acc', new Set([7, 27, 28])], ['acc2', new Set([7, 27])]]);
    const f = matchTransfers([leg(main, 1, 0, '-1', 27), leg(eth, 2, 0, '1', 7), leg(other, 3, 0, '1', 7), leg(sub2, 4, 0, '1', 7)], 60_000, users);
    expect(f.map((x) => x.rowId).sort()).toEqual([1, 2, 3, 4]);
  });

  it('only counts legs towards users outside the account', () => {
    const legs = [leg(main, 1, 0, '-1', 999), leg(main, 2, 0, '-1', null), leg(main, 3, 0, '-1', 27), leg(sub, 4, 0, '1', 7)];
    expect(matchTransfers(legs, 60_000)).toEqual([]);
    expect(countTransfersOutside(legs)).toBe(2);
  });
});
