/**
 * The Overview (browser mode, Chromium): once an account exists it is the first screen; per currency a
 * balance chart whose last point (read by the keyboard and in the newest-balances table) equals the
 * newest cached balance of every user and their total; monthly figures per currency (funding read
 * after the rest); no serious axe violation; the cards open Reconciliation (in two parts: Balance chains,
 * and Year-end with its export buttons on the first screen) and Findings; the Timeline is full width.
 */
import Decimal from 'decimal.js';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { DeribitSim } from '../sim/deribit/index';
import { DEFAULT_SIM_KEY } from '../sim/deribit/index';
import { addAccount, startE2eApp, startE2eSim, syncAndWait, type E2eApp } from './support/app-harness';

const CURRENCIES = ['BTC', 'ETH', 'USDC'];
const LABEL = 'Overview account';

let sim: DeribitSim | null = null;
let app: E2eApp | null = null;

test.use({ viewport: { width: 1440, height: 900 } });
test.afterEach(async () => {
  await sim?.close();
  sim = null;
  await app?.close();
  app = null;
});

/** The newest row's balance of a user in a currency (highest user_seq), as the simulator sent it. */
function newestBalance(s: DeribitSim, userId: number, currency: string): string | null {
  const rows = s.truthTransactions(userId, currency);
  if (rows.length === 0) return null;
  return rows.reduce((a, b) => (b.userSeq > a.userSeq ? b : a)).balance;
}

test('the overview opens first and shows each currency\'s balances ending at the newest cached balance; cards open their views', async ({ page }) => {
  sim = await startE2eSim();
  app = await startE2eApp();
  await page.goto(app.app.url);
  // No account yet: the app starts on Accounts, and the Overview says what to do.
  await expect(page.getByRole('tab', { name: 'Accounts' })).toHaveAttribute('aria-selected', 'true');
  await addAccount(page, sim, { label: LABEL, ...DEFAULT_SIM_KEY });
  await syncAndWait(page, LABEL);

  // Reopened with an account: the Overview is the first screen (instead of Accounts, the screen for
  // adding one; a tab the user left open elsewhere is restored as it was).
  await page.getByRole('tab', { name: 'Accounts' }).click();
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: 'Overview', level: 2 })).toBeVisible();
  const account = page.getByRole('region', { name: LABEL });

  for (const currency of CURRENCIES) {
    const group = account.getByRole('article', { name: `${LABEL} · ${currency}` });
    const figure = group.getByRole('figure', { name: `${currency} balance over time` });
    await expect(figure).toHaveAttribute('data-drawn', 'true');
    const table = group.getByRole('table', { name: `Newest ${currency} balances` });
    let total = new Decimal(0);
    let users = 0;
    for (const user of sim.users) {
      const truth = newestBalance(sim, user.userId, currency);
      if (truth === null) continue;
      users++;
      total = total.plus(truth);
      const row = table.getByRole('row', { name: new RegExp(`^${user.username} \\(${user.userId}\\)`) });
      const shown = await row.getByRole('cell').first().innerText();
      expect(new Decimal(shown).equals(truth), `${user.username} ${currency}: shown ${shown}, newest cached ${truth}`).toBe(true);
    }
    expect(users).toBeGreaterThan(1);
    const totalShown = await table.getByRole('row', { name: /^Total/ }).getByRole('cell').first().innerText();
    expect(totalShown).toBe(total.toFixed());

    // The keyboard reads the chart: End goes to the last point, which is the newest balance, exactly.
    await figure.focus();
    await page.keyboard.press('End');
    const announced = figure.locator('xpath=..').locator('[aria-live="polite"]');
    await expect(announced).toContainText(`Total ${total.toFixed()} ${currency}`);
    await page.keyboard.press('ArrowLeft');
    await expect(announced).not.toContainText(`Total ${total.toFixed()} ${currency}`);

    // Monthly figures: a row per month from the first row to the last.
    await group.getByText('Monthly figures as a table').click();
    const months = group.getByRole('table', { name: `Monthly ${currency} figures` });
    await expect(months.getByRole('row')).not.toHaveCount(0);
    const monthRows = await months.getByRole('row').count();
    const rowSum = (await months.getByRole('row').allInnerTexts()).slice(1).reduce((sum, text) => sum + Number(text.split('\t').at(-1)?.replace(/,/g, '')), 0);
    const truthRows = sim.users.reduce((n, u) => n + sim!.truthTransactions(u.userId, currency).length, 0);
    expect(monthRows).toBeGreaterThan(12);
    expect(rowSum).toBe(truthRows);
  }

  // Funding is read from the full rows after the rest: then PnL excludes it and funding has its column.
  const btc = account.getByRole('article', { name: `${LABEL} · BTC` });
  await expect(btc.getByRole('columnheader', { name: 'Realized PnL (BTC)' })).toBeVisible();
  await expect(btc.getByRole('table', { name: 'Monthly BTC figures' }).getByRole('cell', { name: '…' })).toHaveCount(0);

  // No serious accessibility violation on the Overview (charts, tables, cards).
  const axe = await new AxeBuilder({ page }).include('#view-panel-overview').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // The cards open their views.
  const reconCard = page.getByRole('article', { name: 'Reconciliation' });
  await expect(reconCard.getByRole('status')).toContainText('chains reconcile');
  await reconCard.getByRole('button', { name: 'Open Reconciliation' }).click();
  await expect(page.getByRole('tab', { name: 'Reconciliation' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: 'Reconciliation', level: 2 })).toBeVisible();

  // Reconciliation in two parts: the chains, and Year-end with the export buttons on the first screen, above the summary.
  await expect(page.getByRole('tab', { name: 'Balance chains' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('table', { name: 'Chains' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Period summary' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Balance chains' }).press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Year-end' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('table', { name: 'Chains' })).toHaveCount(0);
  const exportButton = page.getByRole('button', { name: /^Export Transactions \(CSV\)/ });
  await expect(exportButton).toBeInViewport();
  const summary = page.getByRole('table', { name: 'Period summary' });
  await expect(summary).toBeVisible();
  expect((await exportButton.boundingBox())!.y).toBeLessThan((await summary.boundingBox())!.y);
  // The part stays chosen across tab switches.
  await page.getByRole('tab', { name: 'Overview' }).click();
  await page.getByRole('tab', { name: 'Reconciliation' }).click();
  await expect(page.getByRole('tab', { name: 'Year-end' })).toHaveAttribute('aria-selected', 'true');

  // The Timeline uses the window's width.
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const timeline = page.getByRole('figure', { name: /^Timeline of / });
  await expect(timeline).toBeVisible();
  expect((await timeline.boundingBox())!.width).toBeGreaterThan(1440 * 0.9);

  await page.getByRole('tab', { name: 'Overview' }).click();
  const findingsCard = page.getByRole('article', { name: 'Findings' });
  await expect(findingsCard.getByRole('status')).toContainText('money movements');
  await findingsCard.getByRole('button', { name: 'Open Findings' }).click();
  await expect(page.getByRole('tab', { name: 'Findings' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: 'Findings', level: 2 })).toBeVisible();
});
