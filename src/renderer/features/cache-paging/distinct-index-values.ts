/**
 * The distinct values of an index (filter choices: accounts, currencies, types, events) without
 * reading every key: a simple index is walked with a unique cursor, a compound index's leading part
 * by a skip scan (one short cursor per distinct value).
 */
import type { Dexie } from 'dexie';
import { findIndex, withReadTransaction } from './index-walker';
import { MAX_KEY, MIN_KEY, type IndexKey } from './index-query-plan';

/**
 * Skip scan: one short cursor per distinct value, each opened just past the previous value. (A `unique`
 * cursor looks cheaper, but a backend may step over every duplicate to reach the next value; a seek per
 * distinct value costs the same whatever the row count.)
 */
async function skipScan(
  db: Dexie,
  tableName: string,
  keyPath: string | readonly string[],
  lowerAfter: (previous: IndexKey) => IndexKey,
  pick: (key: IndexKey) => IndexKey,
): Promise<IndexKey[]> {
  const values: IndexKey[] = [];
  for (;;) {
    const previous = values[values.length - 1];
    const next = await withReadTransaction(db, tableName, async (tx) => {
      const cursor = await tx.table.openCursor({
        trans: tx.trans,
        values: false,
        query: {
          index: findIndex(tx.table, keyPath),
          range:
            previous === undefined
              ? { type: 3, lower: MIN_KEY, upper: MAX_KEY }
              : { type: 2, lower: lowerAfter(previous), lowerOpen: true, upper: MAX_KEY },
        },
      });
      return cursor ? pick(cursor.key as IndexKey) : undefined;
    });
    if (next === undefined) return values;
    values.push(next);
  }
}

/** Ascending distinct values of a simple index. */
export function distinctValues(db: Dexie, tableName: string, keyPath: string): Promise<IndexKey[]> {
  return skipScan(db, tableName, keyPath, (previous) => previous, (key) => key);
}

/** Ascending distinct values of the first part of a compound index, e.g. accountKey of [accountKey+timestamp]. */
export function distinctLeadingValues(db: Dexie, tableName: string, keyPath: readonly string[]): Promise<IndexKey[]> {
  return skipScan(
    db,
    tableName,
    keyPath,
    (previous) => [previous, MAX_KEY],
    (key) => (key as readonly IndexKey[])[0] ?? key,
  );
}
