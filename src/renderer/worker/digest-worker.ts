/// <reference lib="webworker" />
/**
 * SHA-256 of an export's data rows on a thread of its own, so hashing (the single largest cost of a
 * large export) overlaps with reading and encoding the rows. One worker per export; see parallel-digest.ts.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { hexOf } from '../../core/export/export-digest';
import type { DigestRequest, DigestResponse } from './parallel-digest';

declare const self: DedicatedWorkerGlobalScope;

const hash = sha256.create();

self.addEventListener('message', (event: MessageEvent<DigestRequest>) => {
  if (event.data.type === 'update') {
    hash.update(event.data.bytes);
    return;
  }
  self.postMessage({ type: 'hex', hex: hexOf(hash.digest()) } satisfies DigestResponse);
});
