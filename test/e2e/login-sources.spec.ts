/**
 * Login sources, driven by role and accessible name: the demo account button brings the three demo login
 * sources; "Sync login sources" fills the Login events grid; a source added through the form is tested
 * first (wrong key → failure in words, right key → success) and removed with confirmation.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { startBrowserMode, type BrowserMode } from '../../src/main/browser/browser-mode';
import { createDemoProvider } from '../../src/main/demo/demo-simulator';
import { DEFAULT_NLPEARL_ACCOUNT, startNlpearlSim, type NlpearlSim } from '../sim/nlpearl/index';

let app: BrowserMode | null = null;
let sim: NlpearlSim | null = null;
let dataDir: string | null = null;
test.afterEach(async () => {
  await app?.close();
  await sim?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  app = sim = dataDir = null;
});

const DAY = 86_400_000;

test('the demo brings three login sources whose events fill the Login events grid', async ({ page }) => {
  dataDir = await mkdtemp(join(tmpdir(), 'recon-login-demo-'));
  app = await startBrowserMode({ port: 0, dataDir, staticDir: resolve(process.env.RENDERER_DIR ?? 'out/renderer'), demo: createDemoProvider() });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Try the demo account' }).click();
  await expect(page.getByRole('article', { name: 'Login sources' })).toBeVisible();

  await page.getByRole('tab', { name: 'Login sources' }).click();
  const list = page.getByRole('list', { name: 'Configured login sources' });
  for (const name of ['Demo Cloudflare Access', 'Demo Ingedata Pulse', 'Demo NLPearl']) await expect(list.getByRole('article', { name })).toBeVisible();
  await page.getByRole('button', { name: 'Sync login sources' }).click();
  for (const name of ['Demo Cloudflare Access', 'Demo Ingedata Pulse', 'Demo NLPearl']) {
    await expect(list.getByRole('article', { name }).getByText(/^Up to date: [\d,]+ new events/)).toBeVisible({ timeout: 60_000 });
  }

  await page.getByRole('tab', { name: 'Login events' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^[\d,]+ login events$/ })).toBeVisible();
  await page.getByLabel('Kind').selectOption('2fa-disabled');
  await expect(page.getByRole('status').filter({ hasText: /^[1-9][\d,]* login events?$/ })).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Login events' })).toBeVisible();
});

test('a source is tested, added through the form, and removed with confirmation', async ({ page }) => {
  dataDir = await mkdtemp(join(tmpdir(), 'recon-login-form-'));
  sim = await startNlpearlSim({ dataset: { seed: 3, events: 200, startTime: Date.now() - 20 * DAY, endTime: Date.now() - DAY } });
  app = await startBrowserMode({ port: 0, dataDir, staticDir: resolve(process.env.RENDERER_DIR ?? 'out/renderer') });
  await page.goto(app.url);
  await page.getByRole('tab', { name: 'Login sources' }).click();
  await expect(page.getByRole('heading', { name: 'No login sources yet' })).toBeVisible();

  const form = page.getByRole('form', { name: 'Add a login source' });
  await form.getByLabel('Provider').selectOption('nlpearl');
  await form.getByLabel('Name').fill('Pearl');
  await form.getByLabel('Base URL').fill(sim.url);
  await form.getByLabel('Account ID').fill(DEFAULT_NLPEARL_ACCOUNT.accountId);
  await form.getByLabel('NLPearl secret key').fill('wrong');
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(form.getByRole('status', { name: 'Connection test result' })).toContainText('Connection failed.');
  await form.getByLabel('NLPearl secret key').fill(DEFAULT_NLPEARL_ACCOUNT.secretKey);
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(form.getByRole('status', { name: 'Connection test result' })).toContainText('Connection works.');
  await form.getByRole('button', { name: 'Add source' }).click();

  const card = page.getByRole('article', { name: 'Pearl' });
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: 'Sync Pearl now' }).click();
  await expect(card.getByText('200 events')).toBeVisible({ timeout: 30_000 });
  await card.getByRole('button', { name: 'Remove Pearl' }).click();
  await page.getByRole('dialog', { name: 'Remove Pearl?' }).getByRole('button', { name: 'Remove source and cached events' }).click();
  await expect(page.getByRole('heading', { name: 'No login sources yet' })).toBeVisible();
});
