/**
 * The period a person expects (browser mode, Chromium): the picker starts on the most recent complete
 * year with rows and the export buttons name it; a period before the first row or after today is
 * refused with a line saying so (and an old "Saved …" line goes away); a period with no rows is
 * exported only after "Export anyway"; every export is one .zip download, per wallet one file per user.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { DEFAULT_SIM_KEY, type DeribitSim } from '../sim/deribit/index';
import { csvObjects } from '../support/csv-parse';
import { addAccount, startE2eApp, startE2eSim, syncAndWait, type E2eApp } from './support/app-harness';

const CURRENCIES = ['BTC', 'ETH', 'USDC'];

let sim: DeribitSim | null = null;
let app: E2eApp | null = null;
let downloadsDir: string | null = null;

test.use({ viewport: { width: 2600, height: 1200 }, acceptDownloads: true });
test.afterEach(async () => {
  await sim?.close();
  sim = null;
  await app?.close();
  app = null;
  if (downloadsDir) await rm(downloadsDir, { recursive: true, force: true });
  downloadsDir = null;
});

/** Clicks an export button; exactly one download follows. Returns its name and its zip entries' text. */
async function exportZip(page: Page, name: string): Promise<{ fileName: string; files: Map<string, string> }> {
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name }).click();
  const download = await downloadPromise;
  const path = join(downloadsDir!, download.suggestedFilename());
  await download.saveAs(path);
  const files = new Map(Object.entries(unzipSync(readFileSync(path))).map(([n, b]) => [n, new TextDecoder().decode(b)] as const));
  return { fileName: download.suggestedFilename(), files };
}

test('the default year is the last complete year with rows; empty and impossible periods are warned about or refused', async ({ page }) => {
  test.setTimeout(120_000);
  downloadsDir = await mkdtemp(join(tmpdir(), 'period-downloads-'));
  sim = await startE2eSim();
  const times = sim.users.flatMap((u) => CURRENCIES.flatMap((c) => sim!.truthTransactions(u.userId, c).map((r) => r.timestamp)));
  const first = new Date(Math.min(...times));
  const last = new Date(Math.max(...times));
  // The simulated history runs from 2025 into 2026; "today" is later. The most recent complete year with
  // rows is the year before today's, unless the history ended earlier.
  const thisYear = new Date().getUTCFullYear();
  const expectedYear = Math.max(first.getUTCFullYear(), Math.min(last.getUTCFullYear(), thisYear - 1));
  expect(expectedYear).toBeLessThan(thisYear);

  app = await startE2eApp();
  await page.goto(app.app.url);
  await addAccount(page, sim, { label: 'Sim trader', clientId: DEFAULT_SIM_KEY.clientId, clientSecret: DEFAULT_SIM_KEY.clientSecret });
  await syncAndWait(page, 'Sim trader');
  await page.getByRole('tab', { name: 'Reconciliation' }).click();
  await page.getByRole('tab', { name: 'Year-end' }).click();
  const section = page.getByRole('region', { name: 'Period summary and exports' });

  // The default year, named in every export button.
  const year = page.getByRole('spinbutton', { name: 'Year' });
  await expect(year).toHaveValue(String(expectedYear));
  const label = `${expectedYear} (UTC)`;
  const summaryButton = page.getByRole('button', { name: `Export Period summary (CSV), ${label}` });
  await expect(summaryButton).toBeEnabled({ timeout: 30_000 });
  for (const format of ['Transactions (CSV)', 'Koinly universal (CSV)', 'CoinTracking (CSV)', 'Beancount ledger']) {
    await expect(page.getByRole('button', { name: `Export ${format}, ${label}` })).toBeEnabled();
  }

  // One download: the summary CSV and its sidecar in one zip.
  const summary = await exportZip(page, `Export Period summary (CSV), ${label}`);
  expect(summary.fileName).toBe(`deribit-summary-${expectedYear}-UTC.zip`);
  expect([...summary.files.keys()]).toEqual([`deribit-summary-${expectedYear}-UTC.csv`, `deribit-summary-${expectedYear}-UTC.csv.reconciliation.txt`]);
  const saved = page.getByRole('status').filter({ hasText: /^Saved / });
  await expect(saved).toContainText(`Saved ${summary.fileName}`);

  // A year before the first row: refused with a clear line, the old "Saved" line gone, nothing to click.
  const firstDay = first.toISOString().slice(0, 10);
  await year.fill('1999');
  await expect(section.getByRole('alert')).toHaveText(
    `1999 (UTC) ends before the accounts' first row (${firstDay} UTC): there is nothing to export. Choose ${first.getUTCFullYear()} or later.`,
  );
  await expect(saved).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Export Transactions \(CSV\)/ })).toBeDisabled();
  await expect(page.getByText('Choose a valid period to export.')).toBeVisible();

  // A year after today: refused too.
  await year.fill('2099');
  const today = new Date().toISOString().slice(0, 10);
  await expect(section.getByRole('alert')).toHaveText(`2099 (UTC) starts after today (${today} UTC): there are no rows yet. Choose ${thisYear} or earlier.`);
  await expect(page.getByRole('button', { name: /^Export Transactions \(CSV\)/ })).toBeDisabled();

  // A range after the last row (and before today): possible, but empty — a warning, and export only when confirmed.
  const from = new Date(last.getTime() + 86_400_000).toISOString().slice(0, 10);
  await page.getByRole('radio', { name: 'Date range' }).check();
  await page.getByLabel('From').fill(from);
  await page.getByLabel('To (inclusive)').fill(from);
  const rangeLabel = `${from} – ${from} (UTC)`;
  await expect(section.getByRole('alert')).toHaveText(`${rangeLabel} has no rows in any account: an export would hold no transactions, only balances.`);
  const txButton = page.getByRole('button', { name: `Export Transactions (CSV), ${rangeLabel}` });
  await expect(txButton).toBeDisabled();
  await page.getByRole('checkbox', { name: 'Export anyway' }).check();
  await expect(txButton).toBeEnabled();
  const empty = await exportZip(page, `Export Transactions (CSV), ${rangeLabel}`);
  const [csvName, csvText] = [...empty.files].find(([n]) => n.endsWith('.csv'))!;
  expect(csvObjects(csvText).rows).toEqual([]);
  expect(empty.files.has(`${csvName}.reconciliation.txt`)).toBe(true);
});

test('per wallet: one file per Deribit user in one zip, named after the username', async ({ page }) => {
  test.setTimeout(120_000);
  downloadsDir = await mkdtemp(join(tmpdir(), 'period-downloads-'));
  sim = await startE2eSim();
  app = await startE2eApp();
  await page.goto(app.app.url);
  await addAccount(page, sim, { label: 'Sim trader', clientId: DEFAULT_SIM_KEY.clientId, clientSecret: DEFAULT_SIM_KEY.clientSecret });
  await syncAndWait(page, 'Sim trader');
  await page.getByRole('tab', { name: 'Reconciliation' }).click();
  await page.getByRole('tab', { name: 'Year-end' }).click();

  await page.getByRole('spinbutton', { name: 'Year' }).fill('2026');
  await page.getByRole('checkbox', { name: /One file per user/ }).check();
  const button = page.getByRole('button', { name: 'Export Koinly universal (CSV), 2026 (UTC)' });
  await expect(button).toBeEnabled({ timeout: 30_000 });
  const { fileName, files } = await exportZip(page, 'Export Koinly universal (CSV), 2026 (UTC)');
  expect(fileName).toBe('deribit-koinly-2026-UTC-per-wallet.zip');
  const csvNames = [...files.keys()].filter((n) => n.endsWith('.csv'));
  expect(csvNames.sort()).toEqual(sim.users.map((u) => `deribit-koinly-2026-UTC-${u.username}.csv`).sort());
  for (const name of csvNames) expect(files.has(`${name}.reconciliation.txt`)).toBe(true);
  await expect(page.getByRole('status').filter({ hasText: /^Saved / })).toContainText(`${fileName} (${sim.users.length} files, one per user: `);
});
