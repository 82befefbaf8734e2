/**
 * `npm run bench`: every benchmark, at Deribit's real limits, one JSON object per line on stdout.
 * Needs a renderer build (npm run build) for the Chromium figures.
 */
import { existsSync } from 'node:fs';
import { benchCacheOpen } from './cache-open';
import { benchDexieIngest } from './dexie-ingest';
import { benchSyncEfficiency } from './sync-efficiency';

const only = process.argv[2];
const benches: Record<string, () => Promise<void>> = {
  ingest: () => benchDexieIngest(),
  sync: () => benchSyncEfficiency(),
  'cache-open': async () => {
    if (!existsSync('out/renderer/index.html')) throw new Error('No renderer build: run `npm run build` first.');
    await benchCacheOpen();
  },
};
for (const [name, run] of Object.entries(benches)) {
  if (only && only !== name) continue;
  await run();
}
process.exit(0);
