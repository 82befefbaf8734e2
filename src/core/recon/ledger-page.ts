/**
 * Compact reconciliation columns of freshly committed rows, one LedgerPage per (user, currency).
 * The Dexie store calls buildLedgerPages inside the commit transaction with only the rows that were
 * not cached before, so a row lives in exactly one ledger page.
 */
import type { TransactionLogRow } from '../providers/deribit/types';
import { classifyRow, otherUserIdOf } from './classify';
import { decimalScale, fitsInt64, toFixed } from './fixed-point';
import { chainKeyOf, type ChainId, type LedgerPage } from './types';

/** Amounts above int64 at scales beyond this use the exact text fallback. */
export const MAX_TYPED_SCALE = 18;

export function buildLedgerPages(accountKey: string, rows: readonly TransactionLogRow[]): LedgerPage[] {
  const groups = new Map<string, { chain: ChainId; rows: TransactionLogRow[] }>();
  for (const row of rows) {
    const chain: ChainId = { accountKey, userId: row.userId, currency: row.currency };
    const key = chainKeyOf(chain);
    let group = groups.get(key);
    if (!group) {
      group = { chain, rows: [] };
      groups.set(key, group);
    }
    group.rows.push(row);
  }
  return [...groups.values()].map((g) => buildLedgerPage(g.chain, g.rows));
}

/** One page from rows that all belong to `chain` (not checked: callers group first). */
export function buildLedgerPage(chain: ChainId, rows: readonly TransactionLogRow[]): LedgerPage {
  const n = rows.length;
  if (n === 0) throw new Error('A ledger page needs at least one row');
  const chainKey = chainKeyOf(chain);
  const ids = new Float64Array(n);
  const userSeqs = new Float64Array(n);
  const timestamps = new Float64Array(n);
  const kindCodes = new Uint8Array(n);
  const otherUserIds = new Float64Array(n).fill(-1);
  const kindNames: string[] = [];
  const kindIndex = new Map<string, number>();
  const ips: [number, string][] = [];
  let minId = Infinity;
  let maxId = -Infinity;
  let minTimestamp = Infinity;
  let maxTimestamp = -Infinity;
  let scale = 0;
  for (let i = 0; i < n; i++) {
    const row = rows[i] as TransactionLogRow;
    ids[i] = row.id;
    userSeqs[i] = row.userSeq;
    timestamps[i] = row.timestamp;
    if (row.id < minId) minId = row.id;
    if (row.id > maxId) maxId = row.id;
    if (row.timestamp < minTimestamp) minTimestamp = row.timestamp;
    if (row.timestamp > maxTimestamp) maxTimestamp = row.timestamp;
    const kind = classifyRow(row);
    let code = kindIndex.get(kind);
    if (code === undefined) {
      code = kindNames.length;
      if (code > 255) throw new Error('More than 256 row kinds in one ledger page');
      kindNames.push(kind);
      kindIndex.set(kind, code);
    }
    kindCodes[i] = code;
    if (kind === 'transfer') otherUserIds[i] = otherUserIdOf(row) ?? -1;
    if (row.ip !== null) ips.push([i, row.ip]);
    scale = Math.max(scale, decimalScale(row.change), decimalScale(row.balance));
    if (row.commission !== null) scale = Math.max(scale, decimalScale(row.commission));
  }
  const base = {
    pageKey: `${chainKey}|${minId}`,
    chainKey,
    accountKey: chain.accountKey,
    userId: chain.userId,
    currency: chain.currency,
    count: n,
    minId,
    maxId,
    minTimestamp,
    maxTimestamp,
    ids,
    userSeqs,
    timestamps,
    kindCodes,
    kindNames,
    otherUserIds,
    ips,
  };
  const typed = scale <= MAX_TYPED_SCALE ? typedAmounts(rows, scale) : null;
  if (typed) return { ...base, scale, ...typed, texts: null };
  return {
    ...base,
    scale,
    changes: new BigInt64Array(0),
    balances: new BigInt64Array(0),
    commissions: new BigInt64Array(0),
    texts: {
      changes: rows.map((r) => r.change),
      balances: rows.map((r) => r.balance),
      commissions: rows.map((r) => r.commission),
    },
  };
}

function typedAmounts(
  rows: readonly TransactionLogRow[],
  scale: number,
): { changes: BigInt64Array; balances: BigInt64Array; commissions: BigInt64Array } | null {
  const n = rows.length;
  const changes = new BigInt64Array(n);
  const balances = new BigInt64Array(n);
  const commissions = new BigInt64Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i] as TransactionLogRow;
    const change = toFixed(row.change, scale);
    const balance = toFixed(row.balance, scale);
    const commission = row.commission === null ? 0n : toFixed(row.commission, scale);
    if (!fitsInt64(change) || !fitsInt64(balance) || !fitsInt64(commission)) return null;
    changes[i] = change;
    balances[i] = balance;
    commissions[i] = commission;
  }
  return { changes, balances, commissions };
}
