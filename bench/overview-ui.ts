/// <reference lib="dom" />
/**
 * overview_first_paint_ms and ui_longest_task_ms over the Overview, the way a user meets them: the app
 * (browser mode, Chromium) over a 1,000,000-row cache (bench/ledger-fill.ts, under the demo account's
 * key) opened on the Overview, from navigation start to every balance chart drawn (the page's own
 * `overview-charts-drawn` performance mark). Measured twice:
 * - cold: the first opening after the rows were written (no overview computed yet: the worker reads
 *   every chain's columns and downsamples);
 * - reopened: the app opened again with nothing new cached (the usual start: the last overview is
 *   drawn at once and the worker confirms it from the chains' row counts).
 * Long tasks are the page main thread's from navigation start until the cards' checks
 * (reconciliation verdict, correlation) have answered and funding (read from the full rows) is in.
 */
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { createDemoProvider } from '../src/main/demo/demo-simulator';
import type { AccountInfo, AddKeyResult } from '../src/shared/contract';
import { openBenchBrowser } from './bench-browser';
import { fillLedger, putTxStreams } from './ledger-fill';
import { startWatch, stopWatch } from './long-task-watch';
import type { Figure } from './reconcile-worker';

const USER_ID = 1001;
const CHAINS = 3;

/** One contract call over the browser mode's HTTP transport, as the page makes it. */
async function callContract<T>(origin: string, token: string, name: string, args: unknown): Promise<T> {
  const response = await fetch(`${origin}/api/${name}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(args) });
  const envelope = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error?.message ?? response.status}`);
  return envelope.value as T;
}

/** Runs in the page: rows stored per the tx streams' sync state (raw IndexedDB). */
async function ledgerRowCount(): Promise<number> {
  const db = await new Promise<IDBDatabase>((res, rej) => {
    const req = indexedDB.open('deribit-reconciler');
    req.onsuccess = () => res(req.result);
    req.onerror = () => rej(req.error);
  });
  const counts = await new Promise<number[]>((res, rej) => {
    const req = db.transaction('syncState').objectStore('syncState').getAll();
    req.onsuccess = () => res((req.result as { kind: string; rowsStored: number }[]).filter((s) => s.kind === 'tx').map((s) => s.rowsStored));
    req.onerror = () => rej(req.error);
  });
  db.close();
  return counts.reduce((a, b) => a + b, 0);
}

interface Opening {
  readonly firstPaintMs: number;
  readonly fundingMs: number;
  /** Main-thread time receiving the correlate result (every money movement, for the timeline) and the overview's own results. */
  readonly correlateResultMs: number;
  readonly overviewResultMs: number;
  readonly longestTaskMs: number;
  readonly longTasks: number;
  readonly longestFrameGapMs: number;
  readonly cardsMs: number;
}

/** Reloads the app (the long-task watch installed before any of its scripts) and waits for the charts and the cards. */
async function openOverview(page: Page): Promise<Opening> {
  await page.reload();
  await page.locator('[data-charts-drawn="true"]').waitFor({ timeout: 120_000 });
  const firstPaintMs = await page.evaluate(() => performance.getEntriesByName('overview-charts-drawn')[0]?.startTime ?? Number.NaN);
  if (!Number.isFinite(firstPaintMs)) throw new Error('overview bench: no overview-charts-drawn mark');
  const figures = await page.getByRole('figure', { name: /balance over time$/ }).count();
  if (figures !== CHAINS) throw new Error(`overview bench: ${figures} balance charts drawn, expected ${CHAINS}: ${(await page.locator(".view--overview").innerText()).slice(0, 3000)}`);
  await page.getByRole('article', { name: 'Reconciliation' }).getByText(`All ${CHAINS} chains reconcile`).waitFor({ timeout: 120_000 });
  await page.getByRole('article', { name: 'Findings' }).getByText(/money movements/).waitFor({ timeout: 120_000 });
  const cardsMs = await page.evaluate(() => performance.now());
  // Funding comes last (read from the full rows), one note per currency once it is in.
  await page.getByText('Funding: the interest_pl of settlements').nth(CHAINS - 1).waitFor({ timeout: 300_000 });
  const fundingMs = await page.evaluate(() => performance.now());
  const watch = await page.evaluate(stopWatch);
  const messages = await page.evaluate(() => (globalThis as unknown as { __benchWorkerMessages: [string, number][] }).__benchWorkerMessages);
  const mainThreadMs = (request: string): number => Math.max(0, ...messages.filter(([r]) => r === request).map(([, ms]) => ms));
  return {
    firstPaintMs, cardsMs, fundingMs, longestTaskMs: watch.longestTaskMs, longTasks: watch.longTasks, longestFrameGapMs: watch.longestFrameGapMs,
    correlateResultMs: mainThreadMs('correlate'), overviewResultMs: Math.max(mainThreadMs('overview'), mainThreadMs('overviewFunding')),
  };
}

/**
 * Runs in the page before its scripts: times how long the main thread spends receiving each worker
 * result (structured-clone deserialisation happens when `data` is first read), by request type.
 */
const WORKER_MESSAGE_TIMES = `globalThis.__benchWorkerMessages = [];
const BenchWorker = globalThis.Worker;
globalThis.Worker = class extends BenchWorker {
  constructor(...args) {
    super(...args);
    this.addEventListener('message', (event) => {
      const t0 = performance.now();
      const data = event.data;
      if (data && data.type === 'result') globalThis.__benchWorkerMessages.push([data.request, performance.now() - t0]);
    });
  }
};`;

export async function benchOverviewUi(rows = Number(process.env.BENCH_OVERVIEW_ROWS ?? 1_000_000), staticDir = resolve(process.env.RENDERER_DIR ?? 'out/renderer')): Promise<Figure[]> {
  let account: AccountInfo | null = null;
  const { page, close } = await openBenchBrowser('overview', staticDir, {
    demo: createDemoProvider(),
    beforeOpen: async (app) => {
      account = (await callContract<AddKeyResult>(app.origin, app.apiToken, 'addDemoAccount', {})).account;
    },
  });
  try {
    if (account === null) throw new Error('overview bench: the demo account was not added');
    const { accountKey } = account as AccountInfo;
    await page.evaluate(fillLedger, { rows, accountKey, userId: USER_ID, withRows: true, firstIndex: 0 });
    await page.evaluate(putTxStreams, { accountKey, userId: USER_ID });
    const stored = Math.ceil(rows / CHAINS) * CHAINS;
    const written = await page.evaluate(ledgerRowCount);
    if (written !== stored) throw new Error(`overview bench: ${written} rows in the ledger, expected ${stored}`);
    // From the page's first script on: esbuild's __name helper, then the long-task watch.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f' });
    await page.addInitScript(startWatch);
    await page.addInitScript({ content: WORKER_MESSAGE_TIMES });

    const cold = await openOverview(page);
    const reopened = await openOverview(page);

    const where = "Chromium, the app's Overview (browser mode), Dexie cache on disk";
    const figure = (name: string, value: number, extra: Record<string, unknown> = {}) => ({ name, value: Number(value.toFixed(1)), unit: 'ms', where, rows: stored, ...extra });
    return [
      figure('overview_first_paint_ms', reopened.firstPaintMs, {
        note: 'navigation start to every balance chart drawn, the app reopened with nothing new cached (the last overview drawn at once, confirmed by the worker)',
      }),
      figure('overview_first_paint_cold_ms', cold.firstPaintMs, {
        note: 'navigation start to every balance chart drawn, first opening after 1M rows were written (the worker reads every chain and downsamples)',
      }),
      figure('ui_longest_task_ms', Math.max(cold.longestTaskMs, reopened.longestTaskMs), {
        view: 'overview', long_tasks: cold.longTasks + reopened.longTasks, longest_frame_gap_ms: Number(Math.max(cold.longestFrameGapMs, reopened.longestFrameGapMs).toFixed(1)),
        correlate_result_main_thread_ms: Number(Math.max(cold.correlateResultMs, reopened.correlateResultMs).toFixed(1)),
        overview_results_main_thread_ms: Number(Math.max(cold.overviewResultMs, reopened.overviewResultMs).toFixed(1)),
        note: 'page main thread from navigation start until the charts are drawn, both cards have answered and funding is read, cold and reopened; correlate_result_main_thread_ms: of it, receiving the correlate result (every money movement, for the timeline)',
      }),
      figure('overview_cards_ready_ms', cold.cardsMs, { note: 'cold opening: navigation start to the reconciliation verdict and the correlation answered' }),
      figure('overview_funding_ready_ms', cold.fundingMs, { note: 'cold opening: navigation start to funding by month read from the full rows (after the charts and cards)' }),
    ];
  } finally {
    await close();
  }
}

// `tsx bench/overview-ui.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { report } = await import('./bench-output');
  for (const { name, value, unit, ...context } of await benchOverviewUi()) report(name, value, unit, context);
  process.exit(0);
}
