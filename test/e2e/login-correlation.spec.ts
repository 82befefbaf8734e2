/**
 * Correlation in the app (browser mode, Chromium): a simulated Deribit account and the three login
 * providers' simulators, each source added through the Login sources form, with a planted takeover story
 * (2FA switched off in NLPearl three hours before the newest withdrawal; refused then admitted from a
 * never-seen country at Cloudflare before an earlier one). After syncing, the Timeline shows the account's
 * money movements, the login lanes and the findings; the Findings view lists the 2FA finding, and its
 * evidence links land on the withdrawal in Transactions and on the 2FA event in Login events.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startBrowserMode, type BrowserMode } from '../../src/main/browser/browser-mode';
import { plantLoginStory, type DemoWithdrawal } from '../../src/main/demo/demo-login-story';
import { SIM_ACCOUNT_ID, SIM_TOKEN, startCloudflareSim, type CloudflareSim } from '../sim/cloudflare/index';
import { DEFAULT_SIM_KEY, type DeribitSim } from '../sim/deribit/index';
import { DEFAULT_PULSE_KEY, startIngedataSim, type IngedataSim } from '../sim/ingedata/index';
import { DEFAULT_NLPEARL_ACCOUNT, startNlpearlSim, type NlpearlSim } from '../sim/nlpearl/index';
import { E2E_INTERVAL_MS, addAccount, e2eDataset, startE2eSim, syncAndWait } from './support/app-harness';

const DAY = 86_400_000;
const CURRENCIES = ['BTC', 'ETH', 'USDC'];

let deribit: DeribitSim | null = null;
let cloudflare: CloudflareSim | null = null;
let ingedata: IngedataSim | null = null;
let nlpearl: NlpearlSim | null = null;
let app: BrowserMode | null = null;
let dataDir: string | null = null;

// Wide enough for the grids' id columns (ag-grid renders only the columns in view).
test.use({ viewport: { width: 2600, height: 1200 } });
test.afterEach(async () => {
  await app?.close();
  await Promise.all([deribit?.close(), cloudflare?.close(), ingedata?.close(), nlpearl?.close()]);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  app = deribit = cloudflare = ingedata = nlpearl = dataDir = null;
});

interface SourceForm {
  readonly provider: 'cloudflare' | 'ingedata' | 'nlpearl';
  readonly name: string;
  readonly baseUrl: string;
  readonly accountId: string | null;
  readonly secretLabel: string;
  readonly secret: string;
}

/** Adds a login source through the form, as a person would. */
async function addLoginSource(page: Page, source: SourceForm): Promise<void> {
  const form = page.getByRole('form', { name: 'Add a login source' });
  await form.getByLabel('Provider').selectOption(source.provider);
  await form.getByLabel('Name').fill(source.name);
  await form.getByLabel('Base URL').fill(source.baseUrl);
  if (source.accountId !== null) await form.getByLabel('Account ID').fill(source.accountId);
  await form.getByLabel(source.secretLabel).fill(source.secret);
  await form.getByRole('button', { name: 'Add source' }).click();
  await expect(page.getByRole('article', { name: source.name })).toBeVisible();
}

test('login sources and an account correlate: timeline, findings, evidence to the row and the event', async ({ page }) => {
  test.setTimeout(150_000);
  deribit = await startE2eSim();
  const end = e2eDataset().endTime;
  const loginStart = end - 200 * DAY;
  const withdrawals: DemoWithdrawal[] = [];
  const withdrawalIds = new Map<string, number>();
  for (const user of deribit.users) {
    for (const currency of CURRENCIES) {
      for (const row of deribit.truthTransactions(user.userId, currency)) {
        if (row.type !== 'withdrawal') continue;
        withdrawals.push({ timestamp: row.timestamp, username: user.username, currency });
        withdrawalIds.set(`${row.timestamp}|${user.username}|${currency}`, row.id);
      }
    }
  }
  const story = plantLoginStory(withdrawals, loginStart);
  const target = story.twoFactorOffBefore;
  expect(target).not.toBeNull();
  const targetId = withdrawalIds.get(`${target?.timestamp}|${target?.username}|${target?.currency}`);
  expect(targetId).toBeDefined();

  [cloudflare, ingedata, nlpearl] = await Promise.all([
    startCloudflareSim({ dataset: { seed: 11, count: 600, startTime: loginStart, endTime: end }, includeCountry: true, retentionMs: 10 * 365 * DAY }),
    startIngedataSim({ dataset: { seed: 11, logins: 400, accounts: 6, startTime: loginStart, endTime: end } }),
    startNlpearlSim({ dataset: { seed: 11, events: 300, startTime: loginStart, endTime: end } }),
  ]);
  cloudflare.append({ records: [...story.cloudflare] });
  nlpearl.appendRecords(story.nlpearl);

  dataDir = await mkdtemp(join(tmpdir(), 'recon-correlation-'));
  app = await startBrowserMode({
    port: 0,
    dataDir,
    staticDir: resolve(process.env.RENDERER_DIR ?? 'out/renderer'),
    clientOverrides: {
      limits: { txLogIntervalMs: E2E_INTERVAL_MS + 5, credit: { capacity: 50_000, refillPerSec: 10_000, cost: 500 } },
      retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 200 },
      requestTimeoutMs: 3_000,
    },
  });
  await page.goto(app.url);
  await addAccount(page, deribit, { label: 'Sim trader', clientId: DEFAULT_SIM_KEY.clientId, clientSecret: DEFAULT_SIM_KEY.clientSecret });

  await page.getByRole('tab', { name: 'Login sources' }).click();
  await addLoginSource(page, { provider: 'cloudflare', name: 'Vault access', baseUrl: cloudflare.url, accountId: SIM_ACCOUNT_ID, secretLabel: 'Cloudflare API token', secret: SIM_TOKEN });
  await addLoginSource(page, { provider: 'ingedata', name: 'Pulse', baseUrl: ingedata.url, accountId: null, secretLabel: 'Ingedata API key', secret: DEFAULT_PULSE_KEY });
  await addLoginSource(page, { provider: 'nlpearl', name: 'Pearl', baseUrl: nlpearl.url, accountId: DEFAULT_NLPEARL_ACCOUNT.accountId, secretLabel: 'NLPearl secret key', secret: DEFAULT_NLPEARL_ACCOUNT.secretKey });
  await page.getByRole('button', { name: 'Sync login sources' }).click();
  const list = page.getByRole('list', { name: 'Configured login sources' });
  for (const name of ['Vault access', 'Pulse', 'Pearl']) {
    await expect(list.getByRole('article', { name }).getByText(/^Up to date: [\d,]+ new events/)).toBeVisible({ timeout: 60_000 });
  }
  await syncAndWait(page, 'Sim trader');

  // Timeline: one figure, lanes per source, findings on the axis, zoom by key and button, filter by source.
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const figure = page.getByRole('figure', { name: /^Timeline of Sim trader/ });
  await expect(figure).toBeVisible();
  const summary = page.locator('#timeline-summary');
  await expect(summary).toContainText(/Money movements: \d+ withdrawals?/);
  for (const lane of ['Deribit', 'Cloudflare', 'Ingedata', 'NLPearl']) await expect(summary).toContainText(new RegExp(`${lane}: [1-9][\\d]* login events?`));
  await expect(figure.getByRole('button', { name: /^high finding at / }).first()).toBeVisible();
  const readout = page.getByRole('status', { name: 'Visible time range' });
  const fullText = await readout.textContent();
  await figure.focus();
  await page.keyboard.press('+');
  await expect(readout).not.toHaveText(fullText ?? '');
  await page.getByRole('button', { name: 'Show everything' }).click();
  await expect(readout).toHaveText(fullText ?? '');
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(readout).not.toHaveText(fullText ?? '');
  await page.getByRole('button', { name: 'Show everything' }).click();
  await page.getByRole('checkbox', { name: 'Cloudflare' }).uncheck();
  await expect(summary).not.toContainText('Cloudflare:');
  await page.getByRole('checkbox', { name: 'Cloudflare' }).check();
  await expect(summary).toContainText('Cloudflare:');
  // The DOM stays small however many events there are.
  expect(await figure.locator('svg rect').count()).toBeLessThan(3000);

  // Findings: the planted 2FA switch-off before the newest withdrawal, high, with its evidence.
  await page.getByRole('tab', { name: 'Findings' }).click();
  // Incidents come first; every single finding stays reachable under "All findings".
  await page.getByText(/^All findings/).click();
  const table = page.getByRole('table', { name: 'Correlation findings' });
  // The finding is timed at its withdrawal (the 2FA change may precede other movements too: one finding each),
  // shown in UTC (the default display zone) to the second.
  const row = table.getByRole('row').filter({ hasText: 'Security change before money left' }).filter({ hasText: new Date(target?.timestamp ?? 0).toISOString().slice(0, 19).replace('T', ' ') });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('high');
  await row.getByRole('button', { name: 'Security change before money left' }).focus();
  await page.keyboard.press('Enter');
  const evidence = page.getByRole('list', { name: 'Evidence', exact: true });
  await expect(evidence.getByRole('button', { name: `Transaction ${targetId}` })).toBeVisible();
  await expect(evidence.getByRole('listitem').filter({ hasText: '2FA disabled by Alice Martin' })).toBeVisible();

  await evidence.getByRole('button', { name: `Transaction ${targetId}` }).click();
  await expect(page.getByRole('tab', { name: 'Transactions' })).toHaveAttribute('aria-selected', 'true');
  const grid = page.getByRole('grid', { name: 'Transactions' });
  await expect(grid.locator('.ag-row-selected [col-id="id"]')).toHaveText(String(targetId));
  await expect(page.getByRole('complementary', { name: 'Row details' }).getByRole('region', { name: 'Raw JSON' })).toContainText(`"id": ${targetId}`);

  // Back to the finding (still open) and on to the login event.
  await page.getByRole('tab', { name: 'Findings' }).click();
  await evidence.getByRole('listitem').filter({ hasText: '2FA disabled by Alice Martin' }).getByRole('button').click();
  await expect(page.getByRole('tab', { name: 'Login events' })).toHaveAttribute('aria-selected', 'true');
  const events = page.getByRole('grid', { name: 'Login events' });
  await expect(events.locator('.ag-row-selected [col-id="kind"]')).toHaveText('2FA disabled');
  await expect(page.getByRole('complementary', { name: 'Row details' }).getByRole('region', { name: 'Raw JSON' })).toContainText('"eventType": 81');
});
