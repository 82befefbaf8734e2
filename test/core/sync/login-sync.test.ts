/**
 * The login sync engine's windows over a real connector and simulator: first run backfills the lookback,
 * a later run reads only [watermark − overlap, now], an error keeps the cursor for the next run.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCloudflareConnector } from '../../../src/core/providers/cloudflare/index';
import { runLoginSync, type LoginSyncProgress } from '../../../src/core/sync/login-sync';
import { SIM_TOKEN, startCloudflareSim, type CloudflareSim } from '../../sim/cloudflare/index';
import { DAY, MemoryLoginStore } from '../providers/cloudflare/connector-harness';

const end = Date.UTC(2026, 5, 1);
let clock = end + 60_000;
const now = (): number => clock;
let sims: CloudflareSim[] = [];

afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
  clock = end + 60_000;
});

async function start(): Promise<CloudflareSim> {
  const sim = await startCloudflareSim({ dataset: { seed: 11, count: 600, startTime: end - 20 * DAY, endTime: end }, now });
  sims.push(sim);
  return sim;
}

const connect = (sim: CloudflareSim, token = SIM_TOKEN) =>
  createCloudflareConnector({ sourceKey: 'cf', accountId: sim.accountId, credentials: { kind: 'api-token', token }, baseUrl: sim.url, now, random: () => 0, pageSize: 100, retry: { maxAttempts: 1 } });

const sync = (sim: CloudflareSim, store: MemoryLoginStore, token?: string): Promise<LoginSyncProgress> =>
  runLoginSync({ sourceKey: 'cf', source: 'cloudflare', connector: connect(sim, token), store, now, lookbackMs: 30 * DAY });

describe('runLoginSync', () => {
  it('backfills the lookback window, then reads only what is newer than the watermark (minus the overlap)', async () => {
    const sim = await start();
    const store = new MemoryLoginStore();
    const first = await sync(sim, store);
    expect(first.phase).toBe('done');
    expect(store.events.size).toBe(sim.truth().length);
    expect(store.state).toMatchObject({ phase: 'idle', watermark: end + 60_000, cursor: null, eventsStored: sim.truth().length });

    sim.append({ count: 40, from: end + 2 * 60_000, to: end + 3_600_000 });
    clock = end + 2 * 3_600_000;
    const before = sim.requests().length;
    const second = await sync(sim, store);
    expect(second).toMatchObject({ phase: 'done', newEvents: 40 });
    expect(store.events.size).toBe(sim.truth().length);
    expect(store.state).toMatchObject({ watermark: end + 2 * 3_600_000, windowStart: end + 60_000 - 10 * 60_000 });
    // 40 new events at 100 per page: one page (plus at most one confirming page), not the whole history again.
    expect(sim.requests().length - before).toBeLessThanOrEqual(2);
  });

  it('keeps the window and cursor after an error and finishes it on the next run', async () => {
    const sim = await start();
    const store = new MemoryLoginStore();
    const failed = await sync(sim, store, 'wrong-token');
    expect(failed.phase).toBe('error');
    expect(failed.message).toMatch(/token/i);
    expect(store.state).toMatchObject({ phase: 'backfill', lastError: failed.message, watermark: null });

    const resumed = await sync(sim, store);
    expect(resumed.phase).toBe('done');
    expect(store.events.size).toBe(sim.truth().length);
    expect(store.state).toMatchObject({ phase: 'idle', lastError: null });
  });
});
