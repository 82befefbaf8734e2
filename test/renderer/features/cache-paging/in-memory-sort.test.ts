import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReconcilerDatabase, TransactionRecord } from '../../../../src/renderer/db/database';
import { readSorted } from '../../../../src/renderer/features/cache-paging/in-memory-sort';
import { compareDecimalText } from '../../../../src/renderer/features/formatting/decimal-text';
import { DEFAULT_TRANSACTION_SORT, planTransactionQuery } from '../../../../src/renderer/features/transactions/transaction-query-plan';
import { freshTestDatabase, makeTransactions } from '../../fixtures/cached-rows';

// Changes a double would misorder: they differ only past the 16th significant digit.
const changes = ['-2718.139147', '-2718.1391470000000001', '10', '0.1', '-0.00000001', '9007199254740993', '9007199254740992'];
const rows: TransactionRecord[] = makeTransactions(200, 4).map((r, i) => ({ ...r, change: changes[i % changes.length]! }));
let db: ReconcilerDatabase;

beforeAll(async () => {
  db = freshTestDatabase();
  await db.transactions.bulkPut(rows);
});

const byChange = (a: TransactionRecord, b: TransactionRecord) => compareDecimalText(a.change, b.change);
const filter = { accountKey: null, currency: null, type: null, search: '' };

describe('sorting the filtered set in memory by an amount', () => {
  it('orders exactly, smallest first, ties in index order', async () => {
    const plan = planTransactionQuery(filter, DEFAULT_TRANSACTION_SORT, []);
    const result = await readSorted(db, plan, byChange, false);
    if (!('rows' in result)) throw new Error('expected rows');
    expect(result.rows).toHaveLength(rows.length);
    expect(result.rows[0]!.change).toBe('-2718.1391470000000001');
    expect(result.rows.at(-1)!.change).toBe('9007199254740993');
    for (let i = 1; i < result.rows.length; i++) expect(compareDecimalText(result.rows[i - 1]!.change, result.rows[i]!.change)).toBeLessThanOrEqual(0);
    // Ties keep the default order (newest first).
    const tied = result.rows.filter((r) => r.change === '10');
    expect(tied.map((r) => r.timestamp)).toEqual([...tied.map((r) => r.timestamp)].sort((a, b) => b - a));
  });

  it('largest first when descending, within a filter', async () => {
    const currency = rows[0]!.currency;
    const plan = planTransactionQuery({ ...filter, currency }, DEFAULT_TRANSACTION_SORT, [...new Set(rows.map((r) => r.accountKey))]);
    const result = await readSorted(db, plan, byChange, true);
    if (!('rows' in result)) throw new Error('expected rows');
    expect(result.rows.every((r) => r.currency === currency)).toBe(true);
    expect(result.rows).toHaveLength(rows.filter((r) => r.currency === currency).length);
    expect(result.rows[0]!.change).toBe(result.rows.map((r) => r.change).sort(compareDecimalText).at(-1));
  });

  it('refuses a set larger than the limit instead of reading it all', async () => {
    const plan = planTransactionQuery(filter, DEFAULT_TRANSACTION_SORT, []);
    expect(await readSorted(db, plan, byChange, false, 199)).toEqual({ tooMany: true });
    expect('rows' in (await readSorted(db, plan, byChange, false, 200))).toBe(true);
  });
});
