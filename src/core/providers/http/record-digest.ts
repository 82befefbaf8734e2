/**
 * Identity of a login record that has no id of its own: a digest of its exact text. Each provider keeps
 * its own length and id format (they are stored keys and must not change).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** The first `hexChars` hex digits of the SHA-256 of `raw`. */
export function rawDigestHex(raw: string, hexChars: number): string {
  return bytesToHex(sha256(utf8ToBytes(raw))).slice(0, hexChars);
}
