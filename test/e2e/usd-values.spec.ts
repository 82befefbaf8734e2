/**
 * USD values in the app (browser mode, Chromium): after a sync, the Year-end view downloads Deribit's
 * delivery prices by itself (through main, from the simulator), says what they cover, shows the period's
 * USD totals per year and lists the rows it cannot price (here: rows before the index's first published
 * day), each one a click away in Transactions, whose row details show the value and its source.
 */
import { expect, test } from '@playwright/test';
import { DEFAULT_SIM_KEY, type DeribitSim } from '../sim/deribit/index';
import { addAccount, startE2eApp, startE2eSim, syncAndWait, type E2eApp } from './support/app-harness';

let sim: DeribitSim | null = null;
let app: E2eApp | null = null;

test.use({ viewport: { width: 1800, height: 1100 } });
test.afterEach(async () => {
  await sim?.close();
  sim = null;
  await app?.close();
  app = null;
});

test('Year-end values the period in USD, says what the prices cover and lists the rows it cannot price', async ({ page }) => {
  test.setTimeout(150_000);
  sim = await startE2eSim();
  const btc = sim.users.flatMap((u) => sim!.truthTransactions(u.userId, 'BTC'));
  const firstDay = new Date(Math.min(...btc.map((r) => r.timestamp))).toISOString().slice(0, 10);
  // Prices start 10 days after the first rows: those rows (without a USD price of their own) stay unpriced.
  const firstPrice = new Date(Date.parse(`${firstDay}T00:00:00Z`) + 10 * 86_400_000).toISOString().slice(0, 10);
  await sim.close();
  sim = await startE2eSim({ deliveryPrices: { firstDate: firstPrice } });

  app = await startE2eApp();
  await page.goto(app.app.url);
  await addAccount(page, sim, { label: 'Sim trader', clientId: DEFAULT_SIM_KEY.clientId, clientSecret: DEFAULT_SIM_KEY.clientSecret });
  await syncAndWait(page, 'Sim trader');
  await page.getByRole('tab', { name: 'Reconciliation' }).click();
  await page.getByRole('tab', { name: 'Year-end' }).click();
  await page.getByRole('radio', { name: 'Date range' }).check();
  await page.getByLabel('From').fill(firstDay);

  const usd = page.getByRole('region', { name: 'USD values' });
  await expect(usd.getByRole('status')).toHaveText(/Downloaded [\d,]+ daily prices \(btc_usd, eth_usd\)\.|USD prices are up to date/, { timeout: 60_000 });
  const coverage = usd.getByRole('list', { name: 'USD price coverage' });
  await expect(coverage).toContainText(`BTC: btc_usd delivery prices from ${sim.url}, ${firstPrice} to `);
  await expect(coverage).toContainText('USDC: counted as 1 USD (par)');
  await expect(usd.getByRole('table', { name: /USD totals per year/ })).toBeVisible({ timeout: 30_000 });

  const unpricedHeading = usd.getByRole('heading', { name: /rows? ha(s|ve) no USD price/ });
  await expect(unpricedHeading).toBeVisible();
  const firstUnpriced = usd.getByRole('list', { name: /no USD price/ }).getByRole('listitem').first();
  await expect(firstUnpriced).toContainText(`history starts on ${firstPrice}`);

  // One click to the row; its details name the missing price; another row shows its value and source.
  await firstUnpriced.getByRole('button', { name: /^Show row \d+$/ }).click();
  const details = page.getByRole('complementary', { name: 'Row details' });
  await expect(details.getByText(/^none — Deribit's (btc|eth)_usd history starts on /)).toBeVisible({ timeout: 20_000 });

  // "Update USD prices" again: nothing new to fetch, said plainly.
  await page.getByRole('tab', { name: 'Reconciliation' }).click();
  await page.getByRole('tab', { name: 'Year-end' }).click();
  await usd.getByRole('button', { name: 'Update USD prices' }).click();
  await expect(usd.getByRole('status')).toHaveText(/USD prices are up to date \(btc_usd, eth_usd\)\./, { timeout: 30_000 });
});
