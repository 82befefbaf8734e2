/** Keeping db.accounts in step with main's list, and deleting one account's cached rows on request. */
import Dexie from 'dexie';
import type { AccountInfo } from '../../../shared/contract';
import type { ReconcilerDatabase } from '../../db/database';

/** Replaces the cached account list with main's (so the Accounts view still shows it offline). */
export async function mirrorAccounts(db: ReconcilerDatabase, accounts: readonly AccountInfo[]): Promise<void> {
  await db.transaction('rw', db.accounts, async () => {
    await db.accounts.clear();
    await db.accounts.bulkPut([...accounts]);
  });
}

/** Every cached transaction, access-log event and sync cursor of one account; other accounts untouched. */
export async function deleteCachedAccountData(db: ReconcilerDatabase, accountKey: string): Promise<void> {
  const range = [
    [accountKey, Dexie.minKey],
    [accountKey, Dexie.maxKey],
  ] as const;
  await db.transaction('rw', [db.transactions, db.accessLog, db.syncState], async () => {
    await db.transactions.where('[accountKey+timestamp]').between(range[0], range[1], true, true).delete();
    await db.accessLog.where('[accountKey+timestamp]').between(range[0], range[1], true, true).delete();
    await db.syncState.where('accountKey').equals(accountKey).delete();
  });
}
