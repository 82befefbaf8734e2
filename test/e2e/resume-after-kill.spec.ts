import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_SIM_KEY, type DeribitSim } from '../sim/deribit/index';
import { addAccount, cachedTransactionIds, e2eDataset, startE2eApp, syncAndWait, type E2eApp } from './support/app-harness';
import { launchKillableChromium, type KillableChromium } from './support/killable-chromium';
import { startDeribitSim } from '../sim/deribit/index';

const CURRENCIES = ['BTC', 'ETH', 'USDC'];
const INTERVAL_MS = 120;
let sim: DeribitSim | null = null;
let app: E2eApp | null = null;
let chromium: KillableChromium | null = null;
let profile: string | null = null;

test.afterEach(async () => {
  await chromium?.kill().catch(() => undefined);
  await sim?.close();
  await app?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
  sim = app = chromium = profile = null;
});

test('a sync killed mid-way (browser process SIGKILLed) resumes with no gap and no duplicate', async () => {
  sim = await startDeribitSim({ dataset: e2eDataset({ rowsPerStream: 900, accessLogEvents: 1500 }), txLogIntervalMs: INTERVAL_MS });
  app = await startE2eApp(INTERVAL_MS);
  profile = await mkdtemp(join(tmpdir(), 'recon-profile-'));

  chromium = await launchKillableChromium(profile);
  let page = await chromium.browser.contexts()[0]!.newPage();
  await page.goto(app.app.url);
  await addAccount(page, sim, { label: 'Killed', clientId: DEFAULT_SIM_KEY.clientId, clientSecret: DEFAULT_SIM_KEY.clientSecret });
  await page.getByRole('tab', { name: 'Sync' }).click();
  const card = page.getByRole('article', { name: 'Killed' });
  await card.getByRole('button', { name: 'Sync now' }).click();
  await expect(card.getByText(/Pages: (1[0-9]|[2-9][0-9])\b/)).toBeVisible({ timeout: 60_000 });
  await chromium.kill();
  const pagesServed = () => sim!.requests().filter((r) => r.method === 'private/get_transaction_log' && r.errorCode === null && r.status === 200).length;
  const servedBeforeKill = pagesServed();

  chromium = await launchKillableChromium(profile);
  page = await chromium.browser.contexts()[0]!.newPage();
  await page.goto(app.app.url);
  const kept = await cachedTransactionIds(page);
  expect(kept.length).toBeGreaterThan(0);
  const truthIds = sim.users.flatMap((u) => CURRENCIES.flatMap((c) => sim!.truthTransactions(u.userId, c).map((t) => t.id)));
  expect(kept.length).toBeLessThan(truthIds.length);

  await syncAndWait(page, 'Killed');
  const ids = await cachedTransactionIds(page);
  expect(ids.sort((a, b) => a - b)).toEqual(truthIds.sort((a, b) => a - b));
  // No duplicate where one could exist: the ledger pages (what reconciliation and exports read) may hold a
  // row twice or miss one if a page was committed twice or half; their ids, duplicates kept, must be the truth.
  const ledgerIds = await ledgerRowIds(page);
  expect(ledgerIds.length).toBe(truthIds.length);
  expect(ledgerIds.sort((a, b) => a - b)).toEqual(truthIds);
  // Resumed from the stored cursors: the second run did not start over.
  const minimumPages = sim.users.reduce((n, u) => n + CURRENCIES.reduce((m, c) => m + Math.ceil(sim!.truthTransactions(u.userId, c).length / 250), 0), 0);
  // Resumed, not restarted: the second run re-fetched at most the page in flight when the process died,
  // plus one incremental page (a window from the watermark, not from account creation) per stream that
  // had finished before the kill and one for the interrupted stream (after its old window it catches up
  // to the second run's start).
  const creation = String(e2eDataset().startTime);
  const secondRun = sim.requests()
    .filter((r) => r.method === 'private/get_transaction_log' && r.status === 200 && r.errorCode === null)
    .slice(servedBeforeKill);
  const incremental = secondRun.filter((r) => r.params.start_timestamp !== creation).length;
  expect(secondRun.length - incremental).toBeLessThanOrEqual(minimumPages - servedBeforeKill + 1);
  expect(incremental).toBeLessThanOrEqual(9);
  await page.getByRole('tab', { name: 'Transactions' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${truthIds.length.toLocaleString('en-US')} transactions` })).toBeVisible();
});

/** Every row id in the ledger's rows pages (raw IndexedDB, independent of the app's code), duplicates kept. */
async function ledgerRowIds(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const req = indexedDB.open('deribit-reconciler');
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error);
    });
    const pages = await new Promise<{ rows: { id: number }[] }[]>((res, rej) => {
      const req = db.transaction('ledgerRows').objectStore('ledgerRows').getAll();
      req.onsuccess = () => res(req.result as { rows: { id: number }[] }[]);
      req.onerror = () => rej(req.error);
    });
    db.close();
    return pages.flatMap((p) => p.rows.map((r) => r.id));
  });
}
