/**
 * Issue 11, grids: the money is visible and exact at 1440 and 1024 px, sorts and searches by amount,
 * copies exactly, remembers filters and widths, and the grid is one tab stop with a true row count.
 */
import { expect, test, type Page } from '@playwright/test';
import type { DeribitSim } from '../sim/deribit/index';
import type { E2eApp } from './support/app-harness';
import { AMOUNT_COLUMNS, columnFullyVisible, compareDecimals, rowById, startSyncedApp, truthRows, ungroup } from './support/grid-page';

let sim: DeribitSim | null = null;
let app: E2eApp | null = null;
test.afterEach(async () => {
  await sim?.close();
  sim = null;
  await app?.close();
  app = null;
});

async function openTransactions(page: Page, total: number) {
  await page.getByRole('tab', { name: 'Transactions' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${total.toLocaleString('en-US')} transactions` })).toBeVisible();
  const grid = page.getByRole('grid', { name: 'Transactions' });
  await expect(grid.locator('[role="row"][row-index]').first()).toBeVisible();
  return grid;
}

test.describe('at 1440 × 900', () => {
  test.use({ viewport: { width: 1440, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });

  test('amounts are fully visible, right-aligned and exact; sort, search, copy, keyboard and remembered state', async ({ page }) => {
    ({ sim, app } = await startSyncedApp(page));
    const truth = truthRows(sim);
    const grid = await openTransactions(page, truth.length);

    // Details start closed below 1,600 px: the toggle says so.
    await expect(page.getByRole('button', { name: 'Show details' })).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('complementary', { name: 'Row details' })).toHaveCount(0);

    // Every amount column fully inside the grid without scrolling sideways, no value clipped.
    for (const colId of AMOUNT_COLUMNS) {
      // Widths come from the content once the first rows are drawn.
      await expect.poll(async () => (await columnFullyVisible(grid, colId)).inside, { message: `${colId} inside the grid` }).toBe(true);
      const seen = await columnFullyVisible(grid, colId);
      expect(seen.inside, `${colId} header inside the grid`).toBe(true);
      expect(seen.clipped, `${colId} cells show their whole value`).toEqual([]);
    }
    expect(await page.locator('.grid-host .ag-body-horizontal-scroll-viewport').first().evaluate((el) => el.scrollLeft)).toBe(0);

    // Right-aligned (computed style) and equal to the stored string once grouping is removed.
    const byRowId = new Map(truth.map((t) => [t.rowId, t]));
    const rows = grid.locator('[role="row"][row-index]');
    const shown = await rows.evaluateAll((els) =>
      els.map((row) => {
        const cell = (id: string) => row.querySelector<HTMLElement>(`.ag-cell[col-id="${id}"]`);
        const change = cell('change');
        const balance = cell('balance');
        return {
          rowId: row.getAttribute('row-id') ?? '',
          change: change?.textContent ?? '',
          balance: balance?.textContent ?? '',
          align: change ? getComputedStyle(change).textAlign : '',
          justify: change ? getComputedStyle(change).justifyContent : '',
          font: change ? getComputedStyle(change).fontVariantNumeric : '',
        };
      }),
    );
    expect(shown.length).toBeGreaterThan(5);
    let grouped = 0;
    for (const s of shown) {
      const t = byRowId.get(s.rowId);
      expect(t, `row ${s.rowId} exists in the simulator`).toBeDefined();
      expect(ungroup(s.change)).toBe(t!.change);
      expect(ungroup(s.balance)).toBe(t!.balance);
      expect(s.align).toBe('right');
      expect(s.font).toContain('tabular-nums');
      if (s.balance.includes(',')) grouped += 1;
    }
    // The USDC balances run into the thousands: grouping is really applied.
    await page.getByLabel('Currency').selectOption('USDC');
    await expect(grid.locator('[role="row"][row-index] [col-id="balance"]').filter({ hasText: /\d,\d{3}/ }).first()).toBeVisible();
    grouped += 1;
    expect(grouped).toBeGreaterThan(0);
    await page.getByLabel('Currency').selectOption('');

    // aria-rowcount: every row plus the header row.
    await expect(grid).toHaveAttribute('aria-rowcount', String(truth.length + 1));

    // Sort by Change (first click: smallest first) finds the largest withdrawal.
    const largestWithdrawal = [...truth].sort((a, b) => compareDecimals(a.change, b.change))[0]!;
    await grid.getByRole('columnheader', { name: 'Change' }).click();
    const firstChange = grid.locator('[role="row"][row-index="0"] [col-id="change"]');
    await expect.poll(async () => ungroup((await firstChange.textContent()) ?? '')).toBe(largestWithdrawal.change);
    await expect(grid.locator('[role="row"][row-index="0"]')).toHaveAttribute('row-id', largestWithdrawal.rowId);

    // Search by an amount (as stored) finds its row.
    const sample = truth.find((t) => t.currency === 'ETH' && t.change.replace('-', '').length >= 7)!;
    const search = page.getByRole('textbox', { name: 'Search transactions' });
    await search.fill(sample.change);
    await expect(rowById(grid, sample.rowId)).toBeVisible();
    // Ctrl+C on the focused Change cell puts the exact stored value on the clipboard.
    await rowById(grid, sample.rowId).locator('[col-id="change"]').click();
    await page.keyboard.press('Control+C');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(sample.change);
    // Shift+Right then Ctrl+C: the range as TSV (change, balance).
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Control+C');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`${sample.change}\t${sample.balance}`);
    await search.fill('');

    // One tab stop: from the details toggle, Tab enters the grid once and the next Tab leaves it.
    await page.getByRole('button', { name: 'Show details' }).focus();
    await page.keyboard.press('Tab');
    expect(await grid.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Tab');
    expect(await grid.evaluate((el) => el.contains(document.activeElement))).toBe(false);

    // Ctrl+End / Ctrl+Home on a focused cell: last and first row (here under the in-memory Change sort, largest first).
    await grid.getByRole('columnheader', { name: 'Change' }).click();
    await grid.locator('[role="row"][row-index="1"] [col-id="type"]').click();
    await page.keyboard.press('Control+End');
    await expect(grid.locator(`.ag-row[row-index="${truth.length - 1}"] .ag-cell-focus`)).toBeVisible();
    await page.keyboard.press('Control+Home');
    await expect(grid.locator('.ag-row[row-index="0"] .ag-cell-focus')).toBeVisible();

    // Filters and widths survive a tab switch and a reload.
    await page.getByLabel('Currency').selectOption('ETH');
    const ethCount = truth.filter((t) => t.currency === 'ETH').length;
    await expect(page.getByRole('status').filter({ hasText: `${ethCount.toLocaleString('en-US')} transactions` })).toBeVisible();
    const header = grid.locator('.ag-header-cell[col-id="type"]');
    const before = (await header.boundingBox())!;
    const handle = header.locator('.ag-header-cell-resize');
    const hb = (await handle.boundingBox())!;
    await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
    await page.mouse.down();
    await page.mouse.move(hb.x + hb.width / 2 + 70, hb.y + hb.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => Math.round((await header.boundingBox())!.width)).toBeGreaterThan(before.width + 50);
    const widened = Math.round((await header.boundingBox())!.width);

    await page.getByRole('tab', { name: 'Access log' }).click();
    await expect(page.getByRole('grid', { name: 'Access log' })).toBeVisible();
    await page.getByRole('tab', { name: 'Transactions' }).click();
    await expect(page.getByLabel('Currency')).toHaveValue('ETH');
    await expect(page.getByRole('status').filter({ hasText: `${ethCount.toLocaleString('en-US')} transactions` })).toBeVisible();
    await expect.poll(async () => Math.round((await grid.locator('.ag-header-cell[col-id="type"]').boundingBox())!.width)).toBe(widened);

    await page.reload();
    await expect(page.getByRole('tab', { name: 'Transactions' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByLabel('Currency')).toHaveValue('ETH');
    await expect(page.getByRole('status').filter({ hasText: `${ethCount.toLocaleString('en-US')} transactions` })).toBeVisible();
    await expect.poll(async () => Math.round((await page.getByRole('grid', { name: 'Transactions' }).locator('.ag-header-cell[col-id="type"]').boundingBox())!.width)).toBe(widened);
  });
});

test.describe('at 1024 × 700', () => {
  test.use({ viewport: { width: 1024, height: 700 } });

  test('Change and Balance are visible without scrolling sideways; access-log events read as words', async ({ page }) => {
    ({ sim, app } = await startSyncedApp(page));
    const truth = truthRows(sim);
    const grid = await openTransactions(page, truth.length);
    for (const colId of ['change', 'balance']) {
      await expect.poll(async () => (await columnFullyVisible(grid, colId)).inside, { message: `${colId} inside the grid at 1024 px` }).toBe(true);
      const seen = await columnFullyVisible(grid, colId);
      expect(seen.inside, `${colId} inside the grid at 1024 px`).toBe(true);
      expect(seen.clipped).toEqual([]);
    }
    // The details open on request and close again.
    await page.getByRole('button', { name: 'Show details' }).click();
    await expect(page.getByRole('complementary', { name: 'Row details' })).toBeVisible();
    await page.getByRole('button', { name: 'Hide details' }).click();
    await expect(page.getByRole('complementary', { name: 'Row details' })).toHaveCount(0);

    await page.getByRole('tab', { name: 'Access log' }).click();
    const log = page.getByRole('grid', { name: 'Access log' });
    await page.getByLabel('Event').selectOption({ label: '2FA disabled' });
    const cell = log.locator('[role="row"][row-index] [col-id="event"]').first();
    await expect(cell).toHaveText('2FA disabled');
    expect(await cell.evaluate((el) => Number(getComputedStyle(el).fontWeight))).toBeGreaterThanOrEqual(700);
  });
});
