/**
 * "Show this row in Transactions": the filter that holds the row (its account and currency, nothing
 * else) and the row's position in the grid's default order (newest first), counted through the
 * [accountKey+currency+timestamp] index — the same walk the grid reads, ties in primary-key order.
 */
import type { ReconcilerDatabase, TransactionRecord } from '../../db/database';
import { DEFAULT_TRANSACTION_SORT, type TransactionFilter } from './transaction-query-plan';

export interface RevealTarget {
  readonly row: TransactionRecord;
  readonly filter: TransactionFilter;
  /** Row index in the grid under `filter` and the default sort. */
  readonly index: number;
}

export async function locateTransaction(db: ReconcilerDatabase, accountKey: string, id: number): Promise<RevealTarget | null> {
  const row = await db.transactions.get([accountKey, id]);
  if (row === undefined) return null;
  const index = db.transactions.where('[accountKey+currency+timestamp]');
  const newer = await index.between([accountKey, row.currency, row.timestamp], [accountKey, row.currency, Infinity], false, true).count();
  // Equal timestamps: a reverse walk meets larger primary keys ([accountKey, id]) first.
  const tiedBefore = await index
    .equals([accountKey, row.currency, row.timestamp])
    .filter((r) => (DEFAULT_TRANSACTION_SORT.descending ? r.id > id : r.id < id))
    .count();
  const filter: TransactionFilter = { accountKey, currency: row.currency, type: null, search: '' };
  const earlier = DEFAULT_TRANSACTION_SORT.descending ? newer : await countOlder(db, row);
  return { row, filter, index: earlier + tiedBefore };
}

async function countOlder(db: ReconcilerDatabase, row: TransactionRecord): Promise<number> {
  return db.transactions
    .where('[accountKey+currency+timestamp]')
    .between([row.accountKey, row.currency, -Infinity], [row.accountKey, row.currency, row.timestamp], true, false)
    .count();
}
