/**
 * The login sync engine's store over Dexie: each page of events is written with its stream state in one
 * IndexedDB transaction, so a crash leaves both or neither. Events are upserted by key
 * (`${sourceKey}|${id}`): a page fetched twice (resume, overlap) adds nothing.
 */
import type { LoginEvent } from '../../core/logins/types';
import type { LoginStreamState, LoginSyncStore } from '../../core/sync/login-sync';
import type { ReconcilerDatabase } from './database';

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
  return db.transaction('rw', db.loginEvents, db.loginSyncState, async () => {
    const existing = await db.loginEvents.bulkGet(events.map((e) => e.key));
    // A key twice in one page is one event.
    const inserted = new Set(events.filter((_e, i) => existing[i] === undefined).map((e) => e.key)).size;
    await db.loginEvents.bulkPut([...events]);
    await db.loginSyncState.put({ ...state, eventsStored: state.eventsStored + inserted });
    return inserted;
  });
}

/** A removed source's cached events and sync state (other sources and the Deribit access log untouched). */
export async function deleteCachedLoginSource(db: ReconcilerDatabase, sourceKey: string): Promise<void> {
  await db.transaction('rw', db.loginEvents, db.loginSyncState, async () => {
    await db.loginEvents.where('[sourceKey+timestamp]').between([sourceKey, -Infinity], [sourceKey, Infinity], true, true).delete();
    await db.loginSyncState.where('sourceKey').equals(sourceKey).delete();
  });
}
