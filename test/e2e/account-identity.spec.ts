/**
 * One history per Deribit account, through the UI as a person uses it: add a key and sync, cancel and
 * resume, add the same key again, a second key, replace the key, remove the last key and add it back.
 * After every step the cache holds each simulator row exactly once (ids compared, not counted by a
 * unique index) and the grid says so.
 */
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_SIM_KEY, type DeribitSim } from '../sim/deribit/index';
import { addAccount, cachedTransactionIds, startE2eApp, startE2eSim, syncAndWait, truthRowCount, type E2eApp } from './support/app-harness';

const CURRENCIES = ['BTC', 'ETH', 'USDC'];
const SPARE = { clientId: 'spare-key', clientSecret: 'spare-secret', scope: 'account:read wallet:read' };
let sim: DeribitSim | null = null;
let app: E2eApp | null = null;

test.use({ viewport: { width: 1600, height: 1000 } });
test.afterEach(async () => {
  await sim?.close();
  sim = null;
  await app?.close();
  app = null;
});

async function expectEveryRowOnce(page: Page, s: DeribitSim): Promise<void> {
  const truth = s.users.flatMap((u) => CURRENCIES.flatMap((c) => s.truthTransactions(u.userId, c).map((t) => t.id))).sort((a, b) => a - b);
  expect((await cachedTransactionIds(page)).sort((a, b) => a - b)).toEqual(truth);
  await page.getByRole('tab', { name: 'Transactions' }).click();
  await expect(page.getByRole('status').filter({ hasText: new RegExp(`^${truthRowCount(s, CURRENCIES).toLocaleString('en-US')} transactions$`) })).toBeVisible();
}

test('add, sync, cancel, resume, the same key again, a second key, replace, remove and add back: never a doubled or missing row', async ({ page }) => {
  sim = await startE2eSim({ keys: [DEFAULT_SIM_KEY, SPARE] });
  app = await startE2eApp();
  await page.goto(app.app.url);

  await addAccount(page, sim, { label: 'Trader', clientId: DEFAULT_SIM_KEY.clientId, clientSecret: DEFAULT_SIM_KEY.clientSecret });
  await expect(page.getByRole('status').filter({ hasText: 'Added Trader' })).toBeVisible();

  // Cancel part-way, then resume to the end.
  await page.getByRole('tab', { name: 'Sync' }).click();
  const syncCard = page.getByRole('article', { name: 'Trader' });
  await syncCard.getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(async () => (await cachedTransactionIds(page)).length, { timeout: 60_000 }).toBeGreaterThan(500);
  await syncCard.getByRole('button', { name: 'Cancel sync' }).click();
  await expect(syncCard.getByRole('button', { name: 'Sync now' })).toBeEnabled();
  await syncAndWait(page, 'Trader');
  await expectEveryRowOnce(page, sim);

  // The same key again: attached to the account already there, nothing new.
  await addAccount(page, sim, { label: 'Again', clientId: DEFAULT_SIM_KEY.clientId, clientSecret: DEFAULT_SIM_KEY.clientSecret });
  await expect(page.getByRole('status').filter({ hasText: /already attached to Trader/ })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Configured accounts' }).getByRole('article')).toHaveCount(1);

  // A second key of the account: attached, and said so.
  await addAccount(page, sim, { label: 'Second', clientId: SPARE.clientId, clientSecret: SPARE.clientSecret });
  await expect(page.getByRole('status').filter({ hasText: /This key belongs to Trader, already in the app/ })).toBeVisible();
  const card = page.getByRole('article', { name: 'Trader' });
  await expect(card.getByRole('list', { name: 'API keys of Trader' }).getByRole('listitem')).toHaveCount(2);
  await syncAndWait(page, 'Trader');
  await expectEveryRowOnce(page, sim);

  // Rotation: the spare key takes the first key's place (removed first, so the replacement is a new key).
  await page.getByRole('tab', { name: 'Accounts' }).click();
  await card.getByRole('button', { name: `Remove key ${SPARE.clientId}` }).click();
  await page.getByRole('dialog', { name: `Remove key ${SPARE.clientId}?` }).getByRole('button', { name: 'Remove key' }).click();
  await expect(card.getByRole('list', { name: 'API keys of Trader' }).getByRole('listitem')).toHaveCount(1);
  await card.getByRole('button', { name: `Replace key ${DEFAULT_SIM_KEY.clientId}` }).click();
  const replace = page.getByRole('dialog', { name: `Replace key ${DEFAULT_SIM_KEY.clientId}` });
  await replace.getByRole('textbox', { name: 'New client ID' }).fill(SPARE.clientId);
  await replace.getByLabel('New client secret').fill(SPARE.clientSecret);
  await replace.getByRole('button', { name: 'Replace key' }).click();
  await expect(card.getByRole('status')).toContainText(`Key ${DEFAULT_SIM_KEY.clientId} was replaced by ${SPARE.clientId}`);
  await syncAndWait(page, 'Trader');
  await expectEveryRowOnce(page, sim);

  // Remove the last key: the history stays browsable and reconcilable under the account's name.
  await page.getByRole('tab', { name: 'Accounts' }).click();
  await card.getByRole('button', { name: `Remove key ${SPARE.clientId}` }).click();
  const removeDialog = page.getByRole('dialog', { name: `Remove key ${SPARE.clientId}?` });
  await expect(removeDialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await removeDialog.getByRole('button', { name: 'Remove key' }).click();
  await expect(card.getByText('No key: history only')).toBeVisible();
  await expectEveryRowOnce(page, sim);
  await page.getByRole('tab', { name: 'Reconciliation' }).click();
  await expect(page.getByText('Nothing synced yet')).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Chains' }).getByRole('row')).toHaveCount(1 + sim.users.length * CURRENCIES.length);

  // Adding the key back continues the same history.
  await addAccount(page, sim, { label: 'Back', clientId: DEFAULT_SIM_KEY.clientId, clientSecret: DEFAULT_SIM_KEY.clientSecret });
  await expect(page.getByRole('status').filter({ hasText: /history is already cached/ })).toBeVisible();
  await syncAndWait(page, 'Trader');
  await expectEveryRowOnce(page, sim);

  // Deleting the cached history is a separate, confirmed step.
  await page.getByRole('tab', { name: 'Accounts' }).click();
  await card.getByRole('button', { name: 'Delete cached history' }).click();
  await page.getByRole('dialog', { name: 'Delete the cached history of Trader?' }).getByRole('button', { name: 'Delete history' }).click();
  await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
  expect(await cachedTransactionIds(page)).toEqual([]);
});
