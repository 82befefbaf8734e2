import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { distinctLeadingValues, distinctValues } from '../../../../src/renderer/features/cache-paging/distinct-index-values';
import type { ReconcilerDatabase } from '../../../../src/renderer/db/database';
import { freshTestDatabase, makeTransactions } from '../../fixtures/cached-rows';

const rows = makeTransactions(300, 3);
let db: ReconcilerDatabase;

beforeAll(async () => {
  db = freshTestDatabase();
  await db.transactions.bulkPut(rows);
});

describe('distinct index values', () => {
  it('lists each type once, ascending', async () => {
    expect(await distinctValues(db, 'transactions', 'type')).toEqual([...new Set(rows.map((r) => r.type))].sort());
  });

  it('lists each account once from the leading part of a compound index', async () => {
    expect(await distinctLeadingValues(db, 'transactions', ['accountKey', 'timestamp'])).toEqual(
      [...new Set(rows.map((r) => r.accountKey))].sort(),
    );
  });

  it('returns nothing for an empty table', async () => {
    const empty = freshTestDatabase();
    expect(await distinctValues(empty, 'transactions', 'currency')).toEqual([]);
    expect(await distinctLeadingValues(empty, 'accessLog', ['accountKey', 'timestamp'])).toEqual([]);
  });
});
