/**
 * A worker request channel for Node tests of the export stream: keeps a copy of every chunk sent
 * (text as UTF-8), ignores progress, and reports cancelled once `cancelAfterChunks` chunks went out.
 */
import type { RequestChannel } from '../../src/renderer/worker/protocol';

export function collectingChannel(cancelAfterChunks = Infinity): { ch: RequestChannel; bytes: () => Buffer; text: () => string; chunks: () => number } {
  const parts: Uint8Array[] = [];
  const ch: RequestChannel = {
    chunk: (data) => {
      const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data.slice();
      parts.push(bytes);
      return bytes.byteLength;
    },
    progress: () => undefined,
    isCancelled: () => parts.length >= cancelAfterChunks,
  };
  return { ch, bytes: () => Buffer.concat(parts), text: () => Buffer.concat(parts).toString('utf8'), chunks: () => parts.length };
}
