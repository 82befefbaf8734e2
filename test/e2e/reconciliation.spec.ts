/**
 * Reconciliation in the app (browser mode, Chromium): a clean simulated account is all green, ties out
 * live and its deposits/withdrawals match; each of the five exports of a year agrees with the
 * simulator's truth (CSV files zipped with their sidecar, one download each); a corrupted account shows the break, and activating it lands on the row in the
 * Transactions grid (selected, details open).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Download, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { corruptedPreset, DEFAULT_SIM_KEY, type DeribitSim } from '../sim/deribit/index';
import { parseBeancount, verifyBeancount } from '../support/beancount-parse';
import { csvObjects, parseCsv } from '../support/csv-parse';
import { addAccount, startE2eApp, startE2eSim, syncAndWait, type E2eApp } from './support/app-harness';
import { CurrencySums, D, periodTruth, sumByCurrency, type ChainTruth } from './support/export-truth';
import { groupEn } from './support/grid-page';

const CURRENCIES = ['BTC', 'ETH', 'USDC'];
const YEAR = 2026;
const FROM = Date.UTC(YEAR, 0, 1);
const TO = Date.UTC(YEAR + 1, 0, 1);
const BEAN_CHECK = '/usr/bin/bean-check';

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

async function openReconciliation(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Reconciliation' }).click();
  await expect(page.getByRole('heading', { name: 'Reconciliation', level: 2 })).toBeVisible();
}

/**
 * Clicks an export button: ONE download (a .zip holding the file and, for CSV, its sidecar; Beancount
 * bare). Returns the files' text by name, as unzipped.
 */
async function exportFiles(page: Page, label: string, expected: number): Promise<Map<string, string>> {
  const downloads: Download[] = [];
  const onDownload = (d: Download): void => void downloads.push(d);
  page.on('download', onDownload);
  await page.getByRole('button', { name: `Export ${label}, ${YEAR} (UTC)` }).click();
  await expect.poll(() => downloads.length, { timeout: 30_000 }).toBe(1);
  // No second download follows (the sidecar travels inside the zip).
  await page.waitForTimeout(500);
  expect(downloads.length).toBe(1);
  page.off('download', onDownload);
  const download = downloads[0]!;
  const path = join(downloadsDir!, download.suggestedFilename());
  await download.saveAs(path);
  const raw = readFileSync(path);
  const files = new Map<string, string>();
  if (download.suggestedFilename().endsWith('.zip')) {
    for (const [name, bytes] of Object.entries(unzipSync(raw))) files.set(name, new TextDecoder().decode(bytes));
  } else {
    files.set(download.suggestedFilename(), raw.toString('utf8'));
  }
  expect(files.size).toBe(expected);
  // The status names the downloaded file and its size in bytes.
  const saved = page.getByRole('status').filter({ hasText: /^Saved / });
  await expect(saved).toContainText(`Saved ${download.suggestedFilename()}`);
  await expect(saved).toContainText(` ${raw.length.toLocaleString('en-US')} bytes in `);
  return files;
}

const only = (files: Map<string, string>, suffix: string): [string, string] => {
  const hit = [...files].find(([name]) => name.endsWith(suffix));
  if (!hit) throw new Error(`no downloaded file ending in ${suffix}: ${[...files.keys()].join(', ')}`);
  return hit;
};

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

test('a clean account is all green, ties out, matches its wallet lists, and every export of a year agrees with the truth', async ({ page }) => {
  test.setTimeout(120_000);
  downloadsDir = await mkdtemp(join(tmpdir(), 'recon-downloads-'));
  sim = await startE2eSim();
  app = await startE2eApp();
  await page.goto(app.app.url);
  await addAccount(page, sim, { label: 'Sim trader', clientId: DEFAULT_SIM_KEY.clientId, clientSecret: DEFAULT_SIM_KEY.clientSecret });
  await syncAndWait(page, 'Sim trader');

  await openReconciliation(page);
  const chains = sim.users.length * CURRENCIES.length;
  await expect(page.getByRole('status').filter({ hasText: `All ${chains} chains reconcile` })).toBeVisible();
  const chainTable = page.getByRole('table', { name: 'Chains' });
  await expect(chainTable.getByRole('row')).toHaveCount(chains + 1);
  await expect(chainTable.getByText('Chain intact')).toHaveCount(chains);
  await expect(chainTable.getByText('Complete', { exact: true })).toHaveCount(chains);

  await page.getByRole('button', { name: 'Check live balances' }).click();
  await expect(chainTable.getByText('Tied out')).toHaveCount(chains);
  await page.getByRole('button', { name: 'Check deposits & withdrawals' }).click();
  await expect(page.getByText('Deposits & withdrawals match')).toBeVisible();
  // No finding needs attention (every type the simulator produces is classified: issue 9, item 2).
  const findingsTable = page.getByRole('table', { name: 'Findings' });
  await expect(findingsTable.getByRole('cell', { name: /^(Error|Warning)$/ })).toHaveCount(0);

  // The year of the simulated history (not the current year, so the test does not age), in the Year-end part.
  await page.getByRole('tab', { name: 'Year-end' }).click();
  await page.getByRole('spinbutton', { name: 'Year' }).fill(String(YEAR));
  const summaryTable = page.getByRole('table', { name: 'Period summary' });
  await expect(summaryTable.getByRole('row')).toHaveCount(chains + 1);
  await expect(summaryTable.getByText('✓ holds')).toHaveCount(chains);

  const truth = periodTruth(sim, CURRENCIES, FROM, TO);
  const truthIds = truth.flatMap((c) => c.inPeriod.map((r) => r.id));
  const perCurrency = sumByCurrency(truth);
  expect(truthIds.length).toBeGreaterThan(1000);
  const chainOf = (userId: string, currency: string): ChainTruth => truth.find((c) => String(c.userId) === userId && c.currency === currency)!;
  const started = Date.now();

  // Transactions CSV: every row of the year once, in chain order; Σ change per chain; the sidecar's digest.
  const tx = await exportFiles(page, 'Transactions (CSV)', 2);
  const [txName, txText] = only(tx, '.csv');
  const txCsv = csvObjects(txText);
  expect(txCsv.rows.map((r) => Number(r.id))).toEqual(truthIds);
  for (const c of truth) {
    const mine = txCsv.rows.filter((r) => r.user_id === String(c.userId) && r.currency === c.currency);
    expect(mine.reduce((s, r) => s.plus(r.change!), new D(0)).equals(c.sumOfChanges)).toBe(true);
  }
  const [, sidecar] = only(tx, `${txName}.reconciliation.txt`);
  expect(sidecar).toContain(sha256(txText.slice(txText.indexOf('\r\n') + 2)));

  // Summary CSV: opening and closing per chain.
  const [, summaryText] = only(await exportFiles(page, 'Period summary (CSV)', 2), '.csv');
  const summary = csvObjects(summaryText).rows;
  expect(summary.length).toBe(chains);
  for (const line of summary) {
    const c = chainOf(line.user_id!, line.currency!);
    expect(new D(line.opening!).equals(c.opening), `opening ${line.user_id} ${line.currency}`).toBe(true);
    expect(new D(line.closing!).equals(c.closing), `closing ${line.user_id} ${line.currency}`).toBe(true);
    expect(new D(line.sum_of_changes!).equals(c.sumOfChanges)).toBe(true);
    expect(Number(line.rows)).toBe(c.inPeriod.length);
  }

  // Koinly: per currency, Received − Sent − Fee = Σ change.
  const [, koinlyText] = only(await exportFiles(page, 'Koinly universal (CSV)', 2), '.csv');
  const koinly = new CurrencySums();
  for (const l of csvObjects(koinlyText).rows) {
    koinly.add(l['Received Currency'], l['Received Amount'], 1);
    koinly.add(l['Sent Currency'], l['Sent Amount'], -1);
    koinly.add(l['Fee Currency'], l['Fee Amount'], -1);
  }
  for (const [currency, sum] of perCurrency) expect(koinly.sums.get(currency)?.equals(sum) ?? sum.isZero(), `Koinly ${currency}`).toBe(true);

  // CoinTracking: per currency, Buy − Sell − Fee = Σ change; Tx-IDs unique.
  const [, ctText] = only(await exportFiles(page, 'CoinTracking (CSV)', 2), '.csv');
  const [ctHeader, ...ctRows] = parseCsv(ctText);
  expect(ctHeader).toEqual(['Type', 'Buy', 'Cur.', 'Sell', 'Cur.', 'Fee', 'Cur.', 'Exchange', 'Trade-Group', 'Comment', 'Date', 'Tx-ID', 'Buy Value in USD', 'Sell Value in USD']);
  const ct = new CurrencySums();
  for (const r of ctRows) {
    ct.add(r[2], r[1], 1);
    ct.add(r[4], r[3], -1);
    ct.add(r[6], r[5], -1);
  }
  for (const [currency, sum] of perCurrency) expect(ct.sums.get(currency)?.equals(sum) ?? sum.isZero(), `CoinTracking ${currency}`).toBe(true);
  expect(new Set(ctRows.map((r) => r[11])).size).toBe(ctRows.length);

  // Beancount: one file carrying its section; every assertion re-verified exactly, and bean-check when present.
  const beancount = await exportFiles(page, 'Beancount ledger', 1);
  const [beanName, beanText] = only(beancount, '.beancount');
  const ledger = parseBeancount(beanText);
  expect(verifyBeancount(ledger)).toEqual([]);
  expect(ledger.transactions.filter((t) => t.meta['deribit-id'] !== undefined).length).toBe(truthIds.length);
  expect(ledger.balances.length).toBeGreaterThanOrEqual(chains * 2);
  if (existsSync(BEAN_CHECK)) {
    const path = join(downloadsDir, beanName);
    writeFileSync(path, beanText);
    expect(execFileSync(BEAN_CHECK, [path], { encoding: 'utf8' })).toBe('');
  }
  console.log(`five exports of ${truthIds.length} rows: ${Date.now() - started} ms end to end`);
});

test('a corrupted subaccount chain: the break is shown, and activating it opens the row in Transactions', async ({ page }) => {
  // The simulator's preset: one balance of the first subaccount's BTC chain served one satoshi off.
  sim = await startE2eSim({ dataset: corruptedPreset() });
  const target = sim.corruptionTargets()[0]!;
  const sub = sim.users.find((u) => u.userId === target.userId)!;
  expect(sub.isMain).toBe(false);
  app = await startE2eApp();
  await page.goto(app.app.url);
  await addAccount(page, sim, { label: 'Corrupted', clientId: DEFAULT_SIM_KEY.clientId, clientSecret: DEFAULT_SIM_KEY.clientSecret });
  await syncAndWait(page, 'Corrupted');

  await openReconciliation(page);
  await expect(page.getByRole('status').filter({ hasText: /1 finding needs attention/ })).toBeVisible();
  const chainTable = page.getByRole('table', { name: 'Chains' });
  await expect(chainTable.getByText('1 break')).toHaveCount(1);
  await expect(chainTable.getByRole('row').filter({ hasText: '1 break' })).toContainText(`${sub.username} (${sub.userId})`);
  const findings = page.getByRole('table', { name: 'Findings' });
  const finding = findings.getByRole('row').filter({ has: page.getByRole('button', { name: `Show row ${target.rowId} in Transactions` }) });
  await expect(finding).toHaveCount(1);
  await expect(finding).toContainText('Error');
  await expect(finding).toContainText('BTC');

  // Keyboard: focus the row's button and press Enter.
  await finding.getByRole('button', { name: `Show row ${target.rowId} in Transactions` }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Transactions' })).toHaveAttribute('aria-selected', 'true');
  const grid = page.getByRole('grid', { name: 'Transactions' });
  await expect(grid.locator('.ag-row-selected [col-id="id"]')).toHaveText(String(target.rowId));
  await expect(grid.locator('.ag-row-selected [col-id="balance"]')).toHaveText(target.actual ? groupEn(target.actual) : /./);
  const details = page.getByRole('complementary', { name: 'Row details' });
  await expect(details).toContainText(String(target.rowId));
  await expect(details.getByRole('region', { name: 'Raw JSON' })).toContainText(`"id": ${target.rowId}`);

  // Back, and a click on the finding line works the same way.
  await openReconciliation(page);
  await page.getByRole('table', { name: 'Findings' }).getByRole('row').filter({ hasText: 'Error' }).click();
  await expect(grid.locator('.ag-row-selected [col-id="id"]')).toHaveText(String(target.rowId));
});
