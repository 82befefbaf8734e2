/**
 * Walks one index scan entry by entry through Dexie's DBCore cursors, resuming after a given
 * (key, primary key) with `continuePrimaryKey` — rows sharing a sort key (one timestamp, or every
 * 'trade' row) are never re-scanned. Long walks are cut into short read transactions: a read
 * transaction left open for seconds would hold up the sync's writes to the same table.
 */
import { cmp, type DBCoreTable, type DBCoreTransaction, type Dexie } from 'dexie';
import { scanRange, type IndexKey, type IndexScan } from './index-query-plan';

export interface ResumePoint {
  readonly key: IndexKey;
  readonly primaryKey: IndexKey;
}

/**
 * Called for every entry after the resume point. Returns how far to move: 0 = stop, 1 = next entry,
 * n > 1 = skip n - 1 entries unseen (native advance, for offset jumps).
 */
export type EntryVisitor = (key: IndexKey, primaryKey: IndexKey, value: unknown) => number;

export interface WalkOptions {
  readonly reverse: boolean;
  /** Start after this entry; null = from the first entry of the scan. */
  readonly resumeAfter: ResumePoint | null;
  /** false = keys only (cheaper), the visitor gets `undefined` values. */
  readonly values: boolean;
  /** Entries visited per read transaction before it is closed and the walk resumes in a new one. */
  readonly entriesPerTransaction?: number;
}

const DEFAULT_ENTRIES_PER_TRANSACTION = 2000;

export interface ReadTransaction {
  readonly trans: DBCoreTransaction;
  readonly table: DBCoreTable;
}

/**
 * Runs `fn` in a read-only Dexie transaction and hands it the DBCore view of it. DBCore calls must run
 * inside a Dexie transaction scope: Dexie's middlewares read the ambient transaction.
 */
export function withReadTransaction<R>(db: Dexie, tableName: string, fn: (tx: ReadTransaction) => Promise<R>): Promise<R> {
  return db.transaction('r', tableName, (transaction) =>
    fn({ trans: transaction.idbtrans as unknown as DBCoreTransaction, table: db.core.table(tableName) }),
  );
}

export function findIndex(table: DBCoreTable, keyPath: string | readonly string[]) {
  const index = table.schema.getIndexByKeyPath(typeof keyPath === 'string' ? keyPath : [...keyPath]);
  if (!index) throw new Error(`No index ${JSON.stringify(keyPath)} on table ${table.name}`);
  return index;
}

export async function walkIndex(
  db: Dexie,
  tableName: string,
  scan: IndexScan,
  options: WalkOptions,
  visit: EntryVisitor,
): Promise<void> {
  const perTransaction = Math.max(1, options.entriesPerTransaction ?? DEFAULT_ENTRIES_PER_TRANSACTION);
  const { reverse, values } = options;
  let at = options.resumeAfter;
  for (;;) {
    const resume = at;
    const stoppedAt = await withReadTransaction(db, tableName, async (tx): Promise<ResumePoint | null> => {
      const cursor = await tx.table.openCursor({
        trans: tx.trans,
        values,
        reverse,
        query: { index: findIndex(tx.table, scan.keyPath), range: scanRange(scan, resume?.key ?? null, reverse) },
      });
      if (!cursor) return null;
      let visits = 0;
      let more = false;
      let last: ResumePoint | null = null;
      await cursor.start(() => {
        const key = cursor.key as IndexKey;
        const primaryKey = cursor.primaryKey as IndexKey;
        if (resume && cmp(key, resume.key) === 0) {
          const order = cmp(primaryKey, resume.primaryKey);
          if (reverse ? order > 0 : order < 0) {
            // Same key, not yet past the resume point: jump straight to it.
            cursor.continuePrimaryKey(resume.key, resume.primaryKey);
            return;
          }
          if (order === 0) {
            cursor.continue();
            return;
          }
        }
        const step = visit(key, primaryKey, values ? cursor.value : undefined);
        last = { key, primaryKey };
        visits += 1;
        if (step <= 0) {
          cursor.stop();
        } else if (step === 1 && visits >= perTransaction) {
          more = true;
          cursor.stop();
        } else if (step === 1) {
          cursor.continue();
        } else {
          cursor.advance(step);
        }
      });
      return more ? last : null;
    });
    if (stoppedAt === null) return;
    at = stoppedAt;
  }
}
