/**
 * Keeping db.accounts in step with main's list, the cached histories main has no record of, and deleting
 * one account's cached rows on request.
 */
import Dexie from 'dexie';
import type { AccountInfo } from '../../../shared/contract';
import type { ReconcilerDatabase } from '../../db/database';
import { deleteLoginEventColumns } from '../../db/login-event-columns-store';

/** Replaces the cached account list with main's (so the Accounts view still shows it offline). */
export async function mirrorAccounts(db: ReconcilerDatabase, accounts: readonly AccountInfo[]): Promise<void> {
  await db.transaction('rw', db.accounts, async () => {
    await db.accounts.clear();
    await db.accounts.bulkPut([...accounts]);
  });
}

/**
 * Histories in the cache whose account main does not list (their key was removed by an older version,
 * which also forgot the account): shown under the main account's username so they stay reachable.
 */
export async function cachedOnlyAccounts(db: ReconcilerDatabase, known: readonly AccountInfo[]): Promise<AccountInfo[]> {
  const knownKeys = new Set(known.map((a) => a.accountKey));
  const streams = await db.syncState.toArray();
  const found = new Map<string, AccountInfo>();
  for (const stream of streams) {
    if (knownKeys.has(stream.accountKey) || (found.has(stream.accountKey) && stream.kind !== 'access')) continue;
    const isMain = stream.kind === 'access';
    found.set(stream.accountKey, {
      accountKey: stream.accountKey,
      label: isMain ? stream.username : stream.accountKey,
      environment: null,
      baseUrl: '',
      mainUserId: isMain ? stream.userId : null,
      username: isMain ? stream.username : null,
      keys: [],
      syncKeyId: null,
      scope: null,
      addedAt: 0,
      demo: false,
    });
  }
  return [...found.values()];
}

/**
 * Every cached transaction, access-log event, ledger page, carried chain state, login event drawn from its
 * access log and sync cursor of one account, in one transaction; other accounts untouched.
 */
export async function deleteCachedAccountData(db: ReconcilerDatabase, accountKey: string): Promise<void> {
  const range = [
    [accountKey, Dexie.minKey],
    [accountKey, Dexie.maxKey],
  ] as const;
  const tables = [db.transactions, db.accessLog, db.syncState, db.ledger, db.ledgerRows, db.reconState, db.loginEvents, db.loginEventColumns, db.syncIssues, db.accountAliases];
  await db.transaction('rw', tables, async () => {
    await db.transactions.where('[accountKey+timestamp]').between(range[0], range[1], true, true).delete();
    await db.accessLog.where('[accountKey+timestamp]').between(range[0], range[1], true, true).delete();
    await db.syncState.where('accountKey').equals(accountKey).delete();
    await db.ledger.where('accountKey').equals(accountKey).delete();
    await db.ledgerRows.where('accountKey').equals(accountKey).delete();
    await db.reconState.where('chain.accountKey').equals(accountKey).delete();
    await db.syncIssues.where('accountKey').equals(accountKey).delete();
    await db.accountAliases.where('accountKey').equals(accountKey).delete();
    await db.loginEvents
      .where('[sourceKey+timestamp]')
      .between([accountKey, -Infinity], [accountKey, Infinity], true, true)
      .delete();
    await deleteLoginEventColumns(db, accountKey);
  });
}
