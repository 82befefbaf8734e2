/// <reference lib="dom" />
/** Helpers for the grid specs: the simulator's truth as the grid should show it, and grid geometry. */
import { expect, type Locator, type Page } from '@playwright/test';
import type { DeribitSim } from '../../sim/deribit/index';
import type { TruthTransaction } from '../../sim/deribit/sim-types';
import { addAccount, startE2eApp, startE2eSim, syncAndWait, type E2eApp } from './app-harness';
import { DEFAULT_SIM_KEY } from '../../sim/deribit/index';

export const CURRENCIES = ['BTC', 'ETH', 'USDC'];
export const AMOUNT_COLUMNS = ['change', 'balance', 'amount', 'price', 'commission', 'position', 'equity'];

export interface TruthRow extends TruthTransaction {
  readonly rowId: string;
  readonly currency: string;
}

export function truthRows(sim: DeribitSim): TruthRow[] {
  const accountKey = `deribit-${sim.mainUserId}`;
  return sim.users.flatMap((u) =>
    CURRENCIES.flatMap((currency) => sim.truthTransactions(u.userId, currency).map((t) => ({ ...t, currency, rowId: `${accountKey}:${t.id}` }))),
  );
}

/** Exact order of decimal texts, independent of the app's code. */
export function compareDecimals(a: string, b: string): number {
  const scale = Math.max(a.split('.')[1]?.length ?? 0, b.split('.')[1]?.length ?? 0);
  const big = (t: string): bigint => {
    const negative = t.startsWith('-');
    const [w = '0', f = ''] = t.replace(/^[-+]/, '').split('.');
    const v = BigInt(w + f.padEnd(scale, '0'));
    return negative ? -v : v;
  };
  const x = big(a);
  const y = big(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** en-US grouping removed: what the cache holds. */
export const ungroup = (text: string): string => text.replace(/,/g, '').trim();

export async function startSyncedApp(page: Page): Promise<{ sim: DeribitSim; app: E2eApp }> {
  const sim = await startE2eSim();
  const app = await startE2eApp();
  await page.goto(app.app.url);
  await addAccount(page, sim, { label: 'Sim trader', clientId: DEFAULT_SIM_KEY.clientId, clientSecret: DEFAULT_SIM_KEY.clientSecret });
  await expect(page.getByRole('status').filter({ hasText: 'Added Sim trader' })).toBeVisible();
  await syncAndWait(page, 'Sim trader');
  return { sim, app };
}

export function rowById(grid: Locator, rowId: string): Locator {
  return grid.locator(`[role="row"][row-id="${rowId}"]`);
}

/** The grid's visible body area (what the user sees without scrolling sideways). */
export async function bodyViewportBox(grid: Locator): Promise<{ left: number; right: number }> {
  const box = await grid.boundingBox();
  if (!box) throw new Error('grid body not rendered');
  return { left: box.x, right: box.x + box.width };
}

/** For each column, whether its header and every rendered cell sit inside the viewport and show all their text. */
export async function columnFullyVisible(grid: Locator, colId: string): Promise<{ inside: boolean; clipped: string[] }> {
  const view = await bodyViewportBox(grid);
  const header = await grid.locator(`.ag-header-cell[col-id="${colId}"]`).boundingBox();
  const inside = header !== null && header.x >= view.left - 1 && header.x + header.width <= view.right + 1;
  const clipped = await grid.locator(`[role="row"][row-index] .ag-cell[col-id="${colId}"]`).evaluateAll((cells) =>
    cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent ?? ''),
  );
  return { inside, clipped };
}

/** A stored decimal as the grids show it with the default (en-US) number format: "-2718.5" → "-2,718.5". */
export function groupEn(text: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!match) return text;
  return `${match[1]}${BigInt(match[2]!).toLocaleString('en-US')}${match[3] ?? ''}`;
}
