/**
 * Sorting by a column no index covers (an amount, an IP): the rows of the current filter are read
 * once, in index order, and sorted in memory — only when the filter holds at most `limit` rows (a
 * million row records would take seconds and hundreds of MB). Ties keep the index order.
 */
import type { Dexie } from 'dexie';
import { readBlock } from './index-keyset-reader';
import type { IndexQueryPlan } from './index-query-plan';

export const IN_MEMORY_SORT_LIMIT = 50_000;

export type SortedRows<T> = { readonly rows: readonly T[] } | { readonly tooMany: true };

export async function readSorted<T>(
  db: Dexie,
  plan: IndexQueryPlan<T>,
  compare: (a: T, b: T) => number,
  descending: boolean,
  limit: number = IN_MEMORY_SORT_LIMIT,
  isCancelled?: () => boolean,
): Promise<SortedRows<T>> {
  const rows = await readBlock(db, plan, { from: null, skip: 0, limit: limit + 1, ...(isCancelled ? { isCancelled } : {}) });
  if (rows.length > limit) return { tooMany: true };
  const indexed = rows.map((row, index) => ({ row, index }));
  indexed.sort((a, b) => {
    const order = compare(a.row, b.row);
    return (descending ? -order : order) || a.index - b.index;
  });
  return { rows: indexed.map((entry) => entry.row) };
}
