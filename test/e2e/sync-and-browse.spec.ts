import { expect, test } from '@playwright/test';
import { DEFAULT_SIM_KEY, type DeribitSim } from '../sim/deribit/index';
import { addAccount, cachedTransactionIds, startE2eApp, startE2eSim, syncAndWait, truthRowCount, type E2eApp } from './support/app-harness';
import { groupEn } from './support/grid-page';

const CURRENCIES = ['BTC', 'ETH', 'USDC'];
let sim: DeribitSim | null = null;
let app: E2eApp | null = null;

test.use({ viewport: { width: 2600, height: 1100 } });
test.afterEach(async () => {
  await sim?.close();
  sim = null;
  await app?.close();
  app = null;
});

test('add a key, sync, the grids hold exactly the simulator rows, and stay browsable without the simulator', async ({ page }) => {
  sim = await startE2eSim();
  app = await startE2eApp();
  await page.goto(app.app.url);
  await expect(page.getByRole('heading', { name: 'Deribit Reconciler', level: 1 })).toBeVisible();

  await addAccount(page, sim, { label: 'Sim trader', clientId: DEFAULT_SIM_KEY.clientId, clientSecret: DEFAULT_SIM_KEY.clientSecret });
  await expect(page.getByRole('status').filter({ hasText: 'Added Sim trader' })).toBeVisible();
  await expect(page.getByLabel('Client secret')).toHaveValue('');
  const card = page.getByRole('article', { name: 'Sim trader' });
  await expect(card).toContainText('account:read');
  await expect(card.getByRole('alert')).toHaveCount(0);

  await syncAndWait(page, 'Sim trader');
  const rows = truthRowCount(sim, CURRENCIES);
  const events = sim.truthAccessLog().length;
  expect(rows).toBeGreaterThan(3000);
  expect(events).toBeGreaterThan(1000);

  // The cache holds exactly the simulator's ids.
  const ids = await cachedTransactionIds(page);
  const truthIds = sim.users.flatMap((u) => CURRENCIES.flatMap((c) => sim!.truthTransactions(u.userId, c).map((t) => t.id)));
  expect(ids.sort((a, b) => a - b)).toEqual(truthIds.sort((a, b) => a - b));

  await page.getByRole('tab', { name: 'Transactions' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${rows.toLocaleString('en-US')} transactions` })).toBeVisible();
  const grid = page.getByRole('grid', { name: 'Transactions' });
  await expect(grid.getByRole('row').nth(2)).toBeVisible();

  // Spot-check amounts: the grid shows the simulator's exact text.
  const sub = sim.users.find((u) => !u.isMain)!;
  const samples = [sim.truthTransactions(sim.mainUserId, 'BTC')[17]!, sim.truthTransactions(sub.userId, 'USDC')[3]!, sim.truthTransactions(sub.userId, 'ETH').at(-1)!];
  const search = page.getByRole('textbox', { name: 'Search transactions' });
  for (const sample of samples) {
    await search.fill(String(sample.id));
    const row = grid.getByRole('row').filter({ has: page.locator(`[col-id="id"]`, { hasText: new RegExp(`^${sample.id}$`) }) });
    await expect(row.locator('[col-id="balance"]')).toHaveText(groupEn(sample.balance));
    await expect(row.locator('[col-id="change"]')).toHaveText(groupEn(sample.change));
  }
  await search.fill('');

  await page.getByRole('tab', { name: 'Access log' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${events.toLocaleString('en-US')} access-log events` })).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Access log' }).getByRole('row').nth(2)).toBeVisible();

  // The exchange goes away: after a reload everything cached is still there.
  await sim.close();
  sim = null;
  await page.reload();
  await page.getByRole('tab', { name: 'Transactions' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${rows.toLocaleString('en-US')} transactions` })).toBeVisible();
  await search.fill(String(samples[0]!.id));
  await expect(grid.locator('[col-id="balance"]').filter({ hasText: groupEn(samples[0]!.balance) })).toBeVisible();
  await page.getByRole('tab', { name: 'Access log' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${events.toLocaleString('en-US')} access-log events` })).toBeVisible();
});

test('a key that can withdraw is added with a plain warning; a wrong secret is refused and nothing is added', async ({ page }) => {
  sim = await startE2eSim({
    keys: [
      DEFAULT_SIM_KEY,
      { clientId: 'power-key', clientSecret: 'power-secret', scope: 'account:read_write wallet:read_write trade:read_write' },
    ],
  });
  app = await startE2eApp();
  await page.goto(app.app.url);

  await addAccount(page, sim, { label: 'Wrong', clientId: DEFAULT_SIM_KEY.clientId, clientSecret: 'not-the-secret' });
  const form = page.getByRole('form', { name: 'Add an account' });
  await expect(form.getByRole('alert')).toContainText(/secret|client id/i);
  await expect(page.getByRole('article', { name: 'Wrong' })).toHaveCount(0);

  await addAccount(page, sim, { label: 'Power key', clientId: 'power-key', clientSecret: 'power-secret' });
  const card = page.getByRole('article', { name: 'Power key' });
  await expect(card.getByRole('alert')).toContainText(/withdraw/i);
  await expect(card.getByRole('alert')).toContainText(/trade|orders/i);
});

