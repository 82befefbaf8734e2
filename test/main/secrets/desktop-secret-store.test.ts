import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ app: { getPath: () => '/nowhere' }, safeStorage: {} }));

const { createDesktopSecretStore, PASSPHRASE_FILE } = await import('../../../src/main/secrets/desktop-secret-store');
const { secretStoreHandlers } = await import('../../../src/main/secrets/secret-store-handlers');

const FAST = { N: 2 ** 10, r: 8, p: 1 };
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'desktop-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function safeStorage(available: boolean, backend: string) {
  return {
    isAsyncEncryptionAvailable: vi.fn(async () => available),
    getSelectedStorageBackend: vi.fn(() => backend as 'basic_text'),
    encryptStringAsync: vi.fn(async (s: string) => Buffer.from(s).reverse()),
    decryptStringAsync: vi.fn(async (b: Buffer) => ({ result: Buffer.from(b).reverse().toString(), shouldReEncrypt: false })),
  };
}

const statusOf = async (store: Awaited<ReturnType<typeof createDesktopSecretStore>>) => secretStoreHandlers(store).getSecretStoreStatus({});

describe('createDesktopSecretStore', () => {
  it('uses the OS keychain when it encrypts for real', async () => {
    const store = await createDesktopSecretStore({ userDataDir: dir, safeStorage: safeStorage(true, 'gnome_libsecret'), platform: 'linux', scrypt: FAST });
    expect(store.description).toMatch(/safeStorage/);
    expect(await statusOf(store)).toEqual({ state: 'ready', description: store.description, explanation: null });
  });

  it.each([
    ['Linux without a keyring (basic_text)', true, 'basic_text', /No OS keyring/],
    ['no encryption at all', false, 'unknown', /secure storage .* not available/],
  ])('offers a passphrase on %s, explaining why', async (_label, available, backend, why) => {
    const store = await createDesktopSecretStore({ userDataDir: dir, safeStorage: safeStorage(available, backend), platform: 'linux', scrypt: FAST });
    const status = await statusOf(store);
    expect(status.state).toBe('needs-passphrase');
    expect(status.explanation).toMatch(why);
    expect(status.explanation).toMatch(/passphrase you type once/);
    // Adding a key now works once the passphrase is set: the app is usable without a keyring.
    const handlers = secretStoreHandlers(store);
    expect(await handlers.unlockSecretStore({ passphrase: 'a long enough passphrase' })).toMatchObject({ state: 'ready' });
    await store.set('acc_1', 'secret');
    expect(await store.get('acc_1')).toBe('secret');
  });

  it('keeps using an existing passphrase file even when a keyring appears later', async () => {
    await writeFile(join(dir, PASSPHRASE_FILE), '{}');
    const store = await createDesktopSecretStore({ userDataDir: dir, safeStorage: safeStorage(true, 'gnome_libsecret'), platform: 'linux', scrypt: FAST });
    expect(store.description).toMatch(/passphrase/);
  });

  it('the unlock call refuses a non-string or absurdly long passphrase', async () => {
    const store = await createDesktopSecretStore({ userDataDir: dir, safeStorage: safeStorage(true, 'basic_text'), platform: 'linux', scrypt: FAST });
    const handlers = secretStoreHandlers(store);
    await expect(handlers.unlockSecretStore({ passphrase: 42 as unknown as string })).rejects.toThrow(/Type your passphrase/);
    await expect(handlers.unlockSecretStore({ passphrase: 'x'.repeat(1025) })).rejects.toThrow(/at most 1024/);
  });
});
