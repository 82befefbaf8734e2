/**
 * The sync engine's store over Dexie: each page is written together with its stream cursor in one
 * IndexedDB transaction, so a crash leaves either both or neither. Rows are upserted by
 * [accountKey+id]: a page fetched twice (resume, overlap) changes nothing.
 */
import type { AccessLogEvent, TransactionLogRow } from '../../core/providers/deribit/types';
import type { StreamState, SyncStore } from '../../core/sync/types';
import type { Table } from 'dexie';
import type { ReconcilerDatabase } from './database';
import { putLedgerForNewRows } from './ledger-writes';
import { accessLogToLoginEvent } from '../../core/logins/deribit-access-log';

export function createDexieSyncStore(db: ReconcilerDatabase): SyncStore {
  return {
    async getStreams(accountKey) {
      return db.syncState.where('accountKey').equals(accountKey).toArray();
    },
    async putStream(state) {
      await db.syncState.put(state);
    },
    // The ledger (reconciliation columns + rows for exports) of the rows not cached before, in the same transaction.
    commitTransactionPage: (accountKey, rows, state) =>
      commitPage(db, db.transactions, rows.map((row: TransactionLogRow) => ({ ...row, accountKey })), state, [db.ledger, db.ledgerRows], (fresh) =>
        putLedgerForNewRows(db, accountKey, fresh),
      ),
    // The same events in the common login model (correlation reads every source there), in the same transaction.
    commitAccessPage: (accountKey, events, state) =>
      commitPage(db, db.accessLog, events.map((event: AccessLogEvent) => ({ ...event, accountKey })), state, [db.loginEvents], async () => {
        await db.loginEvents.bulkPut(events.map((event) => accessLogToLoginEvent(accountKey, event)));
      }),
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
  alsoTables: readonly Table[] = [],
  onFresh?: (fresh: R[]) => Promise<void>,
): Promise<number> {
  return db.transaction('rw', [table, db.syncState, ...alsoTables], async () => {
    const existing = await table.bulkGet(records.map((r) => [r.accountKey, r.id] as [string, number]));
    const fresh = records.filter((_r, i) => existing[i] === undefined);
    const inserted = new Set(fresh.map((r) => r.id)).size;
    await table.bulkPut([...records]);
    if (onFresh) await onFresh(fresh);
    await db.syncState.put({ ...state, rowsStored: state.rowsStored + inserted });
    return inserted;
  });
}
