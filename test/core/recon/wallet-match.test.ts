import { describe, expect, it } from 'vitest';
import type { WalletRecord } from '../../../src/core/providers/deribit/types';
import { matchWalletRecords } from '../../../src/core/recon/wallet-match';
import { makeRow } from './recon-fixtures';

const T = 1_700_000_000_000;
const record = (r: Partial<WalletRecord> & Pick<WalletRecord, 'kind' | 'amount'>): WalletRecord => ({
  currency: 'BTC', id: null, fee: null, state: 'completed', transactionId: null, address: null, timestamp: T,
  updatedTimestamp: null, direction: null, otherSide: null, raw: '{}', ...r,
});

const deposit = makeRow({ id: 1, userSeq: 1, type: 'deposit', timestamp: T, change: '0.65', balance: '0.65', info: { transaction: 'aa11', deposit_type: 'wallet' } });
const withdrawalWithFee = makeRow({ id: 2, userSeq: 2, type: 'withdrawal', timestamp: T + 1000, change: '-0.1001', balance: '0.5499', info: { transaction: 'bb22' } });
const withdrawalPlain = makeRow({ id: 3, userSeq: 3, type: 'withdrawal', timestamp: T + 2000, change: '-0.2', balance: '0.3499', info: 'Source: web' });

const match = (rows: Parameters<typeof matchWalletRecords>[2], records: readonly WalletRecord[]) =>
  matchWalletRecords('acc', 7, rows, records).map((f) => `${f.kind} row ${f.rowId}: ${f.message}`);

describe('matchWalletRecords', () => {
  it('matches by hash, accepting −amount and −(amount + fee), and by amount + time without a hash', () => {
    const records = [
      record({ kind: 'deposits', amount: '0.65', transactionId: 'aa11', timestamp: T + 600_000 }),
      // −0.1001 = −(0.1 + 0.0001)
      record({ kind: 'withdrawals', id: 11, amount: '0.1', fee: '0.0001', transactionId: 'bb22' }),
      // No hash on the row: amount 0.2 within the tolerance.
      record({ kind: 'withdrawals', id: 12, amount: '2e-1', fee: '0.0001', transactionId: 'cc33', timestamp: T + 60_000 }),
      // A cancelled withdrawal never booked: no row expected.
      record({ kind: 'withdrawals', id: 13, amount: '5', state: 'cancelled' }),
    ];
    expect(match([deposit, withdrawalWithFee, withdrawalPlain], records)).toEqual([]);
  });

  it('reports amount and state disagreements on the matched row', () => {
    const records = [
      record({ kind: 'deposits', amount: '0.6', transactionId: 'aa11' }),
      record({ kind: 'withdrawals', amount: '0.1', fee: '0.0001', transactionId: 'bb22', state: 'unconfirmed' }),
    ];
    expect(match([deposit, withdrawalWithFee], records)).toEqual([
      'wallet-mismatch row 1: Deposit row changes the balance by 0.65 but get_deposits lists 0.6 for the same transaction',
      'wallet-mismatch row 2: Withdrawal is booked in the log but get_withdrawals reports it as "unconfirmed"',
    ]);
  });

  it('reports what is missing on either side, and ignores other users and other kinds', () => {
    const sub = makeRow({ id: 9, userId: 27, userSeq: 1, type: 'deposit', change: '1', balance: '1' });
    const records = [
      record({ kind: 'withdrawals', amount: '3', transactionId: 'dd44', timestamp: T + 5000 }),
      record({ kind: 'transfers', amount: '1' }),
    ];
    expect(match([deposit, sub], records)).toEqual([
      'wallet-mismatch row 1: Deposit row of 0.65 BTC has no entry in get_deposits',
      'wallet-mismatch row null: get_withdrawals lists a completed withdrawal of 3 BTC (dd44) with no row in the transaction log',
    ]);
  });

  it('does not match by amount beyond the tolerance or across currencies', () => {
    const records = [
      record({ kind: 'withdrawals', amount: '0.2', timestamp: T + 2000 + 7 * 3_600_000 }),
      record({ kind: 'withdrawals', amount: '0.2', currency: 'ETH', timestamp: T + 2000 }),
    ];
    expect(match([withdrawalPlain], records)).toHaveLength(3);
  });
});
