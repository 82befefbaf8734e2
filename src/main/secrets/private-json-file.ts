/**
 * The on-disk form shared by both secret stores: `{ "version": 1, "entries": { accountKey: text } }`
 * in a file only the user can read (0600, folder 0700), replaced atomically (write a temp file in
 * the same folder, then rename) so a crash never leaves half a file. Operations are serialized so
 * concurrent set/delete calls cannot lose each other's writes.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export const PRIVATE_FILE_MODE = 0o600;
const PRIVATE_DIR_MODE = 0o700;
const FORMAT_VERSION = 1;

export type Entries = Readonly<Record<string, string>>;

export interface PrivateJsonFile {
  readonly path: string;
  /** Runs `fn` with the current entries; when it returns new entries they are written before the next operation. */
  update<T>(fn: (entries: Entries) => { entries?: Entries; result: T } | Promise<{ entries?: Entries; result: T }>): Promise<T>;
}

function isENOENT(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** Tightens the file's mode to 0600 if anyone else could read or write it. No-op on Windows (no POSIX modes). */
export async function ensurePrivateMode(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const info = await stat(path);
    if ((info.mode & 0o077) !== 0) await chmod(path, PRIVATE_FILE_MODE);
  } catch (error) {
    if (!isENOENT(error)) throw error;
  }
}

async function readEntries(path: string): Promise<Entries> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isENOENT(error)) return {};
    throw error;
  }
  const parsed = JSON.parse(text) as unknown;
  const entries = (parsed as { entries?: unknown } | null)?.entries;
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) {
    throw new Error(`The secrets file ${path} is not in the expected format; move it away to start over.`);
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(entries)) if (typeof value === 'string') out[key] = value;
  return out;
}

async function writeEntriesAtomically(path: string, entries: Entries): Promise<void> {
  await writePrivateFileAtomically(path, JSON.stringify({ version: FORMAT_VERSION, entries }, null, 2));
}

/** Replaces `path` with `text`: a 0600 temp file in the same folder (0700), synced, then renamed over it. */
export async function writePrivateFileAtomically(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', PRIVATE_FILE_MODE);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await chmod(temp, PRIVATE_FILE_MODE); // in case the umask or the filesystem widened it
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export function openPrivateJsonFile(path: string): PrivateJsonFile {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    path,
    update(fn) {
      const run = async () => {
        const next = await fn(await readEntries(path));
        if (next.entries) await writeEntriesAtomically(path, next.entries);
        return next.result;
      };
      const result = queue.then(run, run);
      queue = result.catch(() => undefined);
      return result;
    },
  };
}
