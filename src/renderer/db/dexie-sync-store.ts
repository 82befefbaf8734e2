/**
 * The sync engine's store over Dexie: each page is written together with its stream cursor in one
 * IndexedDB transaction, so a crash leaves either both or neither. Rows are upserted by
 * [accountKey+id]: a page fetched twice (resume, overlap) changes nothing.
 */
import type { AccessLogEvent, TransactionLogRow } from '../../core/providers/deribit/types';
import type { StreamState, SyncStore } from '../../core/sync/types';
import type { Table } from 'dexie';
import type { ReconcilerDatabase } from './database';

export function createDexieSyncStore(db: ReconcilerDatabase): SyncStore {
  return {
    async getStreams(accountKey) {
      return db.syncState.where('accountKey').equals(accountKey).toArray();
    },
    async putStream(state) {
      await db.syncState.put(state);
    },
    commitTransactionPage: (accountKey, rows, state) =>
      commitPage(db, db.transactions, rows.map((row: TransactionLogRow) => ({ ...row, accountKey })), state),
    commitAccessPage: (accountKey, events, state) =>
      commitPage(db, db.accessLog, events.map((event: AccessLogEvent) => ({ ...event, accountKey })), state),
    async newestAccessEventId(accountKey) {
      const newest = await db.accessLog
        .where('[accountKey+id]')
        .between([accountKey, -Infinity], [accountKey, Infinity])
        .last();
      return newest?.id ?? null;
    },
  };
}

/** Upserts a page and writes the stream state (rowsStored increased by the rows not cached before) atomically. */
function commitPage<R extends { readonly accountKey: string; readonly id: number }>(
  db: ReconcilerDatabase,
  table: Table<R, [string, number]>,
  records: readonly R[],
  state: StreamState,
): Promise<number> {
  return db.transaction('rw', table, db.syncState, async () => {
    const existing = await table.bulkGet(records.map((r) => [r.accountKey, r.id] as [string, number]));
    const inserted = new Set(existing.flatMap((r, i) => (r === undefined ? [records[i]?.id] : []))).size;
    await table.bulkPut([...records]);
    await db.syncState.put({ ...state, rowsStored: state.rowsStored + inserted });
    return inserted;
  });
}
