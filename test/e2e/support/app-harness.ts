/// <reference lib="dom" />
/**
 * End-to-end harness: a Deribit simulator and the app's browser mode (the same main-process services
 * and renderer build the user runs), with a faster rate limit injected into both — a test-only
 * option, never a user setting.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { startBrowserMode, type BrowserMode } from '../../../src/main/browser/browser-mode';
import { startDeribitSim, type DatasetSpec, type DeribitSim, type DeribitSimOptions } from '../../sim/deribit/index';

export const E2E_INTERVAL_MS = 25;
const DAY = 86_400_000;

export function e2eDataset(overrides: Partial<DatasetSpec> = {}): DatasetSpec {
  const endTime = Date.UTC(2026, 9, 1);
  return { seed: 42, subaccounts: 2, currencies: ['BTC', 'ETH', 'USDC'], rowsPerStream: 400, accessLogEvents: 1200, startTime: endTime - 500 * DAY, endTime, ...overrides };
}

export async function startE2eSim(options: Partial<DeribitSimOptions> = {}): Promise<DeribitSim> {
  return startDeribitSim({ dataset: e2eDataset(), txLogIntervalMs: E2E_INTERVAL_MS, ...options });
}

export interface E2eApp {
  readonly app: BrowserMode;
  readonly dataDir: string;
  close(): Promise<void>;
}

export async function startE2eApp(intervalMs = E2E_INTERVAL_MS): Promise<E2eApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'recon-e2e-'));
  const app = await startBrowserMode({
    port: 0,
    dataDir,
    staticDir: resolve('out/renderer'),
    clientOverrides: {
      limits: { txLogIntervalMs: intervalMs + 5, credit: { capacity: 50_000, refillPerSec: 10_000, cost: 500 } },
      retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 200 },
      requestTimeoutMs: 3_000,
    },
  });
  return {
    app,
    dataDir,
    async close() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function truthRowCount(sim: DeribitSim, currencies: readonly string[]): number {
  let total = 0;
  for (const user of sim.users) for (const c of currencies) total += sim.truthTransactions(user.userId, c).length;
  return total;
}

/** Adds a key through the Accounts form, as a person would. */
export async function addAccount(page: Page, sim: DeribitSim, key: { label: string; clientId: string; clientSecret: string }): Promise<void> {
  await page.getByRole('tab', { name: 'Accounts' }).click();
  const form = page.getByRole('form', { name: 'Add an account' });
  await form.getByRole('textbox', { name: 'Label' }).fill(key.label);
  await form.getByRole('radio', { name: 'Custom URL' }).check();
  await form.getByRole('textbox', { name: 'Base URL' }).fill(sim.url);
  await form.getByRole('textbox', { name: 'Client ID' }).fill(key.clientId);
  await form.getByLabel('Client secret').fill(key.clientSecret);
  await form.getByRole('button', { name: 'Add account' }).click();
}

export async function syncAndWait(page: Page, label: string): Promise<void> {
  await page.getByRole('tab', { name: 'Sync' }).click();
  const card = page.getByRole('article', { name: label });
  await card.getByRole('button', { name: 'Sync now' }).click();
  await expect(card.getByText('Sync complete.')).toBeVisible({ timeout: 120_000 });
  await expect(card.getByRole('progressbar', { name: 'Sync progress' })).toHaveAttribute('aria-valuenow', '100');
}

/** Every transaction id in the page's IndexedDB cache (raw IndexedDB, independent of the app's code). */
export async function cachedTransactionIds(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const req = indexedDB.open('deribit-reconciler');
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error);
    });
    const keys = await new Promise<IDBValidKey[]>((res, rej) => {
      const req = db.transaction('transactions').objectStore('transactions').getAllKeys();
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error);
    });
    db.close();
    return keys.map((k) => (k as [string, number])[1]);
  });
}
