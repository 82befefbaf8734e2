/**
 * Where API secrets live: only in the main process. Electron uses `safeStorage`
 * (OS keychain-backed encryption); browser mode uses a 0600 file (see README).
 */
export interface SecretStore {
  /** A short description shown to the user, e.g. "OS keychain (safeStorage)". */
  readonly description: string;
  get(accountKey: string): Promise<string | null>;
  set(accountKey: string, secret: string): Promise<void>;
  delete(accountKey: string): Promise<void>;
}
