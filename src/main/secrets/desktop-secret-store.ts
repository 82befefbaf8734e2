/**
 * Picks the desktop app's secret store: the OS keychain through safeStorage when it offers real
 * encryption, else (Linux with no keyring: backend `basic_text`, or no encryption at all) a
 * passphrase-encrypted file. Once a passphrase file exists it stays in use, so secrets saved under it
 * are never stranded when a keyring appears later.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretStore } from '../secret-store';
import { createPassphraseSecretStore, type ScryptParams } from './passphrase-secret-store';
import { createSafeStorageSecretStore, type SafeStorageLike } from './safe-storage-secret-store';

export interface DesktopSecretStoreOptions {
  readonly userDataDir: string;
  readonly safeStorage: SafeStorageLike;
  readonly platform: NodeJS.Platform;
  /** Tests only. */
  readonly scrypt?: ScryptParams;
}

export const PASSPHRASE_FILE = 'secrets.passphrase.json';
export const SAFE_STORAGE_FILE = 'secrets.safe-storage.json';

/** Null when the keychain is usable; otherwise why a passphrase is needed. */
export async function keychainProblem(safeStorage: SafeStorageLike, platform: NodeJS.Platform): Promise<string | null> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) {
    return "This computer's secure storage (OS keychain) is not available.";
  }
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return 'No OS keyring (GNOME Keyring or KWallet) was found on this computer.';
  }
  return null;
}

export async function createDesktopSecretStore(options: DesktopSecretStoreOptions): Promise<SecretStore> {
  const passphrasePath = join(options.userDataDir, PASSPHRASE_FILE);
  const problem = existsSync(passphrasePath) ? 'Your API secrets were saved under a passphrase.' : await keychainProblem(options.safeStorage, options.platform);
  if (problem === null) {
    return createSafeStorageSecretStore({ filePath: join(options.userDataDir, SAFE_STORAGE_FILE), safeStorage: options.safeStorage, platform: options.platform });
  }
  return createPassphraseSecretStore({
    filePath: passphrasePath,
    scrypt: options.scrypt,
    explanation: `${problem} Your API secrets are therefore encrypted with a passphrase you type once each time the app starts. ` +
      `It is never stored; if you forget it, quit the app, delete ${passphrasePath} and add your keys again.`,
  });
}
