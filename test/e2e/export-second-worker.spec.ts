/**
 * The export's second worker as built and run by Chromium (the app uses it from 20,000 rows on, in
 * jobs of 80 pages; this history is smaller, so the request forces it, in jobs of one page): a synced
 * history exported with its rows shared between the export worker and export-encode-worker.ts gives
 * the same bytes, checksum and sidecar as on one thread, for the format split by rows (transactions
 * CSV) and the one split by user (Koinly: swaps pair within a user), and the second worker really did
 * some of the jobs. Unit tests cover the split with an in-process stand-in; this is the real worker,
 * module chunks and all.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import type { DeribitSim } from '../sim/deribit/index';
import { DEFAULT_SIM_KEY } from '../sim/deribit/index';
import { addAccount, startE2eApp, startE2eSim, syncAndWait, type E2eApp } from './support/app-harness';

const LABEL = 'Split export account';

let sim: DeribitSim | null = null;
let app: E2eApp | null = null;

test.afterEach(async () => {
  await sim?.close();
  sim = null;
  await app?.close();
  app = null;
});

interface ExportRun {
  readonly sha256: string;
  readonly bytes: number;
  readonly rowsSha256: string;
  readonly sidecar: string | null;
  readonly helperJobs: number;
  readonly helperFailure: string | null;
}

/** Runs in the page: one export request to a fresh reconciliation worker, its chunks hashed whole. */
async function exportInWorker(args: { url: string; body: unknown }): Promise<ExportRun> {
  const worker = new Worker(args.url, { type: 'module' });
  const chunks: Uint8Array[] = [];
  try {
    const result = await new Promise<{ section: { sha256: string }; sidecar: { text: string } | null; timing?: { helperJobs?: number; helperFailure?: string } }>((res, rej) => {
      worker.addEventListener('message', (event: MessageEvent<{ id: number; type: string; bytes?: Uint8Array; result?: never; message?: string }>) => {
        const m = event.data;
        if (m.type === 'chunk' && m.bytes) chunks.push(m.bytes);
        else if (m.type === 'result') res(m.result as never);
        else if (m.type === 'error') rej(new Error(m.message));
      });
      worker.addEventListener('error', (e) => rej(new Error(e.message)));
      worker.postMessage({ id: 1, type: 'export', body: args.body });
    });
    const whole = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
    let at = 0;
    for (const c of chunks) {
      whole.set(c, at);
      at += c.byteLength;
    }
    const hex = (buffer: ArrayBuffer): string => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
    return {
      sha256: hex(await crypto.subtle.digest('SHA-256', whole)),
      bytes: whole.byteLength,
      rowsSha256: result.section.sha256,
      sidecar: result.sidecar?.text ?? null,
      helperJobs: result.timing?.helperJobs ?? 0,
      helperFailure: result.timing?.helperFailure ?? null,
    };
  } finally {
    worker.terminate();
  }
}

/** Runs in the page: the cached account's key. */
async function cachedAccountKey(): Promise<string> {
  const db = await new Promise<IDBDatabase>((res, rej) => {
    const req = indexedDB.open('deribit-reconciler');
    req.onsuccess = () => res(req.result);
    req.onerror = () => rej(req.error);
  });
  const keys = await new Promise<IDBValidKey[]>((res, rej) => {
    const req = db.transaction('accounts').objectStore('accounts').getAllKeys();
    req.onsuccess = () => res(req.result);
    req.onerror = () => rej(req.error);
  });
  db.close();
  if (keys.length !== 1) throw new Error(`expected one cached account, found ${keys.length}`);
  return String(keys[0]);
}

test('a synced history exported on two workers is byte for byte the one-worker export, in the formats split by rows and by user', async ({ page }) => {
  sim = await startE2eSim();
  app = await startE2eApp();
  await page.goto(app.app.url);
  await addAccount(page, sim, { label: LABEL, ...DEFAULT_SIM_KEY });
  await syncAndWait(page, LABEL);

  const workerFile = readdirSync(resolve('out/renderer/assets')).find((f) => /^recon-worker-.*\.js$/.test(f));
  expect(workerFile, 'the built reconciliation worker').toBeDefined();
  const url = `assets/${workerFile as string}`;
  const accountKey = await page.evaluate(cachedAccountKey);
  const period = { fromMs: 0, toMs: Date.now() + 86_400_000, timeZone: 'UTC', label: 'whole history' };

  for (const format of ['transactions-csv', 'koinly-csv']) {
    const body = { accountKeys: [accountKey], period, format, accountLabels: [[accountKey, LABEL]] };
    const one = await page.evaluate(exportInWorker, { url, body: { ...body, singleThread: true } });
    const two = await page.evaluate(exportInWorker, { url, body: { ...body, forceSplit: { minRows: 0, pagesPerJob: 1 } } });
    expect(one.helperJobs, `${format}: one worker`).toBe(0);
    expect(two.helperFailure, `${format}: the second worker failed`).toBeNull();
    expect(two.helperJobs, `${format}: jobs done by the second worker`).toBeGreaterThan(0);
    expect(one.bytes, `${format}: an empty export proves nothing`).toBeGreaterThan(10_000);
    expect(two.bytes).toBe(one.bytes);
    expect(two.sha256).toBe(one.sha256);
    expect(two.rowsSha256).toBe(one.rowsSha256);
    expect(two.sidecar).toBe(one.sidecar);
  }
});
