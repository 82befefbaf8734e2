import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A stand-in for Electron's safeStorage: "encrypts" by XOR so ciphertext never equals the text. */
const h = vi.hoisted(() => {
  const xor = (buf: Uint8Array) => Uint8Array.from(buf, (b) => b ^ 0x5a);
  const state = { available: true, backend: 'gnome_libsecret' as 'gnome_libsecret' | 'basic_text', reEncrypt: false, userData: '' };
  const safeStorage = {
    isAsyncEncryptionAvailable: vi.fn(async () => state.available),
    getSelectedStorageBackend: vi.fn(() => state.backend),
    encryptStringAsync: vi.fn(async (text: string) => Buffer.concat([Buffer.from('v1:'), Buffer.from(xor(Buffer.from(text, 'utf8')))])),
    decryptStringAsync: vi.fn(async (cipher: Buffer) => {
      if (cipher.subarray(0, 3).toString() !== 'v1:') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return { result: Buffer.from(xor(cipher.subarray(3))).toString('utf8'), shouldReEncrypt: state.reEncrypt };
    }),
  };
  return { state, safeStorage };
});

vi.mock('electron', () => ({
  app: { getPath: (name: string) => (name === 'userData' ? h.state.userData : '/nowhere') },
  safeStorage: h.safeStorage,
}));

const { createSafeStorageSecretStore } = await import('../../../src/main/secrets/safe-storage-secret-store');
const { ProviderError } = await import('../../../src/core/providers/deribit/errors');

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'safe-storage-store-'));
  Object.assign(h.state, { available: true, backend: 'gnome_libsecret', reEncrypt: false, userData: dir });
  vi.clearAllMocks();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const stored = async (path: string) => (JSON.parse(await readFile(path, 'utf8')) as { entries: Record<string, string> }).entries;

describe('createSafeStorageSecretStore', () => {
  it('keeps only base64 ciphertext, in userData by default, and round-trips', async () => {
    const store = createSafeStorageSecretStore({ platform: 'linux' });
    expect(store.description).toMatch(/safeStorage/);
    await store.set('acc_1', 'my-client-secret');
    const path = join(dir, 'secrets.safe-storage.json');
    const entries = await stored(path);
    expect(Object.keys(entries)).toEqual(['acc_1']);
    expect(await readFile(path, 'utf8')).not.toContain('my-client-secret');
    expect(Buffer.from(entries.acc_1 ?? '', 'base64').subarray(0, 3).toString()).toBe('v1:');
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);

    expect(await createSafeStorageSecretStore({ platform: 'linux' }).get('acc_1')).toBe('my-client-secret');
    expect(await store.get('acc_2')).toBeNull();
    await store.delete('acc_1');
    expect(await store.get('acc_1')).toBeNull();
  });

  it('refuses to store when the OS offers no encryption, and writes nothing', async () => {
    h.state.available = false;
    const path = join(dir, 'custom.json');
    const store = createSafeStorageSecretStore({ filePath: path, platform: 'darwin' });
    const error = await store.set('acc_1', 'secret').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as InstanceType<typeof ProviderError>).userMessage).toMatch(/secure storage .*not available.*not saved/);
    expect(h.safeStorage.encryptStringAsync).not.toHaveBeenCalled();
    await expect(stat(path)).rejects.toThrow();
  });

  it('refuses Linux basic_text (a hard-coded key) but accepts it elsewhere', async () => {
    h.state.backend = 'basic_text';
    const linux = createSafeStorageSecretStore({ filePath: join(dir, 'a.json'), platform: 'linux' });
    await expect(linux.set('acc_1', 'secret')).rejects.toThrow(/keyring/);
    expect(h.safeStorage.encryptStringAsync).not.toHaveBeenCalled();

    const mac = createSafeStorageSecretStore({ filePath: join(dir, 'b.json'), platform: 'darwin' });
    await mac.set('acc_1', 'secret');
    expect(await mac.get('acc_1')).toBe('secret');
  });

  it('re-encrypts a secret when the OS asks for it', async () => {
    const path = join(dir, 'c.json');
    const store = createSafeStorageSecretStore({ filePath: path, platform: 'win32' });
    await store.set('acc_1', 'secret');
    h.state.reEncrypt = true;
    expect(await store.get('acc_1')).toBe('secret');
    expect(h.safeStorage.encryptStringAsync).toHaveBeenCalledTimes(2);
    h.state.reEncrypt = false;
    expect(await store.get('acc_1')).toBe('secret');
  });

  it('uses an injected safeStorage', async () => {
    const injected = { ...h.safeStorage, isAsyncEncryptionAvailable: vi.fn(async () => false) };
    const store = createSafeStorageSecretStore({ filePath: join(dir, 'd.json'), safeStorage: injected, platform: 'darwin' });
    await expect(store.set('acc_1', 's')).rejects.toBeInstanceOf(ProviderError);
    expect(injected.isAsyncEncryptionAvailable).toHaveBeenCalled();
  });
});
