/**
 * The configured accounts. Shown from db.accounts first (works offline), then refreshed from main's
 * list and mirrored back. Secrets pass through `add` to main and are never kept here.
 */
import { create } from 'zustand';
import type { AccountInfo, AddAccountArgs, AppInfo } from '../../shared/contract';
import { db } from '../db/db-instance';
import { deleteCachedAccountData, mirrorAccounts } from '../features/accounts/cached-account-data';
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
  add(args: AddAccountArgs): Promise<AccountInfo>;
  addDemo(): Promise<AccountInfo>;
  remove(accountKey: string, deleteCachedData: boolean): Promise<void>;
}

const byAddedAt = (list: readonly AccountInfo[]): AccountInfo[] => [...list].sort((a, b) => a.addedAt - b.addedAt);

export const useAccounts = create<AccountsState>()((set, get) => {
  const upsert = async (info: AccountInfo): Promise<AccountInfo> => {
    await db.accounts.put(info);
    set({ accounts: byAddedAt([...get().accounts.filter((a) => a.accountKey !== info.accountKey), info]) });
    return info;
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
      const [list, info] = await Promise.allSettled([callContract('listAccounts', {}), callContract('getAppInfo', {})]);
      if (info.status === 'fulfilled') set({ appInfo: info.value });
      if (list.status === 'fulfilled') {
        set({ accounts: byAddedAt(list.value), source: 'live', refreshError: null });
        await mirrorAccounts(db, list.value).catch(() => undefined);
      } else {
        set({ refreshError: toShownError(list.reason).message });
      }
    },
    async add(args) {
      return upsert(await callContract('addAccount', args));
    },
    async addDemo() {
      return upsert(await callContract('addDemoAccount', {}));
    },
    async remove(accountKey, deleteCachedData) {
      await useSync.getState().cancel(accountKey);
      await callContract('removeAccount', { accountKey });
      await db.accounts.delete(accountKey);
      set({ accounts: get().accounts.filter((a) => a.accountKey !== accountKey) });
      if (deleteCachedData) {
        await deleteCachedAccountData(db, accountKey);
        useCacheChanges.getState().bump();
      }
    },
  };
});
