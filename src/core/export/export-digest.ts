/**
 * Incremental SHA-256 over the bytes an encoder emits as data rows. @noble/hashes because Web Crypto
 * has no streaming digest; TextEncoder because it exists in workers and Node alike.
 */
import { sha256 } from '@noble/hashes/sha2.js';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export class ExportDigest {
  private readonly hash = sha256.create();
  private readonly encoder = new TextEncoder();
  private finished: string | null = null;

  update(text: string): void {
    if (this.finished !== null) throw new Error('export digest already finished: encode() after section()/footer()');
    if (text.length > 0) this.hash.update(this.encoder.encode(text));
  }

  /** Lower-case hex; later calls return the same value. */
  hex(): string {
    if (this.finished === null) {
      let out = '';
      for (const byte of this.hash.digest()) out += HEX[byte];
      this.finished = out;
    }
    return this.finished;
  }
}
