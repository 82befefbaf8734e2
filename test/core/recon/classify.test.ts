import { describe, expect, it } from 'vitest';
import { canonicalKind, classifyRow, isOptionInstrument, KNOWN_KINDS, kindLabel, otherUserIdOf, txHashOf } from '../../../src/core/recon/classify';
import { makeRow } from './recon-fixtures';

const base = { id: 1, userSeq: 1, change: '1', balance: '1' };

describe('classifyRow', () => {
  it.each([
    [{ type: 'trade', instrumentName: 'BTC-19FEB21-49200-C' }, 'trade-option'],
    [{ type: 'trade', instrumentName: 'BTC-19FEB21-49200-P' }, 'trade-option'],
    [{ type: 'trade', instrumentName: 'XRP_USDC-30JUN23-0d625-C' }, 'trade-option'],
    [{ type: 'trade', instrumentName: 'BTC-PERPETUAL' }, 'trade-future'],
    [{ type: 'trade', instrumentName: 'BTC-27DEC24' }, 'trade-future'],
    [{ type: 'trade', instrumentName: 'ETH_USDC-PERPETUAL' }, 'trade-future'],
    [{ type: 'trade', instrumentName: null }, 'trade'],
    [{ type: 'settlement' }, 'settlement'],
    [{ type: 'delivery' }, 'delivery'],
    [{ type: 'deposit' }, 'deposit'],
    [{ type: 'withdrawal' }, 'withdrawal'],
    [{ type: 'transfer', info: { transfer_type: 'subaccount', other_user_id: 27 } }, 'transfer'],
    [{ type: 'swap' }, 'swap'],
    [{ type: 'correction' }, 'correction'],
    [{ type: 'bonus_distribution' }, 'bonus'],
    [{ type: 'position_move' }, 'position-move'],
    [{ type: 'mystery_payout' }, 'unknown:mystery_payout'],
    [{ type: 'subaccount_transfer', info: { transfer_type: 'subaccount', other_user_id: 27 } }, 'transfer'],
  ])('%j → %s', (spec, kind) => {
    expect(classifyRow(makeRow({ ...base, ...spec }))).toBe(kind);
  });

  it('labels kinds in plain words', () => {
    expect(kindLabel('trade-option')).toBe('Options trading');
    expect(kindLabel('withdrawal-fee')).toBe('Withdrawal fees');
    expect(kindLabel('transfer-in:27')).toBe('Transfers in from user 27');
    expect(kindLabel('unknown:mystery_payout')).toBe('Unrecognised type "mystery_payout"');
    expect(kindLabel('bonus')).toBe('Bonus and staking distributions (income)');
    expect(kindLabel('position-move')).toBe('Position moves between own users');
    expect(isOptionInstrument('BTC-PERPETUAL')).toBe(false);
  });
});

describe('canonicalKind', () => {
  it('maps kind names stored by older caches to the current kinds, and leaves the rest alone', () => {
    expect(canonicalKind('unknown:position_move')).toBe('position-move');
    expect(canonicalKind('unknown:bonus_distribution')).toBe('bonus');
    expect(canonicalKind('unknown:mystery_payout')).toBe('unknown:mystery_payout');
    expect(canonicalKind('transfer')).toBe('transfer');
  });

  it('gives every documented and demo type a kind (none is unknown)', () => {
    for (const type of ['trade', 'deposit', 'withdrawal', 'settlement', 'delivery', 'transfer', 'swap', 'correction', 'position_move', 'bonus_distribution']) {
      const kind = classifyRow(makeRow({ ...base, type, instrumentName: type === 'trade' ? 'BTC-PERPETUAL' : null }));
      expect(kind.startsWith('unknown:'), type).toBe(false);
      expect(KNOWN_KINDS as readonly string[]).toContain(kind);
    }
  });
});

describe('info fields', () => {
  it('reads other_user_id and the on-chain hash', () => {
    const transfer = makeRow({ ...base, type: 'transfer', info: { transfer_type: 'subaccount', other_user_id: 27, other_user: 'Subaccount' } });
    expect(otherUserIdOf(transfer)).toBe(27);
    const deposit = makeRow({ ...base, type: 'deposit', info: { transaction: 'de6eba07', deposit_type: 'wallet' } });
    expect(txHashOf(deposit)).toBe('de6eba07');
    expect(otherUserIdOf(deposit)).toBeNull();
    const trade = makeRow({ ...base, info: 'Source: api' });
    expect(txHashOf(trade)).toBeNull();
    expect(otherUserIdOf(trade)).toBeNull();
  });

  it('falls back to raw when infoText is absent', () => {
    const row = { ...makeRow({ ...base, type: 'transfer', info: { other_user_id: 42, transfer_type: 'subaccount' } }), infoText: null };
    expect(otherUserIdOf(row)).toBe(42);
  });
});
