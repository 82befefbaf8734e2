/**
 * The README's screenshots, taken from the browser mode's demo account as a new user meets it:
 * "Try the demo account", one sync at Deribit's real rate limit, then the Overview, Reconciliation
 * (Balance chains) and Reconciliation (Year-end) at 1440×900, light and dark.
 *
 *   npm run build && npx tsx docs/screenshots/take-screenshots.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startBrowserMode } from '../../src/main/browser/browser-mode';
import { createDemoProvider } from '../../src/main/demo/demo-simulator';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = await mkdtemp(join(tmpdir(), 'recon-screenshots-'));
const app = await startBrowserMode({ port: 0, dataDir, staticDir: resolve('out/renderer'), demo: createDemoProvider() });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Try the demo account' }).click();
  await page.getByRole('tab', { name: 'Sync' }).click();
  const card = page.getByRole('article', { name: 'Demo account' });
  await card.getByRole('button', { name: 'Sync now' }).click();
  await card.getByText('Sync complete.').waitFor({ timeout: 180_000 });

  const shoot = async (name: string): Promise<void> => {
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(here, `${name}.png`) });
    console.log(`saved docs/screenshots/${name}.png`);
  };
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const suffix = scheme === 'light' ? '' : '-dark';
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.locator('[data-charts-drawn="true"]').waitFor({ timeout: 60_000 });
    await page.getByRole('article', { name: 'Reconciliation' }).getByText(/chains reconcile|findings? needs? attention/).waitFor({ timeout: 60_000 });
    await page.getByRole('article', { name: 'Findings' }).getByText(/money movements?/).waitFor({ timeout: 60_000 });
    await shoot(`overview${suffix}`);
    if (scheme === 'dark') continue;
    await page.getByRole('tab', { name: 'Reconciliation' }).click();
    await page.getByRole('tab', { name: 'Balance chains' }).click();
    await page.getByRole('table', { name: 'Chains' }).waitFor();
    await shoot('reconciliation-chains');
    await page.getByRole('tab', { name: 'Year-end' }).click();
    await page.getByRole('table', { name: 'Period summary' }).waitFor({ timeout: 60_000 });
    await shoot('reconciliation-year-end');
  }
} finally {
  await browser.close();
  await app.close();
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(0);
