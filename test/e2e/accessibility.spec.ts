/**
 * Issue 11: axe-core over every screen (the tabs found in the tab list, so screens added later are
 * checked too), with data to show, at 1440 × 900: no serious or critical violation.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { DeribitSim } from '../sim/deribit/index';
import type { E2eApp } from './support/app-harness';
import { startSyncedApp } from './support/grid-page';

let sim: DeribitSim | null = null;
let app: E2eApp | null = null;
test.afterEach(async () => {
  await sim?.close();
  sim = null;
  await app?.close();
  app = null;
});

test.use({ viewport: { width: 1440, height: 900 } });

test('every screen has no serious accessibility violation', async ({ page }) => {
  ({ sim, app } = await startSyncedApp(page));
  const tabs = page.getByRole('tablist', { name: 'Views' }).getByRole('tab');
  const names = (await tabs.allTextContents()).map((t) => t.trim());
  expect(names.length).toBeGreaterThanOrEqual(9);
  const problems: string[] = [];
  for (let i = 0; i < names.length; i++) {
    const tab = tabs.nth(i);
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    // Let the view read the cache and draw (grids, charts).
    await page.waitForTimeout(800);
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    for (const v of result.violations) {
      if (v.impact !== 'serious' && v.impact !== 'critical') continue;
      problems.push(`${names[i]}: ${v.id} (${v.impact}) — ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    }
  }
  expect(problems).toEqual([]);
});
