/**
 * Schema v1 → v2: a cache whose Deribit access log was synced before loginEvents existed gets those events
 * in the common login model too (the access-page commit writes both from v2 on). Walks the access log by
 * primary key ([accountKey+id]) in chunks; upserts by key, so running it twice changes nothing.
 * Schema v5 → v6: the compact login-event columns built from loginEvents (buildLoginEventColumns below);
 * the v2 and v3 upgrades write loginEvents only, as v6 builds the columns after them.
 */
import type { Transaction } from 'dexie';
import { accessLogToLoginEvent } from '../../core/logins/deribit-access-log';
import type { LoginEvent } from '../../core/logins/types';
import { eventColumnsOf } from '../../core/correlate/event-columns';
import type { AccessLogRecord, LoginEventColumnsRecord } from './database';

const READ_CHUNK = 2000;

export async function buildLoginEventsFromAccessLog(tx: Transaction): Promise<void> {
  const accessLog = tx.table<AccessLogRecord, [string, number]>('accessLog');
  const loginEvents = tx.table<LoginEvent, string>('loginEvents');
  let after: [string, number] | null = null;
  for (;;) {
    const chunk: AccessLogRecord[] = await (after === null
      ? accessLog.orderBy(':id').limit(READ_CHUNK).toArray()
      : accessLog.where(':id').above(after).limit(READ_CHUNK).toArray());
    const last = chunk[chunk.length - 1];
    if (last === undefined) return;
    await loginEvents.bulkPut(chunk.map(({ accountKey, ...event }) => accessLogToLoginEvent(accountKey, event)));
    after = [last.accountKey, last.id];
  }
}

/**
 * Schema v5 → v6 (and the worker's repair when the two tables disagree): the compact login-event columns
 * rebuilt from every loginEvents record, walked by primary key in chunks. Clears first, so running it
 * twice changes nothing. Returns the events it read when asked to keep them (the repair uses them).
 */
export async function buildLoginEventColumns(tx: Transaction, keep = false): Promise<LoginEvent[]> {
  const loginEvents = tx.table<LoginEvent, string>('loginEvents');
  const columns = tx.table<LoginEventColumnsRecord, number>('loginEventColumns');
  await columns.clear();
  const all: LoginEvent[] = [];
  let after: string | null = null;
  for (;;) {
    const chunk: LoginEvent[] = await (after === null
      ? loginEvents.orderBy(':id').limit(READ_CHUNK).toArray()
      : loginEvents.where(':id').above(after).limit(READ_CHUNK).toArray());
    const last = chunk[chunk.length - 1];
    if (last === undefined) return all;
    await columns.bulkAdd(eventColumnsOf(chunk));
    if (keep) for (const event of chunk) all.push(event);
    after = last.key;
  }
}
