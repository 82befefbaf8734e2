/**
 * Deposit and withdrawal rows of the main user against private/get_deposits and get_withdrawals
 * (which cover the key's own account only). Matched by on-chain hash when both sides have one, else by
 * amount and time; then amount, fee and state are compared. A withdrawal row's change may be −amount or
 * −(amount + fee): both are accepted, exactly.
 */
import type { TransactionLogRow, WalletRecord } from '../providers/deribit/types';
import { txHashOf } from './classify';
import { addDecimal, compareDecimal, normalizeDecimal } from './fixed-point';
import { sortFindings } from './finding-order';
import type { ChainId, Finding } from './types';

export const DEFAULT_WALLET_TOLERANCE_MS = 6 * 3_600_000;

/** States in which a movement is booked on the balance; anything else next to a booked row is a mismatch. */
const BOOKED_STATES: ReadonlySet<string> = new Set(['completed']);

export interface WalletMatchOptions {
  /** Largest |row time − wallet time| for matching without a hash (default 6 h: confirmations take time). */
  readonly toleranceMs?: number;
}

type Kind = 'deposits' | 'withdrawals';

const kindOfRow = (row: TransactionLogRow): Kind | null =>
  row.type === 'deposit' ? 'deposits' : row.type === 'withdrawal' ? 'withdrawals' : null;

const booked = (record: WalletRecord): boolean => record.state === null || BOOKED_STATES.has(record.state);

/** Whether the row's change is the record's movement: +amount, −amount or −(amount + fee). */
function amountMatches(row: TransactionLogRow, record: WalletRecord): boolean {
  if (record.kind === 'deposits') return compareDecimal(row.change, record.amount) === 0;
  const minusAmount = normalizeDecimal(`-${normalizeDecimal(record.amount)}`);
  if (compareDecimal(row.change, minusAmount) === 0) return true;
  if (record.fee === null) return false;
  return compareDecimal(row.change, normalizeDecimal(`-${addDecimal(record.amount, record.fee)}`)) === 0;
}

export function matchWalletRecords(
  accountKey: string,
  mainUserId: number,
  rows: readonly TransactionLogRow[],
  records: readonly WalletRecord[],
  options: WalletMatchOptions = {},
): Finding[] {
  const tolerance = options.toleranceMs ?? DEFAULT_WALLET_TOLERANCE_MS;
  const chainOf = (currency: string): ChainId => ({ accountKey, userId: mainUserId, currency });
  const ownRows = rows.filter((r) => r.userId === mainUserId && kindOfRow(r) !== null);
  const wallet = records.filter((r) => r.kind === 'deposits' || r.kind === 'withdrawals');
  const pairs: [TransactionLogRow, WalletRecord][] = [];
  const usedRows = new Set<TransactionLogRow>();
  const usedRecords = new Set<WalletRecord>();
  const sameSide = (row: TransactionLogRow, rec: WalletRecord): boolean => kindOfRow(row) === rec.kind && row.currency === rec.currency;

  // 1. By transaction hash.
  for (const row of ownRows) {
    const hash = txHashOf(row);
    if (hash === null) continue;
    const rec = wallet.find((w) => !usedRecords.has(w) && w.transactionId === hash && sameSide(row, w));
    if (!rec) continue;
    pairs.push([row, rec]);
    usedRows.add(row);
    usedRecords.add(rec);
  }
  // 2. By amount and time, closest first; rows and records that both carry a hash only match by hash.
  const candidates: [TransactionLogRow, WalletRecord, number][] = [];
  for (const row of ownRows) {
    if (usedRows.has(row)) continue;
    const hash = txHashOf(row);
    for (const rec of wallet) {
      if (usedRecords.has(rec) || rec.timestamp === null || !sameSide(row, rec)) continue;
      if (hash !== null && rec.transactionId !== null) continue;
      const dt = Math.abs(row.timestamp - rec.timestamp);
      if (dt <= tolerance && amountMatches(row, rec)) candidates.push([row, rec, dt]);
    }
  }
  candidates.sort((a, b) => a[2] - b[2] || a[0].id - b[0].id || (a[1].timestamp ?? 0) - (b[1].timestamp ?? 0));
  for (const [row, rec] of candidates) {
    if (usedRows.has(row) || usedRecords.has(rec)) continue;
    pairs.push([row, rec]);
    usedRows.add(row);
    usedRecords.add(rec);
  }

  const findings: Finding[] = [];
  const finding = (row: TransactionLogRow | null, currency: string, message: string, expected: string | null, actual: string | null, timestamp: number | null): void => {
    findings.push({
      kind: 'wallet-mismatch', severity: 'error', chain: chainOf(currency), rowId: row?.id ?? null, timestamp,
      message, expected, actual, difference: null, relatedRowIds: [],
    });
  };
  for (const [row, rec] of pairs) {
    const what = rec.kind === 'deposits' ? 'Deposit' : 'Withdrawal';
    if (!amountMatches(row, rec)) {
      const listed = rec.kind === 'deposits' ? rec.amount : `-${rec.amount}${rec.fee === null ? '' : ` (or -(${rec.amount} + fee ${rec.fee}))`}`;
      finding(row, row.currency, `${what} row changes the balance by ${row.change} but get_${rec.kind} lists ${listed} for the same transaction`, rec.amount, row.change, row.timestamp);
    }
    if (!booked(rec)) {
      finding(row, row.currency, `${what} is booked in the log but get_${rec.kind} reports it as "${rec.state ?? ''}"`, 'completed', rec.state, row.timestamp);
    }
  }
  for (const row of ownRows) {
    if (usedRows.has(row)) continue;
    const kind = kindOfRow(row) as Kind;
    finding(row, row.currency, `${row.type === 'deposit' ? 'Deposit' : 'Withdrawal'} row of ${row.change} ${row.currency} has no entry in get_${kind}`, null, row.change, row.timestamp);
  }
  for (const rec of wallet) {
    if (usedRecords.has(rec) || !booked(rec)) continue;
    const what = rec.kind === 'deposits' ? 'deposit' : 'withdrawal';
    finding(null, rec.currency, `get_${rec.kind} lists a completed ${what} of ${rec.amount} ${rec.currency}${rec.transactionId ? ` (${rec.transactionId})` : ''} with no row in the transaction log`, rec.amount, null, rec.timestamp);
  }
  return sortFindings(findings);
}
