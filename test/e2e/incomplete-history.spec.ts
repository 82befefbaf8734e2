/**
 * Reconciliation after a cancelled sync, as a person meets it with the demo account: history that is
 * simply not downloaded yet is said plainly ("Not fully downloaded (sync N % done) — sync to finish"),
 * never shown as gapped chains or transfers without their other side; synced to the end, every chain
 * reconciles.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startBrowserMode, type BrowserMode } from '../../src/main/browser/browser-mode';
import { createDemoProvider } from '../../src/main/demo/demo-simulator';
import { cachedTransactionIds } from './support/app-harness';

/** The demo account: main + two subaccounts, three currencies. */
const CHAINS = 9;
const NOT_DOWNLOADED = /Not fully downloaded \(sync \d{1,2} % done\) — sync to finish/;

let app: BrowserMode | null = null;
let dataDir: string | null = null;
test.afterEach(async () => {
  await app?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  app = dataDir = null;
});

async function syncToCompletion(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Sync' }).click();
  const card = page.getByRole('article', { name: 'Demo account' });
  await card.getByRole('button', { name: 'Sync now' }).click();
  await expect(card.getByText('Sync complete.')).toBeVisible({ timeout: 90_000 });
}

async function openReconciliation(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Reconciliation' }).click();
  await expect(page.getByRole('heading', { name: 'Reconciliation', level: 2 })).toBeVisible();
}

/** Nothing the missing part would cause: no gapped or broken chain, no transfer without its other side, no error or warning. */
async function expectNoFindingFromMissingHistory(page: Page): Promise<void> {
  const chains = page.getByRole('table', { name: 'Chains' });
  await expect(chains.getByText(/Gapped|break|History incomplete/)).toHaveCount(0);
  await expect(page.getByText(/transfers? without (its|their) other side/)).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Findings' }).getByRole('cell', { name: /^(Error|Warning)$/ })).toHaveCount(0);
}

test('a cancelled sync: Reconciliation says what is not downloaded yet, and reconciles every chain once the sync finishes', async ({ page }) => {
  test.setTimeout(240_000);
  dataDir = await mkdtemp(join(tmpdir(), 'recon-incomplete-'));
  // What `npm run browser` starts, at the real rate limit.
  app = await startBrowserMode({ port: 0, dataDir, staticDir: resolve('out/renderer'), demo: createDemoProvider() });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Try the demo account' }).click();

  // Sync about a third of the history, then cancel.
  const card = page.getByRole('article', { name: 'Demo account' });
  await card.getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(async () => (await cachedTransactionIds(page)).length, { timeout: 90_000, intervals: [250] }).toBeGreaterThan(1200);
  await card.getByRole('button', { name: 'Cancel sync' }).click();
  await expect(card.getByRole('button', { name: 'Sync now' })).toBeEnabled();
  await expect(card.getByText(/Sync cancelled/)).toBeVisible();

  await openReconciliation(page);
  const verdict = page.getByRole('status').filter({ hasText: /chains? (is|are) not fully downloaded|chains reconcile|attention/ });
  await expect(verdict).toContainText(new RegExp(`^[1-9]\\d* of ${CHAINS} chains (is|are) not fully downloaded — sync to finish; findings wait until then\\.`));
  const chains = page.getByRole('table', { name: 'Chains' });
  await expect(chains.getByRole('row')).toHaveCount(CHAINS + 1);
  await expect(chains.getByText(NOT_DOWNLOADED).first()).toBeVisible();
  await expectNoFindingFromMissingHistory(page);
  await expect(page.getByText('Transfers matched so far')).toBeVisible();

  // Sync to the end, as the verdict says. A window the cancel interrupted closes at the moment the first
  // sync began; when the engine leaves it behind the newer run, the verdict says so and one more sync ends it.
  await syncToCompletion(page);
  await openReconciliation(page);
  const allGood = `All ${CHAINS} chains reconcile: every balance follows from the one before, no gaps.`;
  await expect(verdict).toContainText(new RegExp(`^(${allGood}|1 of ${CHAINS} chains is not fully downloaded — sync to finish)`));
  await expectNoFindingFromMissingHistory(page);
  if (!((await verdict.textContent()) ?? '').startsWith(allGood)) {
    await syncToCompletion(page);
    await openReconciliation(page);
  }
  await expect(verdict).toContainText(allGood);
  await expect(chains.getByText('Complete', { exact: true })).toHaveCount(CHAINS);
  await expect(chains.getByText('Chain intact')).toHaveCount(CHAINS);
  await expect(chains.getByText(NOT_DOWNLOADED)).toHaveCount(0);
  await expect(page.getByText('Transfers matched', { exact: true })).toBeVisible();
  await expectNoFindingFromMissingHistory(page);
});
