/**
 * The configured accounts, persisted in the main process's data folder as JSON (no secrets: those live
 * in the SecretStore). Writes are atomic (temp file + rename) so a crash never leaves half a file.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AccountInfo } from '../../shared/contract';

export interface AccountRegistry {
  list(): Promise<readonly AccountInfo[]>;
  get(accountKey: string): Promise<AccountInfo | undefined>;
  put(account: AccountInfo): Promise<void>;
  remove(accountKey: string): Promise<void>;
}

export function createFileAccountRegistry(dataDir: string): AccountRegistry {
  const file = join(dataDir, 'accounts.json');
  let cache: AccountInfo[] | null = null;
  let writing: Promise<void> = Promise.resolve();

  const load = async (): Promise<AccountInfo[]> => {
    if (cache) return cache;
    try {
      const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
      cache = Array.isArray(parsed) ? (parsed as AccountInfo[]) : [];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      cache = [];
    }
    return cache;
  };
  const save = (accounts: AccountInfo[]): Promise<void> => {
    cache = accounts;
    writing = writing.then(async () => {
      await mkdir(dataDir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(accounts, null, 2), { mode: 0o600 });
      await rename(tmp, file);
    });
    return writing;
  };

  return {
    list: async () => [...(await load())],
    get: async (accountKey) => (await load()).find((a) => a.accountKey === accountKey),
    put: async (account) => save([...(await load()).filter((a) => a.accountKey !== account.accountKey), account]),
    remove: async (accountKey) => save((await load()).filter((a) => a.accountKey !== accountKey)),
  };
}
