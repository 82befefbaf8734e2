/**
 * The Deribit accounts: main's list (accounts and their keys) plus histories this computer holds for an
 * account main has no record of (kept from an old cache), so every cached history stays browsable,
 * reconcilable and exportable. Shown from db.accounts first (works offline), then refreshed from main
 * and mirrored back. Secrets pass through `add`/`replaceKey` to main and are never kept here.
 */
import { create } from 'zustand';
import type { AccountInfo, AddAccountArgs, AddKeyResult, AppInfo, ReplaceKeyArgs } from '../../shared/contract';
import { db } from '../db/db-instance';
import { cachedOnlyAccounts, deleteCachedAccountData, mirrorAccounts } from '../features/accounts/cached-account-data';
import { useCacheChanges } from './cache-change-store';
import { callContract } from './contract-calls';
import { toShownError } from './error-message';
import { useSync } from './sync-store';

interface AccountsState {
  readonly accounts: readonly AccountInfo[];
  /** 'cache' = from db.accounts only (main not reached yet or unreachable). */
  readonly source: 'none' | 'cache' | 'live';
  readonly refreshError: string | null;
  readonly appInfo: AppInfo | null;
  load(): Promise<void>;
  add(args: AddAccountArgs): Promise<AddKeyResult>;
  addDemo(): Promise<AddKeyResult>;
  replaceKey(args: ReplaceKeyArgs): Promise<AddKeyResult>;
  /** Removes one key; the account and its cached history stay. */
  removeKey(accountKey: string, keyId: string): Promise<void>;
  /** Forgets the account with every key and deletes its cached history (after the user confirmed). */
  deleteHistory(accountKey: string): Promise<void>;
}

const byAddedAt = (list: readonly AccountInfo[]): AccountInfo[] => [...list].sort((a, b) => a.addedAt - b.addedAt);

export const useAccounts = create<AccountsState>()((set, get) => {
  /** Main's accounts, then every cached history main does not know, labelled by its username. */
  const show = async (live: readonly AccountInfo[]): Promise<void> => {
    const extra = await cachedOnlyAccounts(db, live).catch(() => []);
    set({ accounts: byAddedAt([...live, ...extra]), source: 'live', refreshError: null });
  };
  const refresh = async (): Promise<void> => {
    let list = await callContract('listAccounts', {});
    if (list.some((a) => a.mainUserId === null)) {
      // Keys added by an older version: the cache says which account each history belongs to.
      const identities = await db.accountAliases.toArray().catch(() => []);
      list = await callContract('identifyAccounts', { identities });
    }
    await mirrorAccounts(db, list).catch(() => undefined);
    await show(list);
  };
  const keyChanged = async (result: AddKeyResult): Promise<AddKeyResult> => {
    await refresh().catch(() => undefined);
    return result;
  };
  return {
    accounts: [],
    source: 'none',
    refreshError: null,
    appInfo: null,
    async load() {
      try {
        const cached = await db.accounts.toArray();
        if (get().source === 'none') set({ accounts: byAddedAt(cached), source: 'cache' });
      } catch {
        // The cache itself failed to open; main's list below may still work.
      }
      const [list, info] = await Promise.allSettled([refresh(), callContract('getAppInfo', {})]);
      if (info.status === 'fulfilled') set({ appInfo: info.value });
      if (list.status === 'rejected') set({ refreshError: toShownError(list.reason).message });
    },
    async add(args) {
      return keyChanged(await callContract('addAccount', args));
    },
    async addDemo() {
      return keyChanged(await callContract('addDemoAccount', {}));
    },
    async replaceKey(args) {
      await useSync.getState().cancel(args.accountKey);
      return keyChanged(await callContract('replaceKey', args));
    },
    async removeKey(accountKey, keyId) {
      await useSync.getState().cancel(accountKey);
      await callContract('removeKey', { accountKey, keyId });
      await refresh();
    },
    async deleteHistory(accountKey) {
      await useSync.getState().cancel(accountKey);
      await callContract('removeAccount', { accountKey });
      await db.accounts.delete(accountKey);
      await deleteCachedAccountData(db, accountKey);
      useCacheChanges.getState().bump();
      set({ accounts: get().accounts.filter((a) => a.accountKey !== accountKey) });
    },
  };
});
