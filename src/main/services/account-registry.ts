/**
 * The configured accounts, persisted in the main process's data folder as JSON (no secrets: those live
 * in the SecretStore under each key's id). Writes are atomic (temp file + rename) so a crash never leaves
 * half a file. A file written before identities existed (one entry per key) is read as unidentified
 * accounts and rewritten in the new format at the next change.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readAccountsFile, type AccountRecord } from './account-records';

export interface AccountRegistry {
  list(): Promise<readonly AccountRecord[]>;
  get(accountKey: string): Promise<AccountRecord | undefined>;
  put(account: AccountRecord): Promise<void>;
  remove(accountKey: string): Promise<void>;
  /** Several changes as one write (re-keying an account is a remove and a put). */
  replaceAll(accounts: readonly AccountRecord[]): Promise<void>;
}

export const ACCOUNTS_FILE_VERSION = 2;

export function createFileAccountRegistry(dataDir: string): AccountRegistry {
  const file = join(dataDir, 'accounts.json');
  let cache: AccountRecord[] | null = null;
  let writing: Promise<void> = Promise.resolve();

  const load = async (): Promise<AccountRecord[]> => {
    if (cache) return cache;
    try {
      cache = readAccountsFile(JSON.parse(await readFile(file, 'utf8')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      cache = [];
    }
    return cache;
  };
  const save = (accounts: AccountRecord[]): Promise<void> => {
    cache = accounts;
    writing = writing.then(async () => {
      await mkdir(dataDir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify({ version: ACCOUNTS_FILE_VERSION, accounts }, null, 2), { mode: 0o600 });
      await rename(tmp, file);
    });
    return writing;
  };

  return {
    list: async () => [...(await load())],
    get: async (accountKey) => (await load()).find((a) => a.accountKey === accountKey),
    put: async (account) => {
      const all = await load();
      const at = all.findIndex((a) => a.accountKey === account.accountKey);
      return save(at < 0 ? [...all, account] : all.map((a, i) => (i === at ? account : a)));
    },
    remove: async (accountKey) => save((await load()).filter((a) => a.accountKey !== accountKey)),
    replaceAll: async (accounts) => save([...accounts]),
  };
}
