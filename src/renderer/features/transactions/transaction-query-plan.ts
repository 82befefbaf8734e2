/**
 * Which indexes answer the transactions grid for a given filter and sort. Timestamp order uses the
 * [accountKey(+currency)+timestamp] compound indexes (a currency filter across accounts merges one
 * walk per account); type and currency order use their own indexes. Conditions no index covers
 * (quick search, a type filter under timestamp order) are residual checks on the walked rows.
 */
import type { TransactionRecord } from '../../db/database';
import type { CountCandidate } from '../cache-paging/index-row-count';
import type { IndexKey, IndexQueryPlan, IndexScan } from '../cache-paging/index-query-plan';

export interface TransactionFilter {
  readonly accountKey: string | null;
  readonly currency: string | null;
  readonly type: string | null;
  /** Quick search text as typed; blank = none. */
  readonly search: string;
}

export type TransactionSortField = 'timestamp' | 'type' | 'currency';
export const TRANSACTION_SORT_FIELDS: readonly TransactionSortField[] = ['timestamp', 'type', 'currency'];

export interface TransactionSort {
  readonly field: TransactionSortField;
  readonly descending: boolean;
}

export const DEFAULT_TRANSACTION_SORT: TransactionSort = { field: 'timestamp', descending: true };

const TABLE = 'transactions';
const primaryKey = (row: TransactionRecord): IndexKey => [row.accountKey, row.id];

/**
 * Quick search: ids (row, user, trade, order), type, instrument, info text, username and every amount as
 * stored; case-insensitive substring. A number typed with grouping ("2,718.13") also matches its digits.
 */
export function transactionMatchesSearch(row: TransactionRecord, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (needle === '') return true;
  const ungrouped = /^[-+]?[\d,\s]*\.?\d*$/.test(needle) ? needle.replace(/[,\s]/g, '') : needle;
  const fields = [
    String(row.id), String(row.userId), row.username, row.type, row.instrumentName, row.infoText, row.tradeId, row.orderId,
    row.change, row.balance, row.amount, row.price, row.commission, row.position, row.equity, row.cashflow,
  ];
  return fields.some((field) => field !== null && (field.toLowerCase().includes(needle) || (ungrouped !== needle && ungrouped !== '' && field.includes(ungrouped))));
}

type Condition = 'account' | 'currency' | 'type' | 'search';

function residual(filter: TransactionFilter, covered: readonly Condition[]): ((row: TransactionRecord) => boolean) | null {
  const checks: ((row: TransactionRecord) => boolean)[] = [];
  const { accountKey, currency, type } = filter;
  if (accountKey !== null && !covered.includes('account')) checks.push((r) => r.accountKey === accountKey);
  if (currency !== null && !covered.includes('currency')) checks.push((r) => r.currency === currency);
  if (type !== null && !covered.includes('type')) checks.push((r) => r.type === type);
  if (filter.search.trim() !== '') checks.push((r) => transactionMatchesSearch(r, filter.search));
  if (checks.length === 0) return null;
  return (row) => checks.every((check) => check(row));
}

function timestampScans(filter: TransactionFilter, accountKeys: readonly string[]): IndexScan[] {
  const { accountKey, currency } = filter;
  if (accountKey !== null && currency !== null) {
    return [{ keyPath: ['accountKey', 'currency', 'timestamp'], prefix: [accountKey, currency] }];
  }
  if (accountKey !== null) return [{ keyPath: ['accountKey', 'timestamp'], prefix: [accountKey] }];
  if (currency !== null) {
    return accountKeys.map((key) => ({ keyPath: ['accountKey', 'currency', 'timestamp'], prefix: [key, currency] }));
  }
  return [{ keyPath: 'timestamp', prefix: [] }];
}

/**
 * @param accountKeys every account with cached rows; needed only to merge a currency filter across
 * accounts in timestamp order.
 */
export function planTransactionQuery(
  filter: TransactionFilter,
  sort: TransactionSort,
  accountKeys: readonly string[],
): IndexQueryPlan<TransactionRecord> {
  const reverse = sort.descending;
  if (sort.field === 'type') {
    return {
      table: TABLE,
      scans: [{ keyPath: 'type', prefix: [], ...(filter.type !== null ? { only: filter.type } : {}) }],
      reverse,
      sortParts: (row) => [row.type],
      primaryKey,
      matches: residual(filter, ['type']),
    };
  }
  if (sort.field === 'currency') {
    if (filter.accountKey !== null) {
      // [accountKey+currency+timestamp] within one account: ordered by currency, then time.
      const prefix = filter.currency !== null ? [filter.accountKey, filter.currency] : [filter.accountKey];
      return {
        table: TABLE,
        scans: [{ keyPath: ['accountKey', 'currency', 'timestamp'], prefix }],
        reverse,
        sortParts: (row) => (filter.currency !== null ? [row.timestamp] : [row.currency, row.timestamp]),
        primaryKey,
        matches: residual(filter, ['account', 'currency']),
      };
    }
    return {
      table: TABLE,
      scans: [{ keyPath: 'currency', prefix: [], ...(filter.currency !== null ? { only: filter.currency } : {}) }],
      reverse,
      sortParts: (row) => [row.currency],
      primaryKey,
      matches: residual(filter, ['currency']),
    };
  }
  return {
    table: TABLE,
    scans: timestampScans(filter, accountKeys),
    reverse,
    sortParts: (row) => [row.timestamp],
    primaryKey,
    matches: residual(filter, ['account', 'currency']),
  };
}

/** Ways to count the filtered rows; countRows picks the one with the fewest index entries. */
export function planTransactionCount(filter: TransactionFilter): CountCandidate<TransactionRecord>[] {
  const { accountKey, currency, type } = filter;
  // Counting needs no order: a currency alone is answered by the currency index, not per account.
  const byTime: CountCandidate<TransactionRecord> =
    accountKey === null && currency !== null
      ? { scans: [{ keyPath: 'currency', prefix: [], only: currency }], matches: residual(filter, ['currency']) }
      : { scans: timestampScans(filter, []), matches: residual(filter, ['account', 'currency']) };
  if (type === null) return [byTime];
  return [byTime, { scans: [{ keyPath: 'type', prefix: [], only: type }], matches: residual(filter, ['type']) }];
}
