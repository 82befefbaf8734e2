import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { walkIndex } from '../../../../src/renderer/features/cache-paging/index-walker';
import type { IndexKey } from '../../../../src/renderer/features/cache-paging/index-query-plan';
import type { ReconcilerDatabase, TransactionRecord } from '../../../../src/renderer/db/database';
import { freshTestDatabase, keyOf, makeTransactions, referenceOrder } from '../../fixtures/cached-rows';

const rows = makeTransactions(600);
let db: ReconcilerDatabase;
/** Cursor moves (continue, continuePrimaryKey, advance) made through DBCore, counted by a middleware. */
let cursorMoves = 0;

beforeAll(async () => {
  db = freshTestDatabase();
  db.use({
    stack: 'dbcore',
    name: 'count-cursor-moves',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          openCursor: async (req) => {
            const cursor = await table.openCursor(req);
            if (!cursor) return cursor;
            return new Proxy(cursor, {
              get(target, prop) {
                const value = Reflect.get(target, prop, target) as unknown;
                if (typeof value !== 'function') return value;
                if (prop === 'continue' || prop === 'continuePrimaryKey' || prop === 'advance') {
                  return (...args: unknown[]) => {
                    cursorMoves += 1;
                    return (value as (...a: unknown[]) => unknown).apply(target, args);
                  };
                }
                return (value as (...a: unknown[]) => unknown).bind(target);
              },
            });
          },
        };
      },
    }),
  });
  await db.transactions.bulkPut(rows);
});

async function walkAll(
  keyPath: string | string[],
  prefix: IndexKey[],
  reverse: boolean,
  resumeAfter: { key: IndexKey; primaryKey: IndexKey } | null,
  entriesPerTransaction: number,
): Promise<TransactionRecord[]> {
  const seen: TransactionRecord[] = [];
  await walkIndex(db, 'transactions', { keyPath, prefix }, { reverse, resumeAfter, values: true, entriesPerTransaction }, (_k, _p, value) => {
    seen.push(value as TransactionRecord);
    return 1;
  });
  return seen;
}

describe('walkIndex', () => {
  it('walks the type index in (type, primary key) order across many short transactions', async () => {
    const expected = referenceOrder(rows, (r) => [r.type], true).map(keyOf);
    const seen = await walkAll('type', [], true, null, 7);
    expect(seen.map(keyOf)).toEqual(expected);
  });

  it('walks a compound prefix ascending, chunked, without leaving the prefix', async () => {
    const expected = referenceOrder(
      rows.filter((r) => r.accountKey === 'acc_a'),
      (r) => [r.timestamp],
      false,
    ).map(keyOf);
    const seen = await walkAll(['accountKey', 'timestamp'], ['acc_a'], false, null, 5);
    expect(seen.map(keyOf)).toEqual(expected);
  });

  it('resumes inside a long run of equal keys exactly after the resume point', async () => {
    const trades = referenceOrder(rows.filter((r) => r.type === 'trade'), (r) => [r.type], true);
    expect(trades.length).toBeGreaterThan(300);
    const resumeRow = trades[200] as TransactionRecord;
    let visits = 0;
    const got: TransactionRecord[] = [];
    await walkIndex(
      db,
      'transactions',
      { keyPath: 'type', prefix: [], only: 'trade' },
      { reverse: true, resumeAfter: { key: 'trade', primaryKey: [resumeRow.accountKey, resumeRow.id] }, values: true },
      (_k, _p, value) => {
        visits += 1;
        got.push(value as TransactionRecord);
        return got.length >= 5 ? 0 : 1;
      },
    );
    expect(visits).toBe(5);
    expect(got.map(keyOf)).toEqual(trades.slice(201, 206).map(keyOf));
  });

  it('reaches a resume point deep in a run of equal keys in a few cursor moves, not one per entry', async () => {
    const trades = referenceOrder(rows.filter((r) => r.type === 'trade'), (r) => [r.type], true);
    const resumeRow = trades[300] as TransactionRecord;
    cursorMoves = 0;
    let visits = 0;
    await walkIndex(
      db,
      'transactions',
      { keyPath: 'type', prefix: [], only: 'trade' },
      { reverse: true, resumeAfter: { key: 'trade', primaryKey: [resumeRow.accountKey, resumeRow.id] }, values: true },
      () => {
        visits += 1;
        return visits >= 3 ? 0 : 1;
      },
    );
    expect(visits).toBe(3);
    // One jump to the resume point, one step past it, then one per visited entry.
    expect(cursorMoves).toBeLessThan(10);
  });

  it('skips entries unseen when the visitor asks to advance', async () => {
    const expected = referenceOrder(rows, (r) => [r.timestamp], true);
    const got: TransactionRecord[] = [];
    let first = true;
    await walkIndex(db, 'transactions', { keyPath: 'timestamp', prefix: [] }, { reverse: true, resumeAfter: null, values: true }, (_k, _p, value) => {
      if (first) {
        first = false;
        return 100; // skip this entry and the 99 after it
      }
      got.push(value as TransactionRecord);
      return got.length >= 3 ? 0 : 1;
    });
    expect(got.map(keyOf)).toEqual(expected.slice(100, 103).map(keyOf));
  });
});
