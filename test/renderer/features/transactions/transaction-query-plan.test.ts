import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBlock } from '../../../../src/renderer/features/cache-paging/index-keyset-reader';
import { positionOf } from '../../../../src/renderer/features/cache-paging/index-query-plan';
import { countRows } from '../../../../src/renderer/features/cache-paging/index-row-count';
import { KeysetBlockCache } from '../../../../src/renderer/features/cache-paging/keyset-block-cache';
import {
  planTransactionCount,
  planTransactionQuery,
  transactionMatchesSearch,
  type TransactionFilter,
  type TransactionSort,
} from '../../../../src/renderer/features/transactions/transaction-query-plan';
import type { ReconcilerDatabase, TransactionRecord } from '../../../../src/renderer/db/database';
import { ACCOUNTS, freshTestDatabase, keyOf, makeTransactions, referenceOrder } from '../../fixtures/cached-rows';

const rows = makeTransactions(500, 5);
let db: ReconcilerDatabase;

beforeAll(async () => {
  db = freshTestDatabase();
  await db.transactions.bulkPut(rows);
});

const none: TransactionFilter = { accountKey: null, currency: null, type: null, search: '' };

function expected(filter: TransactionFilter, sort: TransactionSort): string[] {
  const kept = rows.filter(
    (r) =>
      (filter.accountKey === null || r.accountKey === filter.accountKey) &&
      (filter.currency === null || r.currency === filter.currency) &&
      (filter.type === null || r.type === filter.type) &&
      transactionMatchesSearch(r, filter.search),
  );
  const parts = (r: TransactionRecord) => {
    if (sort.field === 'timestamp') return [r.timestamp];
    if (sort.field === 'type') return [r.type];
    // Within one account the currency order is refined by time ([accountKey+currency+timestamp]).
    return filter.accountKey !== null ? [r.currency, r.timestamp] : [r.currency];
  };
  return referenceOrder(kept, parts, sort.descending).map(keyOf);
}

async function readAll(filter: TransactionFilter, sort: TransactionSort, blockSize: number): Promise<string[]> {
  const plan = planTransactionQuery(filter, sort, ACCOUNTS);
  const cache = new KeysetBlockCache<TransactionRecord>({
    readBlock: (req) => readBlock(db, plan, req),
    positionOf: (row) => positionOf(plan, row),
  });
  const got: string[] = [];
  for (let start = 0; ; start += blockSize) {
    if (start > rows.length * 2) throw new Error('paging does not end');
    const block = await cache.getBlock(start, start + blockSize);
    got.push(...block.rows.map(keyOf));
    if (block.lastRow !== undefined) return got;
  }
}

const cases: [string, TransactionFilter, TransactionSort][] = [
  ['everything, newest first', none, { field: 'timestamp', descending: true }],
  ['everything, oldest first', none, { field: 'timestamp', descending: false }],
  ['one account', { ...none, accountKey: 'acc_a' }, { field: 'timestamp', descending: true }],
  ['one account and currency', { ...none, accountKey: 'acc_c', currency: 'ETH' }, { field: 'timestamp', descending: true }],
  ['one currency across accounts (merged walks)', { ...none, currency: 'BTC' }, { field: 'timestamp', descending: true }],
  ['a type under timestamp order', { ...none, type: 'deposit' }, { field: 'timestamp', descending: true }],
  ['quick search on instrument', { ...none, search: 'eth-perp' }, { field: 'timestamp', descending: true }],
  ['quick search on id', { ...none, search: '1099' }, { field: 'timestamp', descending: false }],
  ['sorted by type', none, { field: 'type', descending: false }],
  ['sorted by type, one type, one account', { ...none, type: 'trade', accountKey: 'acc_b' }, { field: 'type', descending: true }],
  ['sorted by currency', none, { field: 'currency', descending: true }],
  ['sorted by currency within one account', { ...none, accountKey: 'acc_a' }, { field: 'currency', descending: false }],
  ['sorted by currency, one currency', { ...none, currency: 'USDC', type: 'trade' }, { field: 'currency', descending: false }],
];

describe('planTransactionQuery', () => {
  it.each(cases)('%s: block-by-block reads equal the reference order', async (_name, filter, sort) => {
    const want = expected(filter, sort);
    expect(want.length).toBeGreaterThan(0);
    expect(await readAll(filter, sort, 13)).toEqual(want);
  });

  it('uses the compound index for an account filter and a residual only for what no index covers', () => {
    const plan = planTransactionQuery({ ...none, accountKey: 'acc_a', type: 'trade' }, { field: 'timestamp', descending: true }, ACCOUNTS);
    expect(plan.scans).toEqual([{ keyPath: ['accountKey', 'timestamp'], prefix: ['acc_a'] }]);
    expect(plan.matches).not.toBeNull();
    const plain = planTransactionQuery({ ...none, accountKey: 'acc_a' }, { field: 'timestamp', descending: true }, ACCOUNTS);
    expect(plain.matches).toBeNull();
  });

  it('serves a jump in a merged plan', async () => {
    const filter = { ...none, currency: 'ETH' };
    const sort: TransactionSort = { field: 'timestamp', descending: true };
    const plan = planTransactionQuery(filter, sort, ACCOUNTS);
    const want = expected(filter, sort);
    const got = await readBlock(db, plan, { from: null, skip: 40, limit: 10 });
    expect(got.map(keyOf)).toEqual(want.slice(40, 50));
  });
});

describe('planTransactionCount', () => {
  const countCases: [string, TransactionFilter][] = [
    ['everything', none],
    ['one account', { ...none, accountKey: 'acc_b' }],
    ['one currency', { ...none, currency: 'USDC' }],
    ['account and currency', { ...none, accountKey: 'acc_a', currency: 'BTC' }],
    ['a type', { ...none, type: 'withdrawal' }],
    ['a type in one account', { ...none, type: 'trade', accountKey: 'acc_c' }],
    ['a search', { ...none, search: 'sub2' }],
  ];
  it.each(countCases)('%s: equals the number of matching rows', async (_name, filter) => {
    const want = expected(filter, { field: 'timestamp', descending: true }).length;
    expect(await countRows(db, 'transactions', planTransactionCount(filter))).toBe(want);
  });

  it('returns null when cancelled during a residual walk', async () => {
    expect(await countRows(db, 'transactions', planTransactionCount({ ...none, search: 'x' }), () => true)).toBeNull();
  });
});

describe('transactionMatchesSearch', () => {
  const row = rows.find((r) => r.type === 'transfer') as TransactionRecord;
  it('matches type, info text and id case-insensitively, and nothing else', () => {
    expect(transactionMatchesSearch(row, 'TRANSFER')).toBe(true);
    expect(transactionMatchesSearch(row, 'other_user')).toBe(true);
    expect(transactionMatchesSearch(row, String(row.id))).toBe(true);
    expect(transactionMatchesSearch(row, '   ')).toBe(true);
    expect(transactionMatchesSearch(row, 'no-such-text')).toBe(false);
  });
});

describe('transactionMatchesSearch finds amounts and ids', () => {
  const row = { ...rows[0]!, change: '-2718.139147', balance: '12345.5', userId: 5201, tradeId: 'ETH-778899' } as TransactionRecord;
  it('matches an amount as stored, or typed with grouping', () => {
    expect(transactionMatchesSearch(row, '2718.139')).toBe(true);
    expect(transactionMatchesSearch(row, '-2718.139147')).toBe(true);
    expect(transactionMatchesSearch(row, '2,718.139147')).toBe(true);
    expect(transactionMatchesSearch(row, '12,345.5')).toBe(true);
    expect(transactionMatchesSearch(row, '2718.2')).toBe(false);
  });
  it('matches user and trade ids', () => {
    expect(transactionMatchesSearch(row, '5201')).toBe(true);
    expect(transactionMatchesSearch(row, '778899')).toBe(true);
  });
});
