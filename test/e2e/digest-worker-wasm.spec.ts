/**
 * The export digest worker's WebAssembly SHA-256 as Chromium runs the built app in browser mode: the
 * digest worker (served with DIGEST_WORKER_CONTENT_SECURITY_POLICY) compiles hash-wasm's module and says
 * it hashed with 'wasm', started from the page and, as the app starts it, from inside the reconciliation
 * worker; the page and the reconciliation worker (the app's policy) still cannot compile WebAssembly.
 * This proves a dedicated worker takes its CSP from its own response here, not from its creator.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Worker as PlaywrightWorker } from '@playwright/test';
import { startE2eApp, type E2eApp } from './support/app-harness';

let app: E2eApp | null = null;

test.afterEach(async () => {
  await app?.close();
  app = null;
});

const builtAsset = (pattern: RegExp): string => {
  const file = readdirSync(resolve('out/renderer/assets')).find((f) => pattern.test(f));
  expect(file, `built asset ${String(pattern)}`).toBeDefined();
  return `assets/${file as string}`;
};

/** Runs anywhere: whether this context may compile a WebAssembly module (the smallest valid one). */
async function compileWasm(): Promise<string> {
  try {
    await WebAssembly.compile(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    return 'compiled';
  } catch (error) {
    return `refused: ${String(error)}`;
  }
}

/** Runs in the page or a worker: a digest worker fed `text` in two passes (a subarray view and an update), answering hex and engine. */
async function digestIn(args: { url: string; text: string }): Promise<{ hex: string; engine: string; handedBack: number[] }> {
  const worker = new Worker(args.url, { type: 'module', name: 'export digest' });
  try {
    const bytes = new TextEncoder().encode(args.text);
    const room = new Uint8Array(bytes.length + 8);
    room.set(bytes, 4);
    const half = Math.floor(bytes.length / 2);
    const handedBack: number[] = [];
    return await new Promise((res, rej) => {
      worker.addEventListener('message', (event: MessageEvent<{ type: string; hex?: string; engine?: string; bytes?: Uint8Array; message?: string }>) => {
        const m = event.data;
        if (m.type === 'passed' && m.bytes) handedBack.push(m.bytes.byteOffset, m.bytes.length, m.bytes.buffer.byteLength);
        else if (m.type === 'hex') res({ hex: m.hex ?? '', engine: m.engine ?? '', handedBack });
        else rej(new Error(m.message ?? m.type));
      });
      worker.addEventListener('error', (e) => rej(new Error(e.message || 'the digest worker failed')));
      const first = room.subarray(4, 4 + half);
      worker.postMessage({ type: 'pass', bytes: first }, [room.buffer]);
      worker.postMessage({ type: 'update', bytes: bytes.subarray(half) });
      worker.postMessage({ type: 'finish' });
    });
  } finally {
    worker.terminate();
  }
}

test("the digest worker alone compiles WebAssembly: it hashes with 'wasm', the page and the reconciliation worker are refused", async ({ page }) => {
  app = await startE2eApp();
  await page.goto(app.app.url);
  const digestUrl = new URL(builtAsset(/^digest-worker-.*\.js$/), app.app.url).href;
  const reconUrl = new URL(builtAsset(/^recon-worker-.*\.js$/), app.app.url).href;
  const text = 'date,amount\n2024-01-01,0.1\n'.repeat(1000);
  const expected = createHash('sha256').update(text).digest('hex');

  expect(await page.evaluate(compileWasm)).toMatch(/^refused: .*(Content Security Policy|wasm-unsafe-eval)/i);

  const fromPage = await page.evaluate(digestIn, { url: digestUrl, text });
  expect(fromPage.hex).toBe(expected);
  expect(fromPage.engine).toBe('wasm');
  expect(fromPage.handedBack).toEqual([4, Math.floor(text.length / 2), text.length + 8]);

  // A reconciliation worker of our own (same built script as the app's), then the digest worker inside it, as the export starts it.
  const reconWorker = page.waitForEvent('worker', (w: PlaywrightWorker) => w.url().includes('/assets/recon-worker-'));
  await page.evaluate((url) => {
    (globalThis as { reconForTest?: Worker }).reconForTest = new Worker(url, { type: 'module', name: 'recon for test' });
  }, reconUrl);
  const recon = await reconWorker;
  expect(await recon.evaluate(compileWasm)).toMatch(/^refused: /);
  const nested = await recon.evaluate(digestIn, { url: digestUrl, text });
  expect(nested).toEqual(fromPage);
});
