/**
 * The compact login-event columns (schema v6) beside the loginEvents records: every writer of loginEvents
 * adds the same events here in its own transaction, every delete of a source's events deletes its records
 * here, and the correlation reads them back. A reader that finds the two tables disagreeing (an event
 * written by a path that skipped the columns) rebuilds the columns from loginEvents instead of trusting them.
 */
import { eventColumnsOf, eventsOfColumns, type CorrelationEvent } from '../../core/correlate/event-columns';
import type { ReconcilerDatabase } from './database';
import { buildLoginEventColumns } from './login-events-upgrade';

/**
 * Call inside a transaction that writes the same events to loginEvents (and includes loginEventColumns),
 * each key once; `replaces` when some of them were cached before (their earlier copies are then superseded).
 */
export async function addLoginEventColumns(db: ReconcilerDatabase, events: readonly CorrelationEvent[], replaces = false): Promise<void> {
  if (events.length === 0) return;
  await db.loginEventColumns.bulkAdd(eventColumnsOf(events, replaces));
}

/** Call inside the transaction that deletes the source's loginEvents. */
export async function deleteLoginEventColumns(db: ReconcilerDatabase, sourceKey: string): Promise<void> {
  await db.loginEventColumns.where('sourceKey').equals(sourceKey).delete();
}

export interface StoredCorrelationEvents {
  /** Every login event, by (timestamp, key). */
  readonly events: CorrelationEvent[];
  /** The columns disagreed with loginEvents and were rebuilt from it. */
  readonly rebuilt: boolean;
}

/** Every login event from the columns (one read transaction with the loginEvents count that checks them). */
export async function readCorrelationEvents(db: ReconcilerDatabase): Promise<StoredCorrelationEvents> {
  const [count, records] = await db.transaction('r', db.loginEvents, db.loginEventColumns, () =>
    Promise.all([db.loginEvents.count(), db.loginEventColumns.toArray()]),
  );
  const events = eventsOfColumns(records);
  if (events.length === count) return { events, rebuilt: false };
  const read = await db.transaction('rw', db.loginEvents, db.loginEventColumns, (tx) => buildLoginEventColumns(tx, true));
  return { events: read.sort((a, b) => a.timestamp - b.timestamp || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)), rebuilt: true };
}

/** What changes whenever the columns do: their record count and newest seq (records are only added or deleted). */
export async function loginEventColumnsVersion(db: ReconcilerDatabase): Promise<string> {
  const [count, last] = await Promise.all([db.loginEventColumns.count(), db.loginEventColumns.orderBy(':id').lastKey()]);
  return `${count}|${String(last ?? 0)}`;
}
