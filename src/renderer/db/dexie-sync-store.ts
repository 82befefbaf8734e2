/**
 * The sync engine's store over Dexie: each page is written together with its stream cursor in one
 * IndexedDB transaction, so a crash leaves either both or neither. Only rows not cached before are
 * written: a page fetched twice (resume, overlap) changes nothing, and a row cached with other content
 * refuses the whole page (PageConflictError aborts the transaction) instead of overwriting it.
 */
import type { AccessLogEvent } from '../../core/providers/deribit/types';
import { accessLogToLoginEvent } from '../../core/logins/deribit-access-log';
import { PageConflictError, type ContentConflict } from '../../core/sync/sync-refusal';
import type { CachedEvent, StreamState, SyncStore } from '../../core/sync/types';
import { MERGE_CONFLICT } from './account-identity-upgrade';
import type { ReconcilerDatabase } from './database';
import { writeTransactionRows } from './ledger-writes';
import { addLoginEventColumns } from './login-event-columns-store';

export function createDexieSyncStore(db: ReconcilerDatabase): SyncStore {
  return {
    async getStreams(accountKey) {
      return db.syncState.where('accountKey').equals(accountKey).toArray();
    },
    async putStream(state) {
      await db.syncState.put(state);
    },
    // Grid rows and ledger from the same fresh rows (writeTransactionRows), with the cursor.
    commitTransactionPage: (accountKey, rows, state) =>
      db.transaction('rw', [db.transactions, db.ledger, db.ledgerRows, db.syncState, db.syncIssues], async () => {
        const inserted = await writeTransactionRows(db, accountKey, rows);
        await db.syncState.put({ ...state, rowsStored: state.rowsStored + inserted });
        await clearResolvedIssues(db, state);
        return inserted;
      }),
    // The same events in the common login model too (correlation reads every source there).
    commitAccessPage: (accountKey, events, state) =>
      db.transaction('rw', [db.accessLog, db.loginEvents, db.loginEventColumns, db.syncState, db.syncIssues], async () => {
        const inserted = await writeAccessEvents(db, accountKey, events);
        await db.syncState.put({ ...state, rowsStored: state.rowsStored + inserted });
        await clearResolvedIssues(db, state);
        return inserted;
      }),
    async cachedAccessEvents(accountKey, ids) {
      const found = await db.accessLog.bulkGet(ids.map((id) => [accountKey, id] as [string, number]));
      const out = new Map<number, CachedEvent>();
      for (const event of found) if (event !== undefined) out.set(event.id, { timestamp: event.timestamp, raw: event.raw });
      return out;
    },
    async newestAccessTimestamp(accountKey, notAfter) {
      const newest = await db.accessLog
        .where('[accountKey+timestamp]')
        .between([accountKey, -Infinity], [accountKey, notAfter], true, true)
        .last();
      return newest?.timestamp ?? null;
    },
    async recordIssues(issues) {
      if (issues.length > 0) await db.syncIssues.bulkPut([...issues]);
    },
  };
}

/**
 * A refused page leaves its cursor where it was, so a stream that closes its window has since accepted
 * that very answer: its refusals are resolved. Copies that differed when two cached histories were
 * merged (schema v3) are not re-read by a sync, so they stay until the history is deleted.
 */
async function clearResolvedIssues(db: ReconcilerDatabase, state: StreamState): Promise<void> {
  if (state.phase !== 'idle') return;
  await db.syncIssues.where('streamKey').equals(state.streamKey).filter((issue) => issue.kind !== MERGE_CONFLICT).delete();
}

/** Inserts the events not cached yet (and their login events); other content under a cached id throws. */
async function writeAccessEvents(db: ReconcilerDatabase, accountKey: string, events: readonly AccessLogEvent[]): Promise<number> {
  const byId = new Map<number, AccessLogEvent>();
  for (const event of events) {
    const twin = byId.get(event.id);
    if (twin === undefined) byId.set(event.id, event);
    else if (twin.raw !== event.raw) throw new Error(`Access-log event ${event.id} appears twice in one page with different content; the page was not stored.`);
  }
  const unique = [...byId.values()];
  const cached = await db.accessLog.bulkGet(unique.map((e) => [accountKey, e.id] as [string, number]));
  const conflicts: ContentConflict[] = [];
  const fresh: AccessLogEvent[] = [];
  unique.forEach((event, i) => {
    const known = cached[i];
    if (known === undefined) fresh.push(event);
    else if (known.raw !== event.raw) conflicts.push({ id: event.id, cachedRaw: known.raw, sentRaw: event.raw });
  });
  if (conflicts.length > 0) throw new PageConflictError(conflicts);
  if (fresh.length === 0) return 0;
  await db.accessLog.bulkAdd(fresh.map((event) => ({ ...event, accountKey })));
  const loginEvents = fresh.map((event) => accessLogToLoginEvent(accountKey, event));
  await db.loginEvents.bulkPut(loginEvents);
  await addLoginEventColumns(db, loginEvents);
  return fresh.length;
}
