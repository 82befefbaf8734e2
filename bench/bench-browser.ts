/**
 * What the Chromium benches share: the browser mode on a temporary data folder, Debian's Chromium on a
 * temporary (disk-backed) profile, the app page open, and everything removed again on close.
 */
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { startBrowserMode, type BrowserMode } from '../src/main/browser/browser-mode';
import type { DemoProvider } from '../src/main/services/main-services';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export interface BenchBrowser {
  readonly app: BrowserMode;
  readonly browser: BrowserContext;
  readonly page: Page;
  /** The Chromium profile folder (memory sampling finds the browser's processes by it). */
  readonly profile: string;
  close(): Promise<void>;
}

/** The built reconciliation worker's file name in `<staticDir>/assets`. */
export function builtWorkerFile(staticDir: string): string {
  const file = readdirSync(join(staticDir, 'assets')).find((f) => /^recon-worker-.*\.js$/.test(f));
  if (file === undefined) throw new Error(`No built worker in ${staticDir}/assets: run \`npm run build\` first.`);
  return file;
}

export async function openBenchBrowser(
  name: string,
  staticDir: string,
  options: { readonly demo?: DemoProvider; readonly beforeOpen?: (app: BrowserMode) => Promise<void>; readonly acceptDownloads?: boolean } = {},
): Promise<BenchBrowser> {
  const dataDir = await mkdtemp(join(tmpdir(), `recon-bench-${name}-`));
  const profile = await mkdtemp(join(tmpdir(), `recon-bench-${name}-profile-`));
  const app = await startBrowserMode({ port: 0, dataDir, staticDir, ...(options.demo ? { demo: options.demo } : {}) });
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, acceptDownloads: options.acceptDownloads ?? false, viewport: { width: 1600, height: 1000 },
  });
  const close = async (): Promise<void> => {
    await browser.close();
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(profile, { recursive: true, force: true });
  };
  try {
    await options.beforeOpen?.(app);
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(app.url);
    await page.getByRole('tab', { name: 'Accounts' }).waitFor();
    // tsx (esbuild keepNames) wraps named inner functions in __name(); give the page a no-op one.
    await page.evaluate('globalThis.__name = (f) => f');
    return { app, browser, page, profile, close };
  } catch (error) {
    await close();
    throw error;
  }
}
