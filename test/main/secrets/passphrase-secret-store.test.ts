import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/core/providers/deribit/errors';
import { createPassphraseSecretStore, DEFAULT_SCRYPT } from '../../../src/main/secrets/passphrase-secret-store';

// Cheap scrypt for speed; the parameters travel in the file, so reopening uses the same ones.
const FAST = { N: 2 ** 10, r: 8, p: 1 };
const PASSPHRASE = 'correct horse battery staple';
const SECRET = 'Zq8vN3sE-client-secret-Lw4kT9';
let dir: string;
let path: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'passphrase-store-'));
  path = join(dir, 'secrets.passphrase.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open = () => createPassphraseSecretStore({ filePath: path, explanation: 'No OS keyring was found.', scrypt: FAST });
const errorOf = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as ProviderError);

describe('createPassphraseSecretStore', () => {
  it('asks for a new passphrase, then round-trips secrets across restarts once unlocked', async () => {
    const store = open();
    expect(await store.status?.()).toMatchObject({ state: 'needs-passphrase', explanation: 'No OS keyring was found.' });
    expect(await store.unlock?.(PASSPHRASE)).toMatchObject({ state: 'ready' });
    await store.set('acc_1', SECRET);
    await store.set('acc_2', 'second');
    expect(await store.get('acc_1')).toBe(SECRET);

    const restarted = open();
    expect(await restarted.status?.()).toMatchObject({ state: 'locked' });
    expect(await restarted.unlock?.(PASSPHRASE)).toMatchObject({ state: 'ready' });
    expect(await restarted.get('acc_1')).toBe(SECRET);
    expect(await restarted.get('acc_2')).toBe('second');
    expect(await restarted.get('nope')).toBeNull();
    expect(await restarted.get('toString')).toBeNull();
    await restarted.delete('acc_2');
    expect(await restarted.get('acc_2')).toBeNull();
    expect(await restarted.get('acc_1')).toBe(SECRET);
  });

  it('never writes a secret or the passphrase in plain text, and keeps the file private', async () => {
    const store = open();
    await store.unlock?.(PASSPHRASE);
    await store.set('acc_1', SECRET);
    const raw = await readFile(path);
    for (const plain of [SECRET, PASSPHRASE, Buffer.from(SECRET).toString('base64'), Buffer.from(SECRET).toString('hex')]) {
      expect(raw.includes(plain)).toBe(false);
    }
    const file = JSON.parse(raw.toString('utf8')) as { kdf: Record<string, unknown>; cipher: string };
    expect(file.kdf).toMatchObject({ name: 'scrypt', N: FAST.N, r: 8, p: 1 });
    expect(file.cipher).toBe('aes-256-gcm');
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['secrets.passphrase.json']);
  });

  it('a wrong passphrase is a clear error and changes nothing', async () => {
    const store = open();
    await store.unlock?.(PASSPHRASE);
    await store.set('acc_1', SECRET);
    const before = await readFile(path, 'utf8');

    const restarted = open();
    const error = await errorOf(restarted.unlock!('correct horse battery stapler'));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error?.userMessage).toMatch(/does not unlock.*Nothing was changed/);
    expect(await restarted.status?.()).toMatchObject({ state: 'locked' });
    await expect(restarted.get('acc_1')).rejects.toThrow(/locked/);
    expect(await readFile(path, 'utf8')).toBe(before);
    expect(await restarted.unlock?.(PASSPHRASE)).toMatchObject({ state: 'ready' });
    expect(await restarted.get('acc_1')).toBe(SECRET);
  });

  it('refuses to read or store while locked, but a key can be removed', async () => {
    const setup = open();
    await setup.unlock?.(PASSPHRASE);
    await setup.set('acc_1', SECRET);
    const locked = open();
    const error = await errorOf(locked.set('acc_2', 'x'));
    expect(error?.kind).toBe('authorization_required');
    expect(error?.userMessage).toMatch(/Enter your passphrase/);
    await locked.delete('acc_1');
    await locked.unlock?.(PASSPHRASE);
    expect(await locked.get('acc_1')).toBeNull();
  });

  it('a new passphrase must be at least 10 characters', async () => {
    const error = await errorOf(open().unlock!('short'));
    expect(error?.userMessage).toMatch(/at least 10 characters/);
    await expect(stat(path)).rejects.toThrow();
  });

  it('a damaged file is a clear error and is left untouched', async () => {
    const store = open();
    await store.unlock?.(PASSPHRASE);
    await store.set('acc_1', SECRET);
    const good = await readFile(path, 'utf8');
    for (const damaged of [good.slice(0, good.length / 2), '[]', good.replace('"scrypt"', '"pbkdf2"'), good.replace(`"N": ${FAST.N}`, '"N": 1073741824')]) {
      await writeFile(path, damaged);
      const reopened = open();
      // The prompt says so before anyone types a passphrase.
      expect(await reopened.status?.()).toMatchObject({ state: 'locked', explanation: expect.stringMatching(/damaged.*Move it away/) });
      const error = await errorOf(reopened.unlock!(PASSPHRASE));
      expect(error?.userMessage).toMatch(/damaged or was changed outside the app.*left untouched/);
      expect(await readFile(path, 'utf8')).toBe(damaged);
    }
  });

  it('a tampered or swapped entry fails alone, with a message saying to replace the key', async () => {
    const store = open();
    await store.unlock?.(PASSPHRASE);
    await store.set('acc_1', SECRET);
    await store.set('acc_2', 'other');
    const file = JSON.parse(await readFile(path, 'utf8')) as { entries: Record<string, string> };
    // acc_2's ciphertext under acc_1's name: the additional data binds each entry to its key.
    await writeFile(path, JSON.stringify({ ...file, entries: { ...file.entries, acc_1: file.entries.acc_2 } }));
    const error = await errorOf(store.get('acc_1'));
    expect(error?.userMessage).toMatch(/damaged.*Replace the key/);
    expect(await store.get('acc_2')).toBe('other');
  });

  it('new files use the full-strength scrypt parameters unless a test passes cheaper ones', async () => {
    const store = createPassphraseSecretStore({ filePath: path, explanation: '' });
    await store.unlock?.(PASSPHRASE);
    const file = JSON.parse(await readFile(path, 'utf8')) as { kdf: Record<string, unknown> };
    expect(file.kdf).toMatchObject({ N: 2 ** 17, r: 8, p: 1 });
    expect(DEFAULT_SCRYPT).toEqual({ N: 2 ** 17, r: 8, p: 1 });
  });
});
