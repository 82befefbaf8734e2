/**
 * The digest worker's SHA-256 engines (digest-engine.ts) against node:crypto over random chunkings, and
 * its message handler as the worker runs it: requests handled in arrival order even before the engine
 * is ready, passed bytes handed back as the same view, the engine named in the answer, and the
 * JavaScript engine when WebAssembly cannot be started.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestRequestHandler, jsEngine, startDigestEngine, wasmEngine, type DigestEngine } from '../../../src/renderer/worker/digest-engine';
import type { DigestResponse } from '../../../src/renderer/worker/parallel-digest';

const nodeHex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** `data` cut at `cuts` (empty chunks included), each chunk a view into a larger buffer at `pad` bytes in. */
function chunksOf(data: Uint8Array, cuts: readonly number[], pad: number): Uint8Array[] {
  const points = [0, ...cuts.map((c) => c % (data.length + 1)).sort((a, b) => a - b), data.length];
  const chunks: Uint8Array[] = [];
  for (let i = 1; i < points.length; i++) {
    const piece = data.subarray(points[i - 1], points[i]);
    const room = new Uint8Array(pad + piece.length + pad);
    room.fill(0xa5);
    room.set(piece, pad);
    chunks.push(room.subarray(pad, pad + piece.length));
  }
  return chunks;
}

const chunking = fc.record({
  data: fc.uint8Array({ maxLength: 3000 }),
  cuts: fc.array(fc.nat(), { maxLength: 12 }),
  pad: fc.nat({ max: 70 }),
});

describe('digest engines', () => {
  it.each([
    ['wasm', wasmEngine],
    ['js', async () => jsEngine()],
  ] as const)('%s gives node:crypto\'s hex however the bytes are cut (empty chunks, subarray views)', async (name, start) => {
    await fc.assert(
      fc.asyncProperty(chunking, async ({ data, cuts, pad }) => {
        const engine = await start();
        expect(engine.name).toBe(name);
        for (const chunk of chunksOf(data, cuts, pad)) engine.update(chunk);
        expect(engine.hex()).toBe(nodeHex(data));
      }),
      { numRuns: 150 },
    );
  });

  it('hashes a batch larger than the WebAssembly memory hash-wasm starts with', async () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 13).map((_, i) => (i * 31) & 0xff);
    const engine = await wasmEngine();
    engine.update(big.subarray(0, 7));
    engine.update(big.subarray(7));
    expect(engine.hex()).toBe(nodeHex(big));
  });

  it('starts the WebAssembly engine where it can, the JavaScript one where it cannot', async () => {
    expect((await startDigestEngine()).name).toBe('wasm');
    const refused = await startDigestEngine(() => Promise.reject(new Error("Refused to compile WebAssembly: 'wasm-unsafe-eval' is not allowed")));
    expect(refused.name).toBe('js');
    refused.update(new TextEncoder().encode('abc'));
    expect(refused.hex()).toBe(nodeHex(new TextEncoder().encode('abc')));
  });
});

describe('the digest worker\'s message handler', () => {
  function run(engine: Promise<DigestEngine>) {
    const posted: { response: DigestResponse; transfer: Transferable[] }[] = [];
    const handle = digestRequestHandler(engine, (response, transfer) => posted.push({ response, transfer }));
    return { handle, posted };
  }
  const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('handles requests in arrival order, even those sent before the engine was ready, and hands passed views back', async () => {
    let ready: (engine: DigestEngine) => void = () => undefined;
    const { handle, posted } = run(new Promise((resolve) => (ready = resolve)));
    const whole = new TextEncoder().encode('date,amount\n2024-01-01,0.1\n2024-01-02,-0.25\n');
    const buffer = new Uint8Array(whole.length + 20);
    buffer.set(whole, 10);
    const first = buffer.subarray(10, 22);
    const second = buffer.subarray(22, 10 + whole.length);
    handle({ type: 'pass', bytes: first });
    handle({ type: 'update', bytes: new Uint8Array(0) });
    handle({ type: 'update', bytes: second.slice(0, 5) });
    handle({ type: 'pass', bytes: second.subarray(5) });
    handle({ type: 'finish' });
    await settled();
    expect(posted).toEqual([]);
    ready(await wasmEngine());
    await settled();
    expect(posted.map((p) => p.response.type)).toEqual(['passed', 'passed', 'hex']);
    const [a, b, end] = posted;
    expect(a?.response).toEqual({ type: 'passed', bytes: first });
    expect(a?.response.type === 'passed' && a.response.bytes).toBe(first);
    expect(a?.transfer).toEqual([buffer.buffer]);
    expect(b?.response.type === 'passed' && b.response.bytes.byteOffset).toBe(27);
    expect(end?.response).toEqual({ type: 'hex', hex: nodeHex(whole), engine: 'wasm' });
  });

  it('names the JavaScript engine when it is the one that ran', async () => {
    const { handle, posted } = run(startDigestEngine(() => Promise.reject(new Error('no WebAssembly'))));
    handle({ type: 'update', bytes: new Uint8Array([1, 2, 3]) });
    handle({ type: 'finish' });
    await settled();
    expect(posted.map((p) => p.response)).toEqual([{ type: 'hex', hex: nodeHex(new Uint8Array([1, 2, 3])), engine: 'js' }]);
  });

  it('answers a failed update with one failure, never a hex of part of the bytes', async () => {
    const engine = jsEngine();
    let calls = 0;
    const flaky: DigestEngine = { ...engine, update: (bytes) => {
      if (++calls === 2) throw new Error('out of memory');
      engine.update(bytes);
    } };
    const { handle, posted } = run(Promise.resolve(flaky));
    for (let i = 0; i < 3; i++) handle({ type: 'update', bytes: new Uint8Array([i]) });
    handle({ type: 'finish' });
    await settled();
    expect(posted.map((p) => p.response)).toEqual([{ type: 'failed', message: 'out of memory' }]);
  });
});
