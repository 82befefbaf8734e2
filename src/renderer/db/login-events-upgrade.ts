/**
 * Schema v1 → v2: a cache whose Deribit access log was synced before loginEvents existed gets those events
 * in the common login model too (the access-page commit writes both from v2 on). Walks the access log by
 * primary key ([accountKey+id]) in chunks; upserts by key, so running it twice changes nothing.
 */
import type { Transaction } from 'dexie';
import { accessLogToLoginEvent } from '../../core/logins/deribit-access-log';
import type { LoginEvent } from '../../core/logins/types';
import type { AccessLogRecord } from './database';

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
