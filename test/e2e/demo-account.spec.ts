import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { startBrowserMode, type BrowserMode } from '../../src/main/browser/browser-mode';
import { createDemoProvider } from '../../src/main/demo/demo-simulator';

let app: BrowserMode | null = null;
let dataDir: string | null = null;
test.afterEach(async () => {
  await app?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  app = dataDir = null;
});

test('a new user tries the demo account: one click, a sync at Deribit\'s real rate limit, data to browse', async ({ page }) => {
  dataDir = await mkdtemp(join(tmpdir(), 'recon-demo-'));
  // Exactly what `npm run browser` starts, including the real rate limit: no overrides.
  app = await startBrowserMode({ port: 0, dataDir, staticDir: resolve('out/renderer'), demo: createDemoProvider() });
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
  await page.getByRole('button', { name: 'Try the demo account' }).click();

  const card = page.getByRole('article', { name: 'Demo account' });
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: 'Sync now' }).click();
  await expect(card.getByRole('progressbar', { name: 'Sync progress' })).toBeVisible();
  await expect(card.getByText(/left|estimating/)).toBeVisible();
  await expect(card.getByText('Sync complete.')).toBeVisible({ timeout: 90_000 });

  await page.getByRole('tab', { name: 'Transactions' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^[1-9][\d,]* transactions$/ })).toBeVisible();
  await page.getByRole('tab', { name: 'Access log' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^1,\d{3} access-log events$/ })).toBeVisible();
});
