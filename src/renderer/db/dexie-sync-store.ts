/**
 * The sync engine's store over Dexie: each page is written together with its stream cursor in one
 * IndexedDB transaction, so a crash leaves either both or neither. Rows are upserted by
 * [accountKey+id]: a page fetched twice (resume, overlap) changes nothing.
 */
import type { AccessLogEvent, TransactionLogRow } from '../../core/providers/deribit/types';
import type { StreamState, SyncStore } from '../../core/sync/types';
import type { AccessLogRecord, ReconcilerDatabase, TransactionRecord } from './database';

export function createDexieSyncStore(db: ReconcilerDatabase): SyncStore {
  return {
    async getStreams(accountKey) {
      return db.syncState.where('accountKey').equals(accountKey).toArray();
    },
    async putStream(state) {
      await db.syncState.put(state);
    },
    async commitTransactionPage(accountKey, rows, state) {
      return db.transaction('rw', db.transactions, db.syncState, async () => {
        const records: TransactionRecord[] = rows.map((row: TransactionLogRow) => ({ ...row, accountKey }));
        const existing = await db.transactions.bulkGet(records.map((r) => [accountKey, r.id] as [string, number]));
        const inserted = new Set(existing.flatMap((r, i) => (r === undefined ? [records[i]?.id] : []))).size;
        await db.transactions.bulkPut(records);
        await db.syncState.put(withStored(state, inserted));
        return inserted;
      });
    },
    async commitAccessPage(accountKey, events, state) {
      return db.transaction('rw', db.accessLog, db.syncState, async () => {
        const records: AccessLogRecord[] = events.map((event: AccessLogEvent) => ({ ...event, accountKey }));
        const existing = await db.accessLog.bulkGet(records.map((r) => [accountKey, r.id] as [string, number]));
        const inserted = new Set(existing.flatMap((r, i) => (r === undefined ? [records[i]?.id] : []))).size;
        await db.accessLog.bulkPut(records);
        await db.syncState.put(withStored(state, inserted));
        return inserted;
      });
    },
    async newestAccessEventId(accountKey) {
      const newest = await db.accessLog
        .where('[accountKey+id]')
        .between([accountKey, -Infinity], [accountKey, Infinity])
        .last();
      return newest?.id ?? null;
    },
  };
}

function withStored(state: StreamState, inserted: number): StreamState {
  return { ...state, rowsStored: state.rowsStored + inserted };
}
