import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileSecretStore } from '../../../src/main/secrets/file-secret-store';

const posix = process.platform !== 'win32';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'file-secret-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe('createFileSecretStore', () => {
  it('round-trips secrets and persists them across opens', async () => {
    const path = join(dir, 'data', 'secrets.json');
    const store = await createFileSecretStore(path);
    expect(store.description).toContain('0600');
    expect(await store.get('acc_1')).toBeNull();
    await store.set('acc_1', 'secret-one');
    await store.set('acc_2', 'secret-two');
    await store.set('acc_1', 'secret-one-rotated');
    expect(await store.get('acc_1')).toBe('secret-one-rotated');

    const reopened = await createFileSecretStore(path);
    expect(await reopened.get('acc_2')).toBe('secret-two');
    await reopened.delete('acc_2');
    await reopened.delete('never-there');
    expect(await reopened.get('acc_2')).toBeNull();
    expect(await reopened.get('acc_1')).toBe('secret-one-rotated');
  });

  it('does not mistake inherited object properties for secrets', async () => {
    const store = await createFileSecretStore(join(dir, 'secrets.json'));
    expect(await store.get('toString')).toBeNull();
    expect(await store.get('__proto__')).toBeNull();
  });

  it.runIf(posix)('creates the file with mode 0600 (folder 0700)', async () => {
    const path = join(dir, 'new-folder', 'secrets.json');
    const store = await createFileSecretStore(path);
    await store.set('acc_1', 's');
    expect(await modeOf(path)).toBe(0o600);
    expect(await modeOf(join(dir, 'new-folder'))).toBe(0o700);
  });

  it.runIf(posix)('tightens a too-open existing file when opened', async () => {
    const path = join(dir, 'secrets.json');
    await writeFile(path, JSON.stringify({ version: 1, entries: { acc_1: 'old' } }));
    await chmod(path, 0o644);
    const store = await createFileSecretStore(path);
    expect(await modeOf(path)).toBe(0o600);
    expect(await store.get('acc_1')).toBe('old');
  });

  it('writes atomically: whole files only, no temp files left, no lost concurrent writes', async () => {
    const path = join(dir, 'secrets.json');
    const store = await createFileSecretStore(path);
    await Promise.all(Array.from({ length: 25 }, (_, i) => store.set(`acc_${i}`, `secret-${i}`)));
    const parsed = JSON.parse(await readFile(path, 'utf8')) as { version: number; entries: Record<string, string> };
    expect(parsed.version).toBe(1);
    expect(Object.keys(parsed.entries)).toHaveLength(25);
    expect(await readdir(dir)).toEqual(['secrets.json']);
    if (posix) expect(await modeOf(path)).toBe(0o600);
  });

  it('refuses a file in an unknown format instead of overwriting it', async () => {
    const path = join(dir, 'secrets.json');
    await writeFile(path, JSON.stringify(['not', 'ours']));
    const store = await createFileSecretStore(path);
    await expect(store.set('acc_1', 's')).rejects.toThrow(/expected format/);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(['not', 'ours']);
  });
});
