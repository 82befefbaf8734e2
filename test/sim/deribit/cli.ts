/**
 * Manual use: `npx tsx test/sim/deribit/cli.ts --port 8787 --rows 5000 --seed 1 [--subaccounts 2]
 * [--currencies BTC,ETH,USDC] [--access 500] [--tx-interval 1000] [--latency 0] [--corrupted]`.
 * --corrupted serves corruptedPreset (one altered balance) and prints where it is.
 * Prints the base URL and the key, then serves until interrupted.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_SIM_KEY, corruptedPreset, startDeribitSim, type DatasetSpec } from './index';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    rows: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '1' },
    subaccounts: { type: 'string', default: '2' },
    currencies: { type: 'string', default: 'BTC,ETH,USDC' },
    access: { type: 'string', default: '500' },
    'tx-interval': { type: 'string', default: '1000' },
    latency: { type: 'string', default: '0' },
    corrupted: { type: 'boolean', default: false },
  },
});

const endTime = Date.now();
const started = performance.now();
const dataset: DatasetSpec = {
  seed: Number(values.seed),
  subaccounts: Number(values.subaccounts),
  currencies: values.currencies.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean),
  rowsPerStream: Number(values.rows),
  accessLogEvents: Number(values.access),
  startTime: endTime - 2 * 365 * 86_400_000,
  endTime,
};
const sim = await startDeribitSim({
  dataset: values.corrupted ? corruptedPreset(dataset) : dataset,
  port: Number(values.port),
  txLogIntervalMs: Number(values['tx-interval']),
  latencyMs: Number(values.latency),
});

console.log(`Deribit simulator ready in ${Math.round(performance.now() - started)} ms`);
console.log(`  url:           ${sim.url}`);
console.log(`  client_id:     ${DEFAULT_SIM_KEY.clientId}`);
console.log(`  client_secret: ${DEFAULT_SIM_KEY.clientSecret}`);
console.log(`  scope:         ${DEFAULT_SIM_KEY.scope}`);
for (const t of sim.corruptionTargets()) console.log(`  corruption:    ${t.description} (user ${t.userId} ${t.currency})`);
console.log(`  users:         ${sim.users.map((u) => `${u.userId} ${u.username}${u.isMain ? ' (main)' : ''}`).join(', ')}`);

const stop = (): void => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
