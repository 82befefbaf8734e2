/// <reference lib="webworker" />
/**
 * SHA-256 of an export's data rows on a thread of its own, so hashing (the single largest cost of a
 * large export) overlaps with reading and encoding the rows. One worker per export; see parallel-digest.ts.
 * This is the one script the app serves with 'wasm-unsafe-eval' (DIGEST_WORKER_CONTENT_SECURITY_POLICY),
 * for hash-wasm's WebAssembly SHA-256 (digest-engine.ts); without it the JavaScript one runs.
 */
import { digestRequestHandler, startDigestEngine } from './digest-engine';
import type { DigestRequest } from './parallel-digest';

declare const self: DedicatedWorkerGlobalScope;

const handle = digestRequestHandler(startDigestEngine(), (response, transfer) => self.postMessage(response, transfer));

self.addEventListener('message', (event: MessageEvent<DigestRequest>) => handle(event.data));
