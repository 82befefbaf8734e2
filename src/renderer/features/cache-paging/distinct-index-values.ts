/**
 * The distinct values of an index (filter choices: accounts, currencies, types, events) without
 * reading every key: a simple index is walked with a unique cursor, a compound index's leading part
 * by a skip scan (one short cursor per distinct value).
 */
import type { Dexie } from 'dexie';
import { findIndex, withReadTransaction } from './index-walker';
import { MAX_KEY, MIN_KEY, type IndexKey } from './index-query-plan';

/**
 * Ascending distinct values of a simple index, by skip scan: one short cursor per distinct value.
 * (A `unique` cursor looks cheaper, but a backend may step over every duplicate to reach the next value;
 * the skip scan costs one index seek per distinct value whatever the row count.)
 */
export async function distinctValues(db: Dexie, tableName: string, keyPath: string): Promise<IndexKey[]> {
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
              : { type: 2, lower: previous, lowerOpen: true, upper: MAX_KEY },
        },
      });
      return cursor ? (cursor.key as IndexKey) : undefined;
    });
    if (next === undefined) return values;
    values.push(next);
  }
}

/** Ascending distinct values of the first part of a compound index, e.g. accountKey of [accountKey+timestamp]. */
export async function distinctLeadingValues(
  db: Dexie,
  tableName: string,
  keyPath: readonly string[],
): Promise<IndexKey[]> {
  const values: IndexKey[] = [];
  for (;;) {
    const previous = values[values.length - 1];
    const leading = await withReadTransaction(db, tableName, async (tx) => {
      const cursor = await tx.table.openCursor({
        trans: tx.trans,
        values: false,
        query: {
          index: findIndex(tx.table, keyPath),
          range:
            previous === undefined
              ? { type: 3, lower: MIN_KEY, upper: MAX_KEY }
              : { type: 2, lower: [previous, MAX_KEY], lowerOpen: true, upper: MAX_KEY },
        },
      });
      return cursor ? (cursor.key as readonly IndexKey[])[0] : undefined;
    });
    if (leading === undefined) return values;
    values.push(leading);
  }
}
