/**
 * How a grid reads the cache: one or more ordered walks over Dexie indexes, rows ordered by
 * (sort parts, primary key) exactly as IndexedDB orders index entries. A position is the last row
 * read; the next block continues from it (keyset), so a block never re-reads what came before.
 */
import type { DBCoreKeyRange } from 'dexie';

/** An IndexedDB key as this app uses them: numbers, strings and arrays of those. */
export type IndexKey = number | string | readonly IndexKey[];

/** Above every key IndexedDB can hold (arrays sort after all other types): Dexie's maxKey. */
export const MAX_KEY: IndexKey = [[]];
/** Below every key this app stores. */
export const MIN_KEY: IndexKey = -Infinity;

/** One ordered walk over an index. */
export interface IndexScan {
  /** The index's key path as declared in the schema: 'timestamp' or ['accountKey', 'timestamp']. */
  readonly keyPath: string | readonly string[];
  /** Compound index only: equality values for the leading parts; the sort parts follow them. */
  readonly prefix: readonly IndexKey[];
  /** Simple index only: walk just the entries equal to this value (e.g. type = 'trade'). */
  readonly only?: IndexKey;
}

export interface IndexQueryPlan<T> {
  readonly table: string;
  /** Several scans are merged by (sort parts, primary key); each must yield rows in that order. */
  readonly scans: readonly IndexScan[];
  /** true = descending (newest first for a timestamp walk). */
  readonly reverse: boolean;
  /** The parts of a row's index key after the scan's prefix, e.g. [timestamp] or ['trade']. */
  readonly sortParts: (row: T) => readonly IndexKey[];
  readonly primaryKey: (row: T) => IndexKey;
  /** Residual condition no index answers (quick search, a filter without a matching index). */
  readonly matches: ((row: T) => boolean) | null;
}

/** Where the previous block ended: the sort parts and primary key of its last row. */
export interface KeysetPosition {
  readonly parts: readonly IndexKey[];
  readonly primaryKey: IndexKey;
}

export function positionOf<T>(plan: IndexQueryPlan<T>, row: T): KeysetPosition {
  return { parts: plan.sortParts(row), primaryKey: plan.primaryKey(row) };
}

export function isCompound(scan: IndexScan): boolean {
  return typeof scan.keyPath !== 'string';
}

/** The scan's index key for a row with these sort parts. */
export function scanKey(scan: IndexScan, parts: readonly IndexKey[]): IndexKey {
  if (isCompound(scan)) return [...scan.prefix, ...parts];
  const first = parts[0];
  if (first === undefined) throw new Error('A simple index scan needs exactly one sort part');
  return first;
}

/** The key range a scan walks, narrowed to start at `fromKey` (inclusive: equal keys are resolved by primary key). */
export function scanRange(scan: IndexScan, fromKey: IndexKey | null, reverse: boolean): DBCoreKeyRange {
  if (!isCompound(scan)) {
    if (scan.only !== undefined) return { type: 1, lower: scan.only, upper: scan.only };
    if (fromKey === null) return { type: 3, lower: MIN_KEY, upper: MAX_KEY };
    return reverse ? { type: 2, lower: MIN_KEY, upper: fromKey } : { type: 2, lower: fromKey, upper: MAX_KEY };
  }
  const lower: IndexKey = scan.prefix.length > 0 ? [...scan.prefix] : MIN_KEY;
  const upper: IndexKey = [...scan.prefix, MAX_KEY];
  if (fromKey === null) return { type: 2, lower, upper };
  return reverse ? { type: 2, lower, upper: fromKey } : { type: 2, lower: fromKey, upper };
}
