/**
 * "N rows" for the current filter. Each candidate is one way to answer it through an index; the one
 * whose index ranges hold the fewest entries wins (native counts, milliseconds), and only a residual
 * condition (quick search, a filter no index of that candidate covers) walks rows.
 */
import type { Dexie } from 'dexie';
import { findIndex, walkIndex, withReadTransaction } from './index-walker';
import { scanRange, type IndexScan } from './index-query-plan';

export interface CountCandidate<T> {
  readonly scans: readonly IndexScan[];
  readonly matches: ((row: T) => boolean) | null;
}

/** The count, or null when `isCancelled` said stop. */
export async function countRows<T>(
  db: Dexie,
  tableName: string,
  candidates: readonly CountCandidate<T>[],
  isCancelled: () => boolean = () => false,
): Promise<number | null> {
  let best: { candidate: CountCandidate<T>; entries: number } | null = null;
  for (const candidate of candidates) {
    const entries = await countEntries(db, tableName, candidate.scans);
    if (best === null || entries < best.entries) best = { candidate, entries };
  }
  if (best === null) return 0;
  const { matches, scans } = best.candidate;
  if (matches === null || best.entries === 0) return best.entries;
  let total = 0;
  let cancelled = false;
  for (const scan of scans) {
    await walkIndex(db, tableName, scan, { reverse: false, resumeAfter: null, values: true }, (_k, _pk, value) => {
      if (isCancelled()) {
        cancelled = true;
        return 0;
      }
      if (matches(value as T)) total += 1;
      return 1;
    });
    if (cancelled) return null;
  }
  return total;
}

function countEntries(db: Dexie, tableName: string, scans: readonly IndexScan[]): Promise<number> {
  return withReadTransaction(db, tableName, async (tx) => {
    const counts = await Promise.all(
      scans.map((scan) =>
        tx.table.count({
          trans: tx.trans,
          query: { index: findIndex(tx.table, scan.keyPath), range: scanRange(scan, null, false) },
        }),
      ),
    );
    return counts.reduce((a, b) => a + b, 0);
  });
}
