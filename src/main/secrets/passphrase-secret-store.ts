/**
 * The desktop app's secret store where the OS offers no real encryption (Linux without GNOME Keyring or
 * KWallet: safeStorage falls back to `basic_text`, a hard-coded key). The user types a passphrase once
 * per session; a key is derived from it with scrypt (Node's crypto) and each secret is encrypted with
 * AES-256-GCM, bound to its account key (additional data) so entries cannot be swapped. The scrypt
 * parameters and salt are stored with the file, as is a check value that tells a wrong passphrase from
 * a damaged file. Nothing is ever written in plain text; the derived key lives only in memory.
 * A wrong passphrase or a damaged file is a clear error that changes nothing on disk.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCallback, type ScryptOptions } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ProviderError, type ProviderErrorKind } from '../../core/providers/deribit/errors';
import type { SecretStoreStatus } from '../../shared/contract';
import type { SecretStore } from '../secret-store';
import { ensurePrivateMode, writePrivateFileAtomically } from './private-json-file';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** 2^17 × 8 × 128 B = 128 MiB and about half a second per unlock: OWASP's scrypt recommendation. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
export const MIN_PASSPHRASE_LENGTH = 10;
const FORMAT = 'deribit-reconciler/passphrase-secrets';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const CHECK_TEXT = 'deribit-reconciler passphrase check';
const CHECK_AAD = 'check';

interface StoredFile {
  readonly format: typeof FORMAT;
  readonly version: 1;
  readonly kdf: { readonly name: 'scrypt'; readonly salt: string } & ScryptParams;
  readonly cipher: 'aes-256-gcm';
  /** CHECK_TEXT sealed with the key: opens only with the right passphrase. */
  readonly check: string;
  /** accountKey → base64(iv ‖ tag ‖ ciphertext). */
  readonly entries: Readonly<Record<string, string>>;
}

export interface PassphraseSecretStoreOptions {
  readonly filePath: string;
  /** Why the passphrase is asked for (shown in the prompt). */
  readonly explanation: string;
  /** Tests only: cheaper parameters for new files. */
  readonly scrypt?: ScryptParams;
}

function failure(kind: ProviderErrorKind, detail: string, userMessage: string): ProviderError {
  return new ProviderError({ kind, code: null, detail, userMessage, retriable: false });
}

function deriveKey(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 128 * params.N * params.r * params.p + 32 * 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCallback(passphrase.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

function seal(key: Buffer, text: string, aad: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** The text, or null when the key is wrong or the sealed value was altered. */
function open(key: Buffer, sealed: string, aad: string): string | null {
  const bytes = Buffer.from(sealed, 'base64');
  if (bytes.length < IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

const isPowerOfTwo = (n: number): boolean => Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;

/** Parses the file, refusing anything that is not ours or whose parameters would make scrypt absurd. */
function parseStoredFile(text: string, path: string): StoredFile {
  const damaged = failure('provider_error', `passphrase secrets file ${path} is damaged`,
    `The file holding your saved API secrets (${path}) is damaged or was changed outside the app, so it was left untouched. ` +
      'Move it away and add your keys again; nothing else in the app is affected.');
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw damaged;
  }
  const f = value as Partial<StoredFile> | null;
  const kdf = f?.kdf as Partial<StoredFile['kdf']> | undefined;
  const entries = f?.entries as unknown;
  const ok = f !== null && typeof f === 'object' && f.format === FORMAT && f.version === 1 && f.cipher === 'aes-256-gcm' &&
    typeof f.check === 'string' && kdf?.name === 'scrypt' && typeof kdf.salt === 'string' &&
    isPowerOfTwo(kdf.N ?? 0) && (kdf.N ?? 0) <= 2 ** 20 && Number.isInteger(kdf.r) && (kdf.r ?? 0) >= 1 && (kdf.r ?? 0) <= 32 &&
    Number.isInteger(kdf.p) && (kdf.p ?? 0) >= 1 && (kdf.p ?? 0) <= 16 &&
    typeof entries === 'object' && entries !== null && !Array.isArray(entries) &&
    Object.values(entries).every((v) => typeof v === 'string');
  if (!ok) throw damaged;
  return f as StoredFile;
}

export function createPassphraseSecretStore(options: PassphraseSecretStoreOptions): SecretStore {
  const { filePath } = options;
  const description = `Encrypted with your passphrase (scrypt, AES-256-GCM): ${filePath}`;
  let key: Buffer | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const modeChecked = ensurePrivateMode(filePath);
  modeChecked.catch(() => undefined); // reported by the first operation that awaits it

  /** One operation at a time, so a set and a delete never lose each other's writes. */
  const serialized = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = async (): Promise<T> => {
      await modeChecked;
      return fn();
    };
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  };

  const readStored = async (): Promise<StoredFile | null> => {
    let text: string;
    try {
      text = await readFile(filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return parseStoredFile(text, filePath);
  };
  const write = (file: StoredFile): Promise<void> => writePrivateFileAtomically(filePath, JSON.stringify(file, null, 2));

  const status = async (): Promise<SecretStoreStatus> => {
    if (key) return { state: 'ready', description, explanation: options.explanation };
    let stored: StoredFile | null;
    try {
      stored = await readStored();
    } catch (error) {
      // A damaged file: the prompt shows what happened and what to do instead of the usual explanation.
      if (error instanceof ProviderError) return { state: 'locked', description, explanation: error.userMessage };
      throw error;
    }
    return { state: stored ? 'locked' : 'needs-passphrase', description, explanation: options.explanation };
  };

  const lockedError = (): ProviderError =>
    failure('authorization_required', 'passphrase secret store is locked',
      'Your saved API secrets are locked. Enter your passphrase at the top of the window, then try again.');

  const unlockedKey = (): Buffer => {
    if (!key) throw lockedError();
    return key;
  };

  return {
    description,
    status: () => serialized(status),
    unlock: (passphrase) =>
      serialized(async () => {
        const stored = await readStored();
        if (!stored) {
          if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
            throw failure('invalid_params', 'passphrase too short',
              `Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters; a few words you will remember work well.`);
          }
          const params = options.scrypt ?? DEFAULT_SCRYPT;
          const salt = randomBytes(16);
          const fresh = await deriveKey(passphrase, salt, params);
          await write({
            format: FORMAT, version: 1, kdf: { name: 'scrypt', salt: salt.toString('base64'), ...params },
            cipher: 'aes-256-gcm', check: seal(fresh, CHECK_TEXT, CHECK_AAD), entries: {},
          });
          key = fresh;
          return status();
        }
        const candidate = await deriveKey(passphrase, Buffer.from(stored.kdf.salt, 'base64'), stored.kdf);
        if (open(candidate, stored.check, CHECK_AAD) !== CHECK_TEXT) {
          throw failure('invalid_credentials', 'wrong passphrase',
            'That passphrase does not unlock your saved API secrets. Nothing was changed: check Caps Lock and try again.');
        }
        key = candidate;
        return status();
      }),
    get: (accountKey) =>
      serialized(async () => {
        const k = unlockedKey();
        const stored = await readStored();
        if (!stored || !Object.hasOwn(stored.entries, accountKey)) return null;
        const text = open(k, stored.entries[accountKey] ?? '', `entry:${accountKey}`);
        if (text === null) {
          throw failure('provider_error', `secret for ${accountKey} does not decrypt`,
            'The saved API secret for this key is damaged (its file was changed outside the app). Replace the key to save its secret again.');
        }
        return text;
      }),
    set: (accountKey, secret) =>
      serialized(async () => {
        const k = unlockedKey();
        const stored = await readStored();
        if (!stored) throw lockedError(); // the file went away after unlocking: ask for a passphrase again
        await write({ ...stored, entries: { ...stored.entries, [accountKey]: seal(k, secret, `entry:${accountKey}`) } });
      }),
    // Removing a key needs no passphrase: nothing is decrypted.
    delete: (accountKey) =>
      serialized(async () => {
        const stored = await readStored();
        if (!stored || !Object.hasOwn(stored.entries, accountKey)) return;
        const { [accountKey]: _removed, ...rest } = stored.entries;
        await write({ ...stored, entries: rest });
      }),
  };
}
