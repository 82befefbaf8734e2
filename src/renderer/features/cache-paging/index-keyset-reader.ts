/**
 * Reads one block of a grid: keyset from the previous block's last row, or `skip` rows first for a
 * jump (native advance when nothing is filtered in JavaScript). A plan with several scans (one per
 * account) is merged in the indexes' own order.
 */
import { cmp, type Dexie } from 'dexie';
import { positionOf, scanKey, type IndexQueryPlan, type IndexScan, type KeysetPosition } from './index-query-plan';
import { walkIndex } from './index-walker';

export interface BlockRequest {
  /** Continue after this row; null = from the first row. */
  readonly from: KeysetPosition | null;
  /** Rows to pass over first (a jump); 0 for a keyset step. */
  readonly skip: number;
  readonly limit: number;
  /** Checked on every cursor step: a superseded read stops early. */
  readonly isCancelled?: () => boolean;
}

/** Chunk size used to walk over `skip` rows of a merged plan. */
const MERGED_SKIP_CHUNK = 1000;

export async function readBlock<T>(db: Dexie, plan: IndexQueryPlan<T>, req: BlockRequest): Promise<T[]> {
  if (req.limit <= 0 || plan.scans.length === 0) return [];
  const single = plan.scans.length === 1 ? plan.scans[0] : undefined;
  if (single) return readScan(db, plan, single, req.from, req.skip, req.limit, req.isCancelled);
  let from = req.from;
  let remaining = req.skip;
  while (remaining > 0) {
    const chunk = await readMerged(db, plan, from, Math.min(remaining, MERGED_SKIP_CHUNK), req.isCancelled);
    const last = chunk[chunk.length - 1];
    if (last === undefined) return [];
    remaining -= chunk.length;
    from = positionOf(plan, last);
  }
  return readMerged(db, plan, from, req.limit, req.isCancelled);
}

/** Orders rows as the plan's indexes do: by sort parts, then primary key. */
export function compareRows<T>(plan: IndexQueryPlan<T>, a: T, b: T): number {
  const order = cmp([...plan.sortParts(a), plan.primaryKey(a)], [...plan.sortParts(b), plan.primaryKey(b)]);
  return plan.reverse ? -order : order;
}

async function readMerged<T>(
  db: Dexie,
  plan: IndexQueryPlan<T>,
  from: KeysetPosition | null,
  limit: number,
  isCancelled: (() => boolean) | undefined,
): Promise<T[]> {
  const perScan = await Promise.all(plan.scans.map((scan) => readScan(db, plan, scan, from, 0, limit, isCancelled)));
  return perScan
    .flat()
    .sort((a, b) => compareRows(plan, a, b))
    .slice(0, limit);
}

async function readScan<T>(
  db: Dexie,
  plan: IndexQueryPlan<T>,
  scan: IndexScan,
  from: KeysetPosition | null,
  skip: number,
  limit: number,
  isCancelled: (() => boolean) | undefined,
): Promise<T[]> {
  const rows: T[] = [];
  let toSkip = skip;
  const resumeAfter = from ? { key: scanKey(scan, from.parts), primaryKey: from.primaryKey } : null;
  await walkIndex(db, plan.table, scan, { reverse: plan.reverse, resumeAfter, values: true }, (_key, _pk, value) => {
    if (isCancelled?.()) return 0;
    const row = value as T;
    if (plan.matches && !plan.matches(row)) return 1;
    if (toSkip > 0) {
      if (!plan.matches && toSkip > 1) {
        const n = toSkip;
        toSkip = 0;
        return n;
      }
      toSkip -= 1;
      return 1;
    }
    rows.push(row);
    return rows.length >= limit ? 0 : 1;
  });
  return rows;
}
