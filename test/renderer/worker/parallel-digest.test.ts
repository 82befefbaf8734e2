/**
 * ParallelDigest and inlineDigest as the export stream uses them. Node has no Worker: the "worker" is
 * the digest worker's own message handler (digest-engine.ts) at the far end of a real MessageChannel, so
 * postMessage clones and transfers exactly as between threads (a transferred buffer is detached here).
 */
import { createHash } from 'node:crypto';
import { MessageChannel } from 'node:worker_threads';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { digestRequestHandler, startDigestEngine } from '../../../src/renderer/worker/digest-engine';
import { inlineDigest, ParallelDigest, type DigestRequest, type DigestResponse, type SettlingDigest } from '../../../src/renderer/worker/parallel-digest';

const nodeHex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const open: MessageChannel[] = [];
afterEach(() => {
  for (const channel of open.splice(0)) channel.port1.close();
});

/** A Worker whose far end runs the digest worker's handler; `answer` may rewrite what it posts back. */
function digestWorker(options: { wasm?: boolean; answer?: (response: DigestResponse) => DigestResponse[] } = {}): Worker {
  const channel = new MessageChannel();
  open.push(channel);
  const engine = options.wasm === false ? startDigestEngine(() => Promise.reject(new Error('no WebAssembly'))) : startDigestEngine();
  const handle = digestRequestHandler(engine, (response, transfer) => {
    for (const out of options.answer?.(response) ?? [response]) channel.port2.postMessage(out, transfer as never);
  });
  channel.port2.on('message', (request: DigestRequest) => handle(request));
  const port = channel.port1;
  port.start();
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) => port.postMessage(message, transfer as never),
    addEventListener: (type: string, listener: (event: unknown) => void) => port.addEventListener(type, listener as never),
    terminate: () => port.close(),
  } as unknown as Worker;
}

/** `data` in batches cut at `cuts`, each a view into a buffer with bytes before and after it (an encoder's batch buffer). */
function batches(data: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [0, ...cuts.map((c) => c % (data.length + 1)).sort((a, b) => a - b), data.length];
  return points.slice(1).map((end, i) => {
    const piece = data.subarray(points[i], end);
    const room = new Uint8Array(piece.length + 16);
    room.set(piece, 8);
    return room.subarray(8, 8 + piece.length);
  });
}

describe.each([
  ['ParallelDigest (WebAssembly)', () => new ParallelDigest(digestWorker()), 'wasm'],
  ['ParallelDigest (JavaScript)', () => new ParallelDigest(digestWorker({ wasm: false })), 'js'],
  ['inlineDigest', inlineDigest, 'js'],
] as const)('%s', (_name, make: () => SettlingDigest, engine) => {
  it('digests passed and updated bytes as node:crypto does, handing each pass back in order before settle() resolves', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4000 }), fc.array(fc.nat(), { maxLength: 10 }), fc.array(fc.boolean(), { maxLength: 12 }), async (data, cuts, passes) => {
        const digest = make();
        try {
          const handedBack: { index: number; bytes: string; offset: number }[] = [];
          const expectedBack: typeof handedBack = [];
          let settled = false;
          batches(data, cuts).forEach((batch, index) => {
            const expected = { index, bytes: Buffer.from(batch).toString('hex'), offset: batch.byteOffset };
            if (passes[index] ?? true) {
              digest.pass(batch, (bytes) => {
                expect(settled).toBe(false);
                handedBack.push({ index, bytes: Buffer.from(bytes).toString('hex'), offset: bytes.byteOffset });
              });
              expectedBack.push(expected);
            } else {
              digest.update(batch);
            }
          });
          await digest.settle();
          settled = true;
          expect(handedBack).toEqual(expectedBack);
          expect(digest.hex()).toBe(nodeHex(data));
          expect(digest.engine()).toBe(engine);
        } finally {
          digest.dispose();
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('ParallelDigest', () => {
  it('ready() names the engine before any bytes are sent: wasm where WebAssembly compiles, js where it does not', async () => {
    for (const [wasm, engine] of [[true, 'wasm'], [false, 'js']] as const) {
      const digest = new ParallelDigest(digestWorker({ wasm }));
      expect(await digest.ready()).toBe(engine);
      digest.dispose();
    }
    expect(await inlineDigest().ready()).toBe('js');
  });

  it('ready() rejects, rather than waiting for ever, once the worker failed', async () => {
    const digest = new ParallelDigest(digestWorker({ answer: (r) => (r.type === 'engine' ? [{ type: 'failed', message: 'no memory' }] : [r]) }));
    await expect(digest.ready()).rejects.toThrow('no memory');
    await expect(digest.ready()).rejects.toThrow('no memory');
    digest.dispose();
  });

  it('transfers passed bytes instead of copying them: the caller\'s whole buffer is detached until it comes back', async () => {
    const digest = new ParallelDigest(digestWorker());
    const buffer = new Uint8Array(64).fill(7);
    const view = buffer.subarray(16, 48);
    let back: Uint8Array | null = null;
    digest.pass(view, (bytes) => (back = bytes));
    expect(buffer.buffer.byteLength).toBe(0);
    expect(view.length).toBe(0);
    await digest.settle();
    const returned = back as Uint8Array | null;
    expect(returned?.buffer.byteLength).toBe(64);
    expect([returned?.byteOffset, returned?.length]).toEqual([16, 32]);
    expect(digest.hex()).toBe(nodeHex(new Uint8Array(32).fill(7)));
    digest.dispose();
  });

  it('copies updated bytes, so the caller keeps them', async () => {
    const digest = new ParallelDigest(digestWorker());
    const bytes = new Uint8Array([1, 2, 3]);
    digest.update(bytes);
    expect(bytes.length).toBe(3);
    await digest.settle();
    expect(digest.hex()).toBe(nodeHex(bytes));
    digest.dispose();
  });

  it('rejects settle() with the worker\'s reason when hashing failed', async () => {
    const digest = new ParallelDigest(digestWorker({ answer: (r) => (r.type === 'hex' ? [{ type: 'failed', message: 'out of memory' }] : [r]) }));
    digest.update(new Uint8Array([1]));
    await expect(digest.settle()).rejects.toThrow("The export's checksum could not be computed: out of memory");
    expect(() => digest.hex()).toThrow('before it settled');
    digest.dispose();
  });

  it('rejects settle() rather than resolve with passes still out', async () => {
    const digest = new ParallelDigest(digestWorker({ answer: (r) => (r.type === 'passed' ? [] : [r]) }));
    digest.pass(new Uint8Array([1, 2]), () => undefined);
    await expect(digest.settle()).rejects.toThrow('finished before handing back every batch');
    digest.dispose();
  });

  it('rejects settle() with the error a pass callback threw, instead of waiting for ever', async () => {
    const digest = new ParallelDigest(digestWorker());
    digest.pass(new Uint8Array([1, 2]), () => {
      throw new Error('the channel is closed');
    });
    await expect(digest.settle()).rejects.toThrow('the channel is closed');
    digest.dispose();
  });
});
