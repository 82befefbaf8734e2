/**
 * The configured login sources, persisted as `login-sources.json` in the main process's data folder
 * (settings only: secrets live in the SecretStore under `login:<sourceKey>`). Writes are serialized and
 * atomic (temp file + rename) so a crash never leaves half a file.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoginSourceInfo } from '../../shared/contract';

export const LOGIN_SOURCES_FILE = 'login-sources.json';

export interface LoginSourceRegistry {
  list(): Promise<readonly LoginSourceInfo[]>;
  get(sourceKey: string): Promise<LoginSourceInfo | undefined>;
  put(source: LoginSourceInfo): Promise<void>;
  remove(sourceKey: string): Promise<void>;
}

export function createFileLoginSourceRegistry(dataDir: string): LoginSourceRegistry {
  const file = join(dataDir, LOGIN_SOURCES_FILE);
  let cache: LoginSourceInfo[] | null = null;
  let writing: Promise<void> = Promise.resolve();

  const load = async (): Promise<LoginSourceInfo[]> => {
    if (cache) return cache;
    try {
      const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
      cache = Array.isArray(parsed) ? (parsed as LoginSourceInfo[]) : [];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      cache = [];
    }
    return cache;
  };
  const save = (sources: LoginSourceInfo[]): Promise<void> => {
    cache = sources;
    const next = writing.then(async () => {
      await mkdir(dataDir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(sources, null, 2), { mode: 0o600 });
      await rename(tmp, file);
    });
    // A failed write must not block every later one.
    writing = next.catch(() => undefined);
    return next;
  };

  return {
    list: async () => [...(await load())],
    get: async (sourceKey) => (await load()).find((s) => s.sourceKey === sourceKey),
    put: async (source) => save([...(await load()).filter((s) => s.sourceKey !== source.sourceKey), source]),
    remove: async (sourceKey) => save((await load()).filter((s) => s.sourceKey !== sourceKey)),
  };
}
