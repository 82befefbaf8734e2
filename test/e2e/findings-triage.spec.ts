/**
 * Triage in the Findings view (browser mode, Chromium): an account synced from the Deribit simulator and
 * two login sources (NLPearl with a 2FA switch-off three hours before the newest withdrawal, Cloudflare
 * Access refusing then admitting a stranger before an earlier one). The takeover is one high incident,
 * counted on the Findings tab; filtering by severity shows it alone; it is marked reviewed with a note;
 * after a reload the review is still there (kept in the cache), the count is gone, and the reviewed filter
 * finds it. Driven by role and accessible name only.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startBrowserMode, type BrowserMode } from '../../src/main/browser/browser-mode';
import { plantLoginStory, type DemoWithdrawal } from '../../src/main/demo/demo-login-story';
import { SIM_ACCOUNT_ID, SIM_TOKEN, startCloudflareSim, type CloudflareSim } from '../sim/cloudflare/index';
import { DEFAULT_SIM_KEY, type DeribitSim } from '../sim/deribit/index';
import { DEFAULT_NLPEARL_ACCOUNT, startNlpearlSim, type NlpearlSim } from '../sim/nlpearl/index';
import { E2E_INTERVAL_MS, addAccount, e2eDataset, startE2eSim, syncAndWait } from './support/app-harness';

const DAY = 86_400_000;

let deribit: DeribitSim | null = null;
let cloudflare: CloudflareSim | null = null;
let nlpearl: NlpearlSim | null = null;
let app: BrowserMode | null = null;
let dataDir: string | null = null;

test.afterEach(async () => {
  await app?.close();
  await Promise.all([deribit?.close(), cloudflare?.close(), nlpearl?.close()]);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  app = deribit = cloudflare = nlpearl = dataDir = null;
});

async function addLoginSource(page: Page, source: { provider: 'cloudflare' | 'nlpearl'; name: string; baseUrl: string; accountId: string; secretLabel: string; secret: string }): Promise<void> {
  const form = page.getByRole('form', { name: 'Add a login source' });
  await form.getByLabel('Provider').selectOption(source.provider);
  await form.getByLabel('Name').fill(source.name);
  await form.getByLabel('Base URL').fill(source.baseUrl);
  await form.getByLabel('Account ID').fill(source.accountId);
  await form.getByLabel(source.secretLabel).fill(source.secret);
  await form.getByRole('button', { name: 'Add source' }).click();
  await expect(page.getByRole('article', { name: source.name })).toBeVisible();
}

test('filter incidents, mark the takeover reviewed with a note, reload: still reviewed', async ({ page }) => {
  test.setTimeout(150_000);
  deribit = await startE2eSim();
  const end = e2eDataset().endTime;
  const loginStart = end - 200 * DAY;
  const withdrawals: DemoWithdrawal[] = deribit.users.flatMap((user) =>
    ['BTC', 'ETH', 'USDC'].flatMap((currency) =>
      (deribit?.truthTransactions(user.userId, currency) ?? []).filter((r) => r.type === 'withdrawal').map((r) => ({ timestamp: r.timestamp, username: user.username, currency })),
    ),
  );
  const story = plantLoginStory(withdrawals, loginStart);
  expect(story.twoFactorOffBefore).not.toBeNull();
  [cloudflare, nlpearl] = await Promise.all([
    startCloudflareSim({ dataset: { seed: 11, count: 200, startTime: loginStart, endTime: end }, includeCountry: true, retentionMs: 10 * 365 * DAY }),
    startNlpearlSim({ dataset: { seed: 11, events: 150, startTime: loginStart, endTime: end } }),
  ]);
  cloudflare.append({ records: [...story.cloudflare] });
  nlpearl.appendRecords(story.nlpearl);

  dataDir = await mkdtemp(join(tmpdir(), 'recon-triage-'));
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
  await addLoginSource(page, { provider: 'nlpearl', name: 'Pearl', baseUrl: nlpearl.url, accountId: DEFAULT_NLPEARL_ACCOUNT.accountId, secretLabel: 'NLPearl secret key', secret: DEFAULT_NLPEARL_ACCOUNT.secretKey });
  await page.getByRole('button', { name: 'Sync login sources' }).click();
  const list = page.getByRole('list', { name: 'Configured login sources' });
  for (const name of ['Vault access', 'Pearl']) await expect(list.getByRole('article', { name }).getByText(/^Up to date/)).toBeVisible({ timeout: 60_000 });
  await syncAndWait(page, 'Sim trader');

  // The Findings tab counts the unreviewed high incidents.
  const findingsTab = page.getByRole('tab', { name: /^Findings/ });
  await findingsTab.click();
  await expect(findingsTab.getByLabel(/^\d+ unreviewed high incidents?$/)).toBeVisible({ timeout: 30_000 });
  const unreviewedBefore = Number((await findingsTab.getByLabel(/unreviewed high/).textContent()) ?? '0');
  const incidents = page.getByRole('list', { name: 'Incidents' });
  await expect(incidents.getByRole('article').first()).toBeVisible();
  const shownAll = (await page.getByRole('status').filter({ hasText: /^Showing all \d+ incidents\.$/ }).textContent()) ?? '';
  const total = Number(/\d+/.exec(shownAll)?.[0]);

  // Filter by severity: only high incidents remain (a page of at most 20 at a time), the takeover among them.
  const filters = page.getByRole('search', { name: 'Filter incidents' });
  await filters.getByLabel('Severity').selectOption('high');
  if (unreviewedBefore < total) await expect(page.getByRole('status').filter({ hasText: `${unreviewedBefore} of ${total} incidents match the filters.` })).toBeVisible();
  const onPage = await incidents.getByRole('article').count();
  expect(onPage).toBe(Math.min(unreviewedBefore, 20));
  for (const article of await incidents.getByRole('article').all()) await expect(article.getByText('high', { exact: true })).toBeVisible();
  if (unreviewedBefore > 20) {
    const pages = page.getByRole('navigation', { name: 'Incident pages' });
    await pages.getByRole('button', { name: 'Next page' }).click();
    await expect(pages.getByText(`Page 2 of ${Math.ceil(unreviewedBefore / 20)}`)).toBeVisible();
    await expect(incidents.getByRole('article')).toHaveCount(Math.min(unreviewedBefore - 20, 20));
    await pages.getByRole('button', { name: 'Previous page' }).click();
  }
  // The newest withdrawal's story comes first among the high ones.
  const takeover = incidents.getByRole('article', { name: /2FA disabled \(Pearl\)/ });
  await expect(takeover).toHaveCount(1);

  // Its evidence reads as words (no internal key outside the details), in time order, ending with the withdrawal.
  await takeover.getByRole('button', { name: 'Show evidence' }).click();
  const evidence = takeover.getByRole('list', { name: /^Evidence of:/ });
  await expect(evidence.getByRole('button', { name: /2FA disabled by Alice Martin — from 81\.56\.12\.201 — Pearl$/ })).toBeVisible();
  await expect(evidence.getByRole('listitem').last()).toContainText('Withdrawal of');
  await expect(evidence).not.toContainText('|');

  // Mark it reviewed with a note.
  const note = 'Called Alice: she switched 2FA off to change phones; withdrawal confirmed.';
  await takeover.getByRole('form', { name: /^Review:/ }).getByLabel('Review note').fill(note);
  await takeover.getByRole('button', { name: 'Mark reviewed' }).click();
  await expect(takeover.getByText(`: ${note}`)).toBeVisible();
  if (unreviewedBefore === 1) await expect(findingsTab.getByLabel(/unreviewed high/)).toHaveCount(0);
  else await expect(findingsTab.getByLabel(/unreviewed high/)).toHaveText(String(unreviewedBefore - 1));

  // Reload: the review is kept in the cache and still applies (the evidence did not change).
  await page.reload();
  await page.getByRole('tab', { name: /^Findings/ }).click();
  const reloaded = page.getByRole('list', { name: 'Incidents' }).getByRole('article', { name: /2FA disabled \(Pearl\)/ });
  await expect(reloaded).toBeVisible({ timeout: 30_000 });
  await expect(reloaded.getByText(`: ${note}`)).toBeVisible();
  await expect(reloaded.getByText('reviewed', { exact: true })).toBeVisible();
  await page.getByRole('search', { name: 'Filter incidents' }).getByLabel('Review').selectOption('reviewed');
  await expect(page.getByRole('list', { name: 'Incidents' }).getByRole('article')).toHaveCount(1);
  await page.getByRole('search', { name: 'Filter incidents' }).getByLabel('Review').selectOption('unreviewed');
  await expect(page.getByRole('list', { name: 'Incidents' }).getByRole('article', { name: /2FA disabled \(Pearl\)/ })).toHaveCount(0);
});
