/**
 * Issue 11, settings that stick: the time zone changes the displayed times and not the stored ones;
 * the export zone refuses a name Intl does not know; choices survive a reload. Every screen's times
 * (Reconciliation, Timeline details, Findings, Sync) follow the zone, with no ISO text left visible,
 * and dates are typed as YYYY-MM-DD.
 */
/// <reference lib="dom" />
import { expect, test, type Locator, type Page } from '@playwright/test';
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

/** No ISO "T…Z" text anywhere visible (innerText skips hidden parts: tooltips, closed disclosures). */
const ISO_TEXT = /\d{4}-\d\d-\d\dT\d\d:\d\d/;

/**
 * Every visible <time> of `scope` reads its instant (the full-precision dateTime) in `zone`, with the zone
 * named beside it or nowhere (then a header or caption names it); returns the texts for comparing zones.
 */
async function timesShownIn(scope: Locator, zone: string): Promise<string[]> {
  const times = scope.locator('time[datetime]');
  await expect(times.first()).toBeVisible();
  const texts: string[] = [];
  for (const time of await times.all()) {
    if (!(await time.isVisible())) continue;
    const iso = (await time.getAttribute('datetime')) ?? '';
    expect(iso, 'full precision kept in the dateTime').toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    await expect(time).toHaveAttribute('title', iso);
    const text = ((await time.textContent()) ?? '').trim();
    expect([zoned(Date.parse(iso), zone), `${zoned(Date.parse(iso), zone)} ${zone}`]).toContain(text);
    texts.push(text);
  }
  expect(texts.length).toBeGreaterThan(0);
  return texts;
}

async function expectNoIsoText(page: Page): Promise<void> {
  expect(await page.locator('main').innerText()).not.toMatch(ISO_TEXT);
}

test('times on Reconciliation, Timeline, Findings and Sync follow the zone chosen in Settings; dates are typed as YYYY-MM-DD', async ({ page }) => {
  ({ sim, app } = await startSyncedApp(page));
  const shown = new Map<string, string[]>();

  const checkScreens = async (zone: string): Promise<void> => {
    // Reconciliation: the verdict line's check times, the zone named once.
    await page.getByRole('tab', { name: 'Reconciliation' }).click();
    await page.getByRole('tab', { name: 'Balance chains' }).click();
    const verdict = page.getByRole('status').filter({ hasText: /Checked|Nothing new/ });
    await expect(verdict).toContainText(`(${zone}).`);
    shown.set(`reconciliation ${zone}`, await timesShownIn(verdict, zone));
    await expect(page.getByRole('table', { name: 'Chains' })).toBeVisible();
    await expectNoIsoText(page);

    // Timeline: the readout names the zone; the details under the cursor give each movement's time in it.
    await page.getByRole('tab', { name: 'Timeline' }).click();
    const figure = page.getByRole('figure', { name: /^Timeline of Sim trader/ });
    await expect(figure).toBeVisible();
    await expect(page.getByRole('status', { name: 'Visible time range' })).toHaveText(new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d – \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d ${zone}$`));
    await expect(figure.locator('#timeline-summary')).toContainText(` ${zone}.`);
    const mark = figure.locator('svg rect.tl-withdrawal, svg rect.tl-transfer, svg rect.tl-loss').first();
    // Marks close in time overlap: point at this one's place whichever is on top.
    await mark.hover({ force: true });
    const details = page.locator('.timeline-details');
    await expect(details.getByRole('button', { name: /^Show row / }).first()).toBeVisible();
    await expect(details.locator('strong')).toHaveText(new RegExp(` ${zone}$`));
    shown.set(`timeline ${zone}`, await timesShownIn(details, zone));
    await expectNoIsoText(page);

    // Findings: when the correlation ran, in the zone; incidents' times too.
    await page.getByRole('tab', { name: 'Findings' }).click();
    const correlated = page.getByRole('status').filter({ hasText: /Correlated in \d+ ms at / });
    await expect(correlated).toBeVisible({ timeout: 60_000 });
    shown.set(`findings ${zone}`, await timesShownIn(page.locator('main'), zone));
    // The simulated account's access log gives incidents; every finding is listed under "All findings".
    await expect(page.getByRole('article').first()).toContainText(` ${zone} · `);
    await page.getByText(/^All findings/).click();
    const table = page.getByRole('table', { name: 'Correlation findings' });
    await expect(table.getByRole('columnheader', { name: `Time (${zone})` })).toBeVisible();
    shown.set(`findings table ${zone}`, await timesShownIn(table, zone));
    await expectNoIsoText(page);

    // Sync: "Last synced" named, the streams' stored times (shown once the finished run's live states are
    // gone: after a reload) under a header that names the zone.
    await page.reload();
    await page.getByRole('tab', { name: 'Sync' }).click();
    const card = page.getByRole('article', { name: 'Sim trader' });
    await expect(card.getByText(/^Last synced:/)).toContainText(` ${zone} (`);
    await expect(card.getByRole('columnheader', { name: `State (times in ${zone})` })).toBeVisible();
    await expect(card.getByRole('cell', { name: /^complete to \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/ }).first()).toBeVisible();
    shown.set(`sync ${zone}`, await timesShownIn(card, zone));
    await expectNoIsoText(page);
  };

  await checkScreens('UTC');
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: "This computer's time zone (Asia/Tokyo)" }).check();
  await checkScreens('Asia/Tokyo');
  // The Overview: balances' times in the zone (months stay UTC calendar months, and say so).
  await page.getByRole('tab', { name: 'Overview' }).click();
  const balances = page.getByRole('table', { name: 'Newest BTC balances' });
  await expect(balances.getByRole('columnheader', { name: 'As of (Asia/Tokyo)' })).toBeVisible();
  await timesShownIn(balances, 'Asia/Tokyo');
  await expect(page.getByText(/Last point \d{4}-\d\d-\d\d \d\d:\d\d:\d\d Asia\/Tokyo:/).first()).toBeVisible();
  await expectNoIsoText(page);
  // Tokyo is 9 hours ahead: the same instants read other digits.
  for (const screen of ['reconciliation', 'timeline', 'findings table', 'sync']) {
    expect(shown.get(`${screen} Asia/Tokyo`), screen).not.toEqual(shown.get(`${screen} UTC`));
  }

  // A date is typed as YYYY-MM-DD (not the browser's mm/dd/yyyy): 2025-13-01 is refused, saying the form.
  await page.getByRole('tab', { name: 'Reconciliation' }).click();
  await page.getByRole('tab', { name: 'Year-end' }).click();
  const period = page.getByRole('group', { name: 'Period' });
  await period.getByRole('radio', { name: 'Date range' }).check();
  const from = period.getByRole('textbox', { name: 'From' });
  const to = period.getByRole('textbox', { name: 'To (inclusive)' });
  await expect(from).toHaveAttribute('placeholder', 'YYYY-MM-DD');
  await expect(from).toHaveAttribute('inputmode', 'numeric');
  await from.fill('2025-13-01');
  await to.fill('2025-12-31');
  const alert = period.getByRole('alert');
  await expect(alert).toHaveText('The start date 2025-13-01 has no month 13 (months are 01 to 12). Enter it as YYYY-MM-DD, e.g. 2025-01-31.');
  await expect(from).toHaveAttribute('aria-invalid', 'true');
  await expect(to).toHaveAttribute('aria-invalid', 'false');
  await expect(from).toHaveAccessibleDescription(/YYYY-MM-DD.*has no month 13/);
  await from.fill('2025-01-31');
  await to.fill('2025-01-31');
  await expect(from).toHaveAttribute('aria-invalid', 'false');
  // Accepted as a date: whatever else is said (a period before the first row is refused as such), not its form.
  await expect(period.getByText(/YYYY-MM-DD, e\.g\./)).toHaveCount(0);
  await expect(from).toHaveValue('2025-01-31');
});
