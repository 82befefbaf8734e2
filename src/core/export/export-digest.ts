/**
 * Incremental SHA-256 over the bytes an encoder emits as data rows (the same bytes that go into the
 * file, so text is UTF-8 encoded once). @noble/hashes because Web Crypto has no streaming digest.
 */
import { sha256 } from '@noble/hashes/sha2.js';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lower-case hex of a finished SHA-256. */
export function hexOf(digest: Uint8Array): string {
  let out = '';
  for (const byte of digest) out += HEX[byte];
  return out;
}

/**
 * What an encoder feeds its data bytes to. hex() is only asked for by footer(), section() and
 * sidecar(), after the last encode(): a digest computed elsewhere (another thread) must have its
 * answer by then.
 */
export interface RowsDigest {
  update(bytes: Uint8Array): void;
  /**
   * Takes `bytes` over (the caller must not use them after), digests them, then hands them back through
   * `then`, in the order of pass() calls (a digest on another thread: without copying them there).
   * Absent: update(), then the bytes go on at once.
   */
  pass?(bytes: Uint8Array, then: (bytes: Uint8Array) => void): void;
  hex(): string;
}

export class ExportDigest implements RowsDigest {
  private readonly hash = sha256.create();
  private finished: string | null = null;

  update(bytes: Uint8Array): void {
    if (this.finished !== null) throw new Error('export digest already finished: encode() after section()/footer()');
    if (bytes.length > 0) this.hash.update(bytes);
  }

  /** Lower-case hex; later calls return the same value. */
  hex(): string {
    this.finished ??= hexOf(this.hash.digest());
    return this.finished;
  }
}
