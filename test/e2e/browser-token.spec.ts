/**
 * Browser mode's sign-in, in a real Chromium profile: the launch link's one-time token becomes an
 * HttpOnly session cookie; afterwards the credential the page uses (the cookie) and the API token are
 * in no file of the profile (History, Top Sites, Sessions, …), and the launch token Chromium keeps in
 * its History is spent. Then the passphrase prompt the desktop app shows without an OS keyring.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, expect, test, type BrowserContext } from '@playwright/test';
import { startBrowserMode, type BrowserMode } from '../../src/main/browser/browser-mode';
import { DEFAULT_SIM_KEY, type DeribitSim } from '../sim/deribit/index';
import { addAccount, startE2eApp, startE2eSim, type E2eApp } from './support/app-harness';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
let app: E2eApp | null = null;
let context: BrowserContext | null = null;
const cleanup: string[] = [];

test.afterEach(async () => {
  await context?.close().catch(() => undefined);
  await app?.close();
  for (const dir of cleanup.splice(0)) await rm(dir, { recursive: true, force: true });
  app = context = null;
});

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

async function filesContaining(profile: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const file of await filesUnder(profile)) {
    const bytes = await readFile(file).catch(() => Buffer.alloc(0));
    if (bytes.includes(needle) || bytes.includes(Buffer.from(needle, 'utf16le'))) hits.push(relative(profile, file));
  }
  return hits;
}

test('the launch token becomes an HttpOnly cookie; no profile file holds a usable credential', async () => {
  app = await startE2eApp();
  const profile = await mkdtemp(join(tmpdir(), 'recon-token-profile-'));
  cleanup.push(profile);
  context = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = context.pages()[0] ?? (await context.newPage());
  const launchUrl = app.app.url;
  const launchToken = new URL(launchUrl).hash.replace('#token=', '');
  await page.goto(launchUrl);

  await expect(page.getByRole('tab', { name: 'Accounts' })).toBeVisible();
  await expect(page).toHaveURL(`${app.app.origin}/`);
  // Connected through the cookie: a call from the page succeeds, and no script can read the cookie.
  const call = () => page.evaluate(async () => (await fetch('/api/getAppInfo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status);
  await expect.poll(call).toBe(200);
  expect(await page.evaluate(() => document.cookie)).toBe('');
  expect(await page.evaluate(() => JSON.stringify(sessionStorage) + JSON.stringify(localStorage))).not.toContain(launchToken);
  const cookies = await context.cookies(`${app.app.origin}/api/`);
  expect(cookies).toHaveLength(1);
  const session = cookies[0]!;
  expect(session).toMatchObject({ domain: '127.0.0.1', path: '/api', httpOnly: true, sameSite: 'Strict', expires: -1 });

  // A reload stays signed in; the token left in the history opens nothing.
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Accounts' })).toBeVisible();
  expect(await call()).toBe(200);
  const replay = await page.evaluate(async (token) => {
    const init = { method: 'POST', credentials: 'omit' as const, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' };
    return [(await fetch('/api/session', init)).status, (await fetch('/api/getAppInfo', init)).status];
  }, launchToken);
  expect(replay).toEqual([401, 401]);

  // Let Chromium write its session and history files, then look at every file of the profile.
  await page.waitForTimeout(3_000);
  await context.close();
  context = null;
  const files = (await filesUnder(profile)).map((f) => relative(profile, f));
  expect(files).toEqual(expect.arrayContaining(['Default/History']));
  expect(files.some((f) => f.startsWith('Default/Sessions/'))).toBe(true);
  // The files were written and do record the app (so the searches below can find something).
  expect(await filesContaining(profile, `127.0.0.1:${new URL(app.app.origin).port}`)).toEqual(expect.arrayContaining(['Default/History']));
  expect(await filesContaining(profile, session.value)).toEqual([]);
  expect(await filesContaining(profile, app.app.apiToken)).toEqual([]);
});

test('the launch page the app prints signs in with no token in any address: no profile file holds it, and the page is gone', async () => {
  app = await startE2eApp();
  const profile = await mkdtemp(join(tmpdir(), 'recon-launch-profile-'));
  cleanup.push(profile);
  context = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = context.pages()[0] ?? (await context.newPage());
  const launchPage = await app.app.newLaunchFile();
  const launchFile = fileURLToPath(launchPage);
  const launchToken = /name="token" value="([0-9a-f]{64})"/.exec(await readFile(launchFile, 'utf8'))?.[1] ?? '';
  expect(launchToken).toMatch(/^[0-9a-f]{64}$/);
  await page.goto(launchPage);

  await expect(page).toHaveURL(`${app.app.origin}/`);
  await expect(page.getByRole('tab', { name: 'Accounts' })).toBeVisible();
  const call = () => page.evaluate(async () => (await fetch('/api/getAppInfo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status);
  await expect.poll(call).toBe(200);
  expect(await page.evaluate(() => document.cookie)).toBe('');
  // Spent: the page file is deleted and the token opens nothing a second time.
  await expect.poll(async () => readFile(launchFile).then(() => 'there', () => 'gone')).toBe('gone');
  const again = await page.evaluate(async ([origin, token]) => (await fetch(`${origin}/launch`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${token}`, redirect: 'manual', credentials: 'omit' })).status, [app.app.origin, launchToken] as const);
  expect(again).toBe(401);

  await page.waitForTimeout(3_000);
  await context.close();
  context = null;
  expect(await filesContaining(profile, `127.0.0.1:${new URL(app.app.origin).port}`)).toEqual(expect.arrayContaining(['Default/History']));
  expect(await filesContaining(profile, launchToken)).toEqual([]);
});

test('without an OS keyring: choose a passphrase, then unlock with it after a restart; a wrong one changes nothing', async () => {
  const sim: DeribitSim = await startE2eSim();
  const dataDir = await mkdtemp(join(tmpdir(), 'recon-passphrase-'));
  cleanup.push(dataDir);
  let mode: BrowserMode | null = null;
  const start = async () => startBrowserMode({ port: 0, dataDir, staticDir: resolve('out/renderer'), passphraseSecrets: { scrypt: { N: 2 ** 12, r: 8, p: 1 } } });
  try {
    mode = await start();
    context = await chromium.launchPersistentContext(await mkdtemp(join(tmpdir(), 'recon-profile-')), { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto(mode.url);
    const choose = page.getByRole('form', { name: 'Choose a passphrase' });
    await expect(page.getByText(/No OS keyring was found/)).toBeVisible();
    await choose.getByLabel('Passphrase', { exact: true }).fill('river stone lantern');
    await choose.getByLabel('Passphrase again').fill('river stone lantren');
    await choose.getByRole('button', { name: 'Set passphrase' }).click();
    await expect(page.getByRole('alert')).toHaveText(/differ/);
    await choose.getByLabel('Passphrase again').fill('river stone lantern');
    await choose.getByRole('button', { name: 'Set passphrase' }).click();
    await expect(choose).toBeHidden();

    await addAccount(page, sim, { label: 'Locked', clientId: DEFAULT_SIM_KEY.clientId, clientSecret: DEFAULT_SIM_KEY.clientSecret });
    await expect(page.getByRole('status').filter({ hasText: 'Added Locked' })).toBeVisible();
    const secrets = await readFile(join(dataDir, 'secrets.passphrase.json'), 'utf8');
    expect(secrets).not.toContain(DEFAULT_SIM_KEY.clientSecret);

    await mode.close();
    mode = await start();
    page = await context.newPage();
    await page.goto(mode.url);
    const unlock = page.getByRole('form', { name: 'Unlock saved secrets' });
    await unlock.getByLabel('Passphrase', { exact: true }).fill('river stone lantren');
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('alert')).toHaveText(/does not unlock.*Nothing was changed/);
    expect(await readFile(join(dataDir, 'secrets.passphrase.json'), 'utf8')).toBe(secrets);
    await unlock.getByLabel('Passphrase', { exact: true }).fill('river stone lantern');
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await expect(unlock).toBeHidden();
  } finally {
    await mode?.close();
    await sim.close();
  }
});
