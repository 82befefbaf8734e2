/**
 * Issue 11, settings that stick: the time zone changes the displayed times and not the stored ones;
 * the export zone refuses a name Intl does not know; choices survive a reload.
 */
/// <reference lib="dom" />
import { expect, test } from '@playwright/test';
import type { DeribitSim } from '../sim/deribit/index';
import type { E2eApp } from './support/app-harness';
import { startSyncedApp, truthRows } from './support/grid-page';

let sim: DeribitSim | null = null;
let app: E2eApp | null = null;
test.afterEach(async () => {
  await sim?.close();
  sim = null;
  await app?.close();
  app = null;
});

// The computer's zone is not UTC, so "local" really shows other digits.
test.use({ viewport: { width: 1440, height: 900 }, timezoneId: 'Asia/Tokyo' });

const zoned = (ms: number, zone: string): string => {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(ms);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
};

test('the time zone setting changes displayed times, never stored ones, and sticks', async ({ page }) => {
  ({ sim, app } = await startSyncedApp(page));
  const truth = new Map(truthRows(sim).map((t) => [t.rowId, t]));
  await page.getByRole('tab', { name: 'Transactions' }).click();
  const grid = page.getByRole('grid', { name: 'Transactions' });
  const first = grid.locator('[role="row"][row-index="0"]');
  await expect(first).toBeVisible();
  await expect(grid.getByRole('columnheader', { name: 'Time (UTC)' })).toBeVisible();
  await expect(first.locator('[col-id="timestamp"]')).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  // Read the id the row holds once it holds one (the grid may redraw the row between two reads).
  let rowId = '';
  await expect.poll(async () => (rowId = (await first.getAttribute('row-id')) ?? '')).toMatch(/^deribit-\d+:\d+$/);
  expect(truth.has(rowId), `row ${rowId} is a simulator row`).toBe(true);
  const row = truth.get(rowId)!;
  await expect(first.locator('[col-id="timestamp"]')).toHaveText(zoned(row.timestamp, 'UTC'));

  const storedTimestamp = async (): Promise<number> =>
    page.evaluate(async (key) => {
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const req = indexedDB.open('deribit-reconciler');
        req.onsuccess = () => res(req.result);
        req.onerror = () => rej(req.error);
      });
      const value = await new Promise<{ timestamp: number }>((res, rej) => {
        const req = db.transaction('transactions').objectStore('transactions').get(key);
        req.onsuccess = () => res(req.result as { timestamp: number });
        req.onerror = () => rej(req.error);
      });
      db.close();
      return value.timestamp;
    }, [rowId.slice(0, rowId.lastIndexOf(':')), Number(rowId.slice(rowId.lastIndexOf(':') + 1))]);
  expect(await storedTimestamp()).toBe(row.timestamp);

  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: "This computer's time zone (Asia/Tokyo)" }).check();
  // The export zone refuses what Intl does not know, and keeps a real IANA name.
  const zone = page.getByRole('combobox', { name: 'Time zone for exports (IANA name)' });
  await zone.fill('Mars/Olympus');
  await page.getByRole('button', { name: 'Save time zone' }).click();
  await expect(page.getByRole('alert')).toContainText('not a time zone');
  await zone.fill('Europe/Berlin');
  await page.getByRole('button', { name: 'Save time zone' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Exports default to Europe/Berlin.' })).toBeVisible();
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  await page.getByRole('tab', { name: 'Transactions' }).click();
  await expect(grid.getByRole('columnheader', { name: 'Time (Asia/Tokyo)' })).toBeVisible();
  const same = grid.locator(`[role="row"][row-id="${rowId}"] [col-id="timestamp"]`);
  await expect(same).toHaveText(zoned(row.timestamp, 'Asia/Tokyo'));
  expect(zoned(row.timestamp, 'Asia/Tokyo')).not.toBe(zoned(row.timestamp, 'UTC'));
  expect(await storedTimestamp()).toBe(row.timestamp);

  // Full precision in the details: the exact UTC time with milliseconds.
  await same.click();
  await page.getByRole('button', { name: 'Show details' }).click();
  await expect(page.getByRole('complementary', { name: 'Row details' })).toContainText(new Date(row.timestamp).toISOString());

  await page.reload();
  await page.getByRole('tab', { name: 'Transactions' }).click();
  await expect(page.getByRole('grid', { name: 'Transactions' }).getByRole('columnheader', { name: 'Time (Asia/Tokyo)' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByRole('combobox', { name: 'Time zone for exports (IANA name)' })).toHaveValue('Europe/Berlin');
  // The Year-end period starts in that zone.
  await page.getByRole('tab', { name: 'Reconciliation' }).click();
  await page.getByRole('tab', { name: 'Year-end' }).click();
  await expect(page.getByRole('region', { name: 'Period summary and exports' }).getByLabel('Time zone')).toHaveValue('Europe/Berlin');
  await expect(page.getByRole('button', { name: /^Export Transactions \(CSV\), \d{4} \(Europe\/Berlin\)$/ })).toBeVisible();
});
