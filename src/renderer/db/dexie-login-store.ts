/**
 * The login sync engine's store over Dexie: each page of events is written with its stream state in one
 * IndexedDB transaction, so a crash leaves both or neither. Events are upserted by key
 * (`${sourceKey}|${id}`): a page fetched twice (resume, overlap) adds nothing.
 */
import type { LoginEvent } from '../../core/logins/types';
import type { LoginStreamState, LoginSyncStore } from '../../core/sync/login-sync';
import { sameColumnFields } from '../../core/correlate/event-columns';
import type { ReconcilerDatabase } from './database';
import { addLoginEventColumns, deleteLoginEventColumns } from './login-event-columns-store';

export const loginStreamKey = (sourceKey: string): string => `login|${sourceKey}`;

export function createDexieLoginStore(db: ReconcilerDatabase): LoginSyncStore {
  return {
    async getLoginStream(sourceKey) {
      return (await db.loginSyncState.get(loginStreamKey(sourceKey))) ?? null;
    },
    async putLoginStream(state) {
      await db.loginSyncState.put(state);
    },
    commitLoginPage: (events, state) => commitLoginEvents(db, events, state),
  };
}

async function commitLoginEvents(db: ReconcilerDatabase, events: readonly LoginEvent[], state: LoginStreamState): Promise<number> {
  return db.transaction('rw', db.loginEvents, db.loginEventColumns, db.loginSyncState, async () => {
    const existing = await db.loginEvents.bulkGet(events.map((e) => e.key));
    // A key twice in one page is one event.
    const inserted = new Set(events.filter((_e, i) => existing[i] === undefined).map((e) => e.key)).size;
    await db.loginEvents.bulkPut([...events]);
    const fresh = newOrChanged(events, existing);
    await addLoginEventColumns(db, fresh.events, fresh.replaces);
    await db.loginSyncState.put({ ...state, eventsStored: state.eventsStored + inserted });
    return inserted;
  });
}

/**
 * What the columns must get of a page: each key's last copy in the page (the one bulkPut keeps) when it is
 * new or differs from the cached event in a column (an overlapping resync re-sends most events unchanged).
 */
function newOrChanged(events: readonly LoginEvent[], existing: readonly (LoginEvent | undefined)[]): { events: LoginEvent[]; replaces: boolean } {
  const last = new Map<string, { event: LoginEvent; cached: LoginEvent | undefined }>();
  events.forEach((event, i) => last.set(event.key, { event, cached: existing[i] }));
  const written = [...last.values()].filter(({ event, cached }) => cached === undefined || !sameColumnFields(cached, event));
  return { events: written.map(({ event }) => event), replaces: written.some(({ cached }) => cached !== undefined) };
}

/** A removed source's cached events and sync state (other sources and the Deribit access log untouched). */
export async function deleteCachedLoginSource(db: ReconcilerDatabase, sourceKey: string): Promise<void> {
  await db.transaction('rw', db.loginEvents, db.loginEventColumns, db.loginSyncState, async () => {
    await db.loginEvents.where('[sourceKey+timestamp]').between([sourceKey, -Infinity], [sourceKey, Infinity], true, true).delete();
    await deleteLoginEventColumns(db, sourceKey);
    await db.loginSyncState.where('sourceKey').equals(sourceKey).delete();
  });
}
