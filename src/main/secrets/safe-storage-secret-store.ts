/**
 * The desktop app's secret store: each API secret encrypted with Electron's `safeStorage` (a key held
 * by the OS keychain: macOS Keychain, Windows DPAPI, libsecret/KWallet on Linux) and kept as base64
 * ciphertext in a private JSON file under userData. It refuses to store anything when the OS offers no
 * real encryption, rather than write a secret that anyone could decrypt.
 * Uses the async safeStorage API: Electron 45 deprecates encryptString/decryptString in its favour.
 */
import { join } from 'node:path';
import { app, safeStorage as electronSafeStorage } from 'electron';
import { ProviderError } from '../../core/providers/deribit/errors';
import type { SecretStore } from '../secret-store';
import { ensurePrivateMode, openPrivateJsonFile } from './private-json-file';

export type SafeStorageLike = Pick<
  typeof electronSafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

export interface SafeStorageSecretStoreOptions {
  /** Defaults to `<userData>/secrets.safe-storage.json`. */
  readonly filePath?: string;
  readonly safeStorage?: SafeStorageLike;
  readonly platform?: NodeJS.Platform;
}

function unavailable(detail: string, userMessage: string): ProviderError {
  return new ProviderError({ kind: 'provider_error', code: null, detail, userMessage, retriable: false });
}

export function createSafeStorageSecretStore(options: SafeStorageSecretStoreOptions = {}): SecretStore {
  const safeStorage = options.safeStorage ?? electronSafeStorage;
  const platform = options.platform ?? process.platform;
  const filePath = options.filePath ?? join(app.getPath('userData'), 'secrets.safe-storage.json');
  const file = openPrivateJsonFile(filePath);
  const modeChecked = ensurePrivateMode(filePath);
  modeChecked.catch(() => undefined); // reported by the first operation that awaits it

  const assertEncryptionAvailable = async (): Promise<void> => {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      throw unavailable(
        'safeStorage encryption is not available',
        'This computer\'s secure storage (OS keychain) is not available, so the API secret was not saved. ' +
          'Unlock or set up the keychain (on Linux: GNOME Keyring or KWallet) and restart the app.',
      );
    }
    // On Linux without a keyring Electron falls back to a hard-coded key: that is not encryption.
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      throw unavailable(
        'safeStorage backend is basic_text (no keyring)',
        'No OS keyring was found (GNOME Keyring or KWallet), so the API secret cannot be stored safely and was not saved. ' +
          'Install or unlock a keyring and restart the app.',
      );
    }
  };

  return {
    description: 'OS keychain (Electron safeStorage)',
    async get(accountKey) {
      await modeChecked;
      const stored = await file.update((entries) => ({
        result: Object.hasOwn(entries, accountKey) ? (entries[accountKey] ?? null) : null,
      }));
      if (stored === null) return null;
      await assertEncryptionAvailable();
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'));
      if (shouldReEncrypt) {
        // The OS rotated the key: store the secret again under the new one.
        const again = (await safeStorage.encryptStringAsync(result)).toString('base64');
        await file.update((entries) => ({ entries: { ...entries, [accountKey]: again }, result: undefined }));
      }
      return result;
    },
    async set(accountKey, secret) {
      await modeChecked;
      await assertEncryptionAvailable();
      const cipher = (await safeStorage.encryptStringAsync(secret)).toString('base64');
      await file.update((entries) => ({ entries: { ...entries, [accountKey]: cipher }, result: undefined }));
    },
    async delete(accountKey) {
      await modeChecked;
      await file.update((entries) => {
        if (!Object.hasOwn(entries, accountKey)) return { result: undefined };
        const { [accountKey]: _removed, ...rest } = entries;
        return { entries: rest, result: undefined };
      });
    },
  };
}
