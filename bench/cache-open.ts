/// <reference lib="dom" />
/**
 * cache_open_first_rows_ms and cache_open_heap_mb, in Chromium over the real browser mode: a
 * 1,000,000-row cache is written into the app's IndexedDB database, the page is reloaded, the
 * Transactions view is opened (time to the first painted rows), then scrolled to the last row and the
 * renderer's JS heap is read after a garbage collection.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { startBrowserMode } from '../src/main/browser/browser-mode';
import { report } from './bench-output';

const ROWS = 1_000_000;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export async function benchCacheOpen(rows = Number(process.env.BENCH_CACHE_ROWS ?? ROWS)): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'recon-bench-'));
  const app = await startBrowserMode({ port: 0, dataDir, staticDir: resolve('out/renderer') });
  // A persistent profile: IndexedDB on disk, as in the app (a plain new context is off-the-record, in memory).
  const profile = await mkdtemp(join(tmpdir(), 'recon-bench-profile-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, viewport: { width: 1600, height: 1000 },
    // Times are shown in the local zone by default: UTC here, so the oldest row's time below is known.
    timezoneId: 'UTC', locale: 'en-US',
  });
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.on('console', (m) => m.text().startsWith('bench:') && console.error(m.text()));
    await page.goto(app.url);
    await page.getByRole('tab', { name: 'Transactions' }).waitFor();
    const ingestMs = await page.evaluate(fillCache, rows);
    report('chromium_indexeddb_ingest_rows_per_s', rows / (ingestMs / 1000), 'rows/s', { where: 'Chromium, raw IndexedDB into the app schema, 10k-row transactions', rows });

    await page.reload();
    await page.getByRole('tab', { name: 'Transactions' }).waitFor();
    const grid = page.getByRole('grid', { name: 'Transactions' });
    const started = Date.now();
    await page.getByRole('tab', { name: 'Transactions' }).click();
    await grid.locator('[role="row"] [role="gridcell"][col-id="timestamp"]').first().waitFor({ timeout: 60_000 }).catch(async (error: unknown) => {
      await page.screenshot({ path: 'test-results/bench-cache-open-failure.png' });
      throw error;
    });
    report('cache_open_first_rows_ms', Date.now() - started, 'ms', { rows, where: 'Chromium' });
    // Counts are grouped by the number locale (en-US: "1,000,000 transactions").
    await page.getByRole('status').filter({ hasText: `${rows.toLocaleString('en-US')} transactions` }).waitFor({ timeout: 120_000 });

    // Scroll to the end in large steps, as a user dragging the scrollbar would, then to the very bottom.
    const scrollStarted = Date.now();
    for (let step = 1; step <= 10; step++) {
      await page.evaluate((f) => {
        const viewport = document.querySelector('.ag-body-viewport');
        if (viewport) viewport.scrollTop = viewport.scrollHeight * f;
      }, step / 10);
      await page.waitForTimeout(300);
    }
    // Then the keyboard's way to the last row; done when the oldest row (the last in time-desc order) is painted.
    await grid.locator('[role="row"] [role="gridcell"][col-id="timestamp"]').first().click();
    await page.keyboard.press('Control+End');
    // As the grid shows times: "2017-07-14 02:40:00" (in UTC, the zone above).
    const oldest = new Date(1_500_000_000_000).toISOString().slice(0, 19).replace('T', ' ');
    await grid.locator('[role="gridcell"][col-id="timestamp"]', { hasText: oldest }).first().waitFor({ timeout: 120_000 }).catch(async (error: unknown) => {
      await page.screenshot({ path: 'test-results/bench-cache-scroll-failure.png' });
      throw error;
    });
    const cdp = await browser.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    report('cache_open_heap_mb', usedSize / 1024 / 1024, 'MB', { rows, where: 'Chromium', scrolled_to_end_ms: Date.now() - scrollStarted });
  } finally {
    await browser.close();
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(profile, { recursive: true, force: true });
  }
}

/** Runs in the page: synthetic rows in the shape the sync store writes. */
async function fillCache(total: number): Promise<number> {
  const db = await new Promise<IDBDatabase>((res, rej) => {
    const req = indexedDB.open('deribit-reconciler');
    req.onsuccess = () => res(req.result);
    req.onerror = () => rej(req.error);
  });
  const types = ['trade', 'trade', 'trade', 'settlement', 'deposit', 'transfer', 'delivery', 'withdrawal'];
  const currencies = ['BTC', 'ETH', 'USDC'];
  const started = performance.now();
  for (let offset = 0; offset < total; offset += 10_000) {
    await new Promise<void>((res, rej) => {
      const tx = db.transaction('transactions', 'readwrite', { durability: 'relaxed' });
      const store = tx.objectStore('transactions');
      for (let i = offset; i < Math.min(total, offset + 10_000); i++) {
        const currency = currencies[i % 3]!;
        const change = `${i % 3 === 0 ? '-' : ''}0.${String(100_000_000 + ((i * 7919) % 100_000_000)).slice(1)}`;
        const balance = `${1000 + (i % 5000)}.${String(100_000_000 + ((i * 104_729) % 100_000_000)).slice(1)}`;
        const type = types[i % types.length]!;
        const timestamp = 1_500_000_000_000 + i * 60_000;
        store.put({
          accountKey: 'acc_bench', id: 10_000_000 + i, userId: 1000 + (i % 3), userSeq: i + 1, timestamp, currency, type,
          username: 'bench', instrumentName: `${currency}-PERPETUAL`, side: 'open buy', change, balance, cashflow: change,
          commission: '0.0000125', equity: balance, amount: '10', price: '51807.07', position: '1520', tradeId: String(28_000 + i),
          orderId: String(67_000 + i), ip: '11.222.33.44', infoText: 'Source: api',
          raw: `{"id":${10_000_000 + i},"currency":"${currency}","type":"${type}","timestamp":${timestamp},"change":${change},"balance":${balance},"info":"Source: api"}`,
        });
      }
      tx.oncomplete = () => {
        if ((offset + 10_000) % 100_000 === 0) console.log(`bench: ${offset + 10_000} rows written`);
        res();
      };
      tx.onerror = () => rej(tx.error);
    });
  }
  db.close();
  return performance.now() - started;
}
