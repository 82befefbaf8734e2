/**
 * Where API secrets live: only in the main process. Electron uses `safeStorage` (OS keychain-backed
 * encryption) or, with no usable keyring, a passphrase-encrypted file; browser mode uses a 0600 file
 * (see README).
 */
import type { SecretStoreStatus } from '../shared/contract';

export interface SecretStore {
  /** A short description shown to the user, e.g. "OS keychain (safeStorage)". */
  readonly description: string;
  get(accountKey: string): Promise<string | null>;
  set(accountKey: string, secret: string): Promise<void>;
  delete(accountKey: string): Promise<void>;
  /** Stores that need a passphrase say whether they are unlocked; the others are always ready. */
  status?(): Promise<SecretStoreStatus>;
  /** Unlocks with the passphrase, or sets it when none was chosen yet. */
  unlock?(passphrase: string): Promise<SecretStoreStatus>;
}
