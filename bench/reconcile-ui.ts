/// <reference lib="dom" />
/**
 * ui_longest_task_ms the way a user meets it: the app's own Reconciliation view over a 1,000,000-row
 * cache (bench/ledger-fill.ts, under the demo account's key), in Chromium, while it reconciles on
 * first visit, runs "Run full check" and exports every row to the transactions CSV (chunks collected by
 * the page, the file handed over as a download). Long tasks are the page main thread's; the figures
 * for the view's own round trips are what the user waits for.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Download } from '@playwright/test';
import { createDemoProvider } from '../src/main/demo/demo-simulator';
import type { AccountInfo, AddKeyResult } from '../src/shared/contract';
import { openBenchBrowser } from './bench-browser';
import { fillLedger, putTxStreams } from './ledger-fill';
import { startWatch, stopWatch } from './long-task-watch';
import type { Figure } from './reconcile-worker';

const USER_ID = 1001;
const CHAINS = 3;
const FIRST_TIMESTAMP = 1_700_000_000_000;
const ROW_SPACING_MS = 10_000;

/** One contract call over the browser mode's HTTP transport, as the page makes it. */
async function callContract<T>(origin: string, token: string, name: string, args: unknown): Promise<T> {
  const response = await fetch(`${origin}/api/${name}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(args) });
  const envelope = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error?.message ?? response.status}`);
  return envelope.value as T;
}

export async function benchReconcileUi(rows = Number(process.env.BENCH_RECONCILE_ROWS ?? 1_000_000), staticDir = resolve(process.env.RENDERER_DIR ?? 'out/renderer')): Promise<Figure[]> {
  // The account exists before the page opens, so the app lists it from the start.
  let account: AccountInfo | null = null;
  const { page, close } = await openBenchBrowser('ui', staticDir, {
    demo: createDemoProvider(),
    acceptDownloads: true,
    beforeOpen: async (app) => {
      account = (await callContract<AddKeyResult>(app.origin, app.apiToken, 'addDemoAccount', {})).account;
    },
  });
  try {
    if (account === null) throw new Error('reconcile ui bench: the demo account was not added');
    const { accountKey } = account as AccountInfo;
    await page.evaluate(fillLedger, { rows, accountKey, userId: USER_ID, withRows: true, firstIndex: 0 });
    await page.evaluate(putTxStreams, { accountKey, userId: USER_ID });
    const stored = Math.ceil(rows / CHAINS) * CHAINS;
    const allRows = `Checked all ${stored.toLocaleString('en-US')} rows`;

    await page.evaluate(startWatch);
    let started = Date.now();
    await page.getByRole('tab', { name: 'Reconciliation' }).click();
    const verdict = page.getByRole('status').filter({ hasText: `All ${CHAINS} chains reconcile` });
    await verdict.filter({ hasText: allRows }).waitFor({ timeout: 120_000 });
    const firstVisitMs = Date.now() - started;

    started = Date.now();
    const fullCheck = page.getByRole('button', { name: 'Run full check' });
    await fullCheck.click();
    // Disabled while it runs (set as the click is handled), enabled again with the new verdict.
    await fullCheck.and(page.locator(':enabled')).waitFor({ timeout: 120_000 });
    await verdict.filter({ hasText: allRows }).waitFor({ timeout: 120_000 });
    const fullCheckMs = Date.now() - started;

    await page.getByRole('tab', { name: 'Year-end' }).click();
    await page.getByRole('radio', { name: 'Date range' }).check();
    await page.getByLabel('From').fill(new Date(FIRST_TIMESTAMP).toISOString().slice(0, 10));
    await page.getByLabel('To (inclusive)').fill(new Date(FIRST_TIMESTAMP + (stored - 1) * ROW_SPACING_MS).toISOString().slice(0, 10));
    const downloads: Download[] = [];
    page.on('download', (d) => void downloads.push(d));
    started = Date.now();
    await page.getByRole('button', { name: 'Export Transactions (CSV)' }).click();
    await page.getByRole('status').filter({ hasText: /^Saved / }).waitFor({ timeout: 300_000 });
    // The browser starts a download a moment after the page hands it the file: one .zip (the CSV and its sidecar).
    const csvDownload = (): Download | undefined => downloads.find((d) => d.suggestedFilename().endsWith('.zip'));
    for (let waited = 0; csvDownload() === undefined && waited < 60_000; waited += 100) await page.waitForTimeout(100);
    const csv = csvDownload();
    if (csv === undefined) throw new Error(`reconcile ui bench: no CSV zip was downloaded (downloads: ${downloads.map((d) => d.suggestedFilename()).join(', ') || 'none'})`);
    const path = await csv.path();
    const exportMs = Date.now() - started;
    const watch = await page.evaluate(stopWatch);
    const savedText = await page.getByRole('status').filter({ hasText: /^Saved / }).innerText();
    const { size } = await stat(path);
    if (!savedText.includes(`${stored.toLocaleString('en-US')} rows, ${size.toLocaleString('en-US')} bytes`)) throw new Error(`reconcile ui bench: the view says "${savedText}", the download holds ${size} bytes`);

    const where = 'Chromium, the app\'s Reconciliation view (browser mode), Dexie cache on disk';
    return [
      {
        name: 'ui_longest_task_ms', value: Number(watch.longestTaskMs.toFixed(1)), unit: 'ms', where, rows: stored,
        long_tasks: watch.longTasks, frames: watch.frames, longest_frame_gap_ms: Number(watch.longestFrameGapMs.toFixed(1)),
        note: 'page main thread while the view reconciles on first visit, runs a full check and exports every row to the transactions CSV (download included)',
      },
      { name: 'ui_reconcile_first_visit_ms', value: firstVisitMs, unit: 'ms', where, rows: stored },
      { name: 'ui_full_check_ms', value: fullCheckMs, unit: 'ms', where, rows: stored },
      { name: 'ui_export_csv_1m_ms', value: exportMs, unit: 'ms', where, rows: stored, bytes: size, note: 'click to the download (a .zip of the CSV and its sidecar) complete' },
    ];
  } finally {
    await close();
  }
}

// `tsx bench/reconcile-ui.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { report } = await import('./bench-output');
  for (const { name, value, unit, ...context } of await benchReconcileUi()) report(name, value, unit, context);
  process.exit(0);
}
