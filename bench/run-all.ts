/**
 * `npm run bench`: every benchmark, at Deribit's real limits, one JSON object per line on stdout.
 * Needs a renderer build (npm run build) for the Chromium figures.
 */
import { existsSync } from 'node:fs';
import { report } from './bench-output';
import { benchCacheOpen } from './cache-open';
import { benchCorrelate } from './correlate';
import { benchCorrelateWorker } from './correlate-worker';
import { benchLoginSyncCloudflare } from './login-sync-cloudflare';
import { benchLoginSyncIngedata } from './login-sync-ingedata';
import { benchLoginSyncNlpearl } from './login-sync-nlpearl';
import { benchDexieIngest } from './dexie-ingest';
import { benchOverviewUi } from './overview-ui';
import { benchReconcileUi } from './reconcile-ui';
import { benchReconcileWorker } from './reconcile-worker';
import { benchSyncEfficiency } from './sync-efficiency';

const only = process.argv[2];
const needsRendererBuild = (): void => {
  if (!existsSync('out/renderer/index.html')) throw new Error('No renderer build: run `npm run build` first.');
};
/** Benches that return their figures instead of printing them. */
const printed = (bench: () => Promise<readonly { name: string; value: number; unit: string }[]>) => async (): Promise<void> => {
  for (const { name, value, unit, ...context } of await bench()) report(name, value, unit, context);
};
const benches: Record<string, () => Promise<void>> = {
  ingest: () => benchDexieIngest(),
  sync: () => benchSyncEfficiency(),
  'login-sync': async () => {
    await printed(benchLoginSyncCloudflare)();
    await printed(benchLoginSyncIngedata)();
    await printed(benchLoginSyncNlpearl)();
  },
  correlate: printed(benchCorrelate),
  'cache-open': async () => {
    needsRendererBuild();
    await benchCacheOpen();
  },
  'correlate-worker': async () => {
    needsRendererBuild();
    await printed(benchCorrelateWorker)();
  },
  reconcile: async () => {
    needsRendererBuild();
    await printed(benchReconcileWorker)();
    await printed(benchReconcileUi)();
  },
  overview: async () => {
    needsRendererBuild();
    await printed(benchOverviewUi)();
  },
};
for (const [name, run] of Object.entries(benches)) {
  if (only && only !== name) continue;
  await run();
}
process.exit(0);
