/**
 * A login source's history window, driven by role and accessible name: the first sync says which window it
 * asked for (never a bare "0 new events"), the card says what the provider keeps and what was asked, and
 * "Fetch older events" reaches back to a chosen date, bringing logins 2–3 years old.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { startBrowserMode, type BrowserMode } from '../../src/main/browser/browser-mode';
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
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

test('the first sync says what it asked for, and "Fetch older events" reaches back years', async ({ page }) => {
  const now = Date.now();
  dataDir = await mkdtemp(join(tmpdir(), 'recon-login-history-'));
  // 150 audit events 2–3 years old, 30 from the last month.
  sim = await startNlpearlSim({ dataset: { seed: 8, events: 150, startTime: now - 3 * 365 * DAY, endTime: now - 2 * 365 * DAY } });
  sim.append({ count: 30, from: now - 30 * DAY, to: now - DAY });
  const total = sim.truth().length;
  app = await startBrowserMode({ port: 0, dataDir, staticDir: resolve(process.env.RENDERER_DIR ?? 'out/renderer') });
  await page.goto(app.url);
  await page.getByRole('tab', { name: 'Login sources' }).click();

  const form = page.getByRole('form', { name: 'Add a login source' });
  await form.getByLabel('Provider').selectOption('nlpearl');
  await form.getByLabel('Name').fill('Pearl');
  await form.getByLabel('Base URL').fill(sim.url);
  await form.getByLabel('Account ID').fill(DEFAULT_NLPEARL_ACCOUNT.accountId);
  await form.getByLabel('NLPearl secret key').fill(DEFAULT_NLPEARL_ACCOUNT.secretKey);
  await form.getByRole('button', { name: 'Add source' }).click();

  const card = page.getByRole('article', { name: 'Pearl' });
  await card.getByRole('button', { name: 'Sync Pearl now' }).click();
  // No Deribit history cached: the first sync asks for a year, and says so.
  await expect(card.getByText(/^Up to date: 30 new events \(asked for \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\)/)).toBeVisible({ timeout: 30_000 });
  const history = card.getByRole('region', { name: 'History of Pearl' });
  await expect(history).toContainText('NLPearl does not document how long it keeps its log');
  await expect(history).toContainText(`Asked back to ${day(now - 365 * DAY)}`);

  const reach = card.getByRole('form', { name: 'Fetch older events from Pearl' });
  await reach.getByLabel('Reach back to').fill(day(now + 2 * DAY));
  await reach.getByRole('button', { name: 'Fetch older events' }).click();
  await expect(card.getByRole('alert')).toHaveText('Choose a date in the past: the sync reaches back from today.');

  const from = day(now - 3 * 365 * DAY - 5 * DAY);
  await reach.getByLabel('Reach back to').fill(from);
  await reach.getByRole('button', { name: 'Fetch older events' }).click();
  await expect(card.getByText(new RegExp(`^Up to date: 150 new events \\(asked for ${from} to `))).toBeVisible({ timeout: 30_000 });
  await expect(card.getByText(`${total} events`)).toBeVisible();
  await expect(history).toContainText(`Asked back to ${from}`);
  await expect(card.getByRole('alert')).toHaveCount(0);
});
