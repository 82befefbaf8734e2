/**
 * The client spaces transaction-log ARRIVALS (what Deribit counts), not only its sends: over real HTTP,
 * with the simulator's latency jittered per request and its limit equal to the client's interval, so any
 * early arrival is a 10028 or a server-side gap below the interval.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RateScheduler } from '../../../../src/core/providers/deribit/rate-scheduler';
import type { DeribitSim } from '../../../sim/deribit/index';
import { clientFor, firstPage, startSim } from './client-harness';
import { TX_LOG, expectArrivalsSpaced, serverGaps } from './server-gaps';

let sim: DeribitSim | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await sim?.close();
  sim = undefined;
});

const INTERVAL = 80;
const LIMITS = { txLogIntervalMs: INTERVAL, credit: { capacity: 50_000, refillPerSec: 10_000, cost: 500 } };

async function pageThrough(client: ReturnType<typeof clientFor>['client'], pages: number, currency = 'BTC', between?: (page: number) => void): Promise<void> {
  let continuation: number | null = null;
  for (let i = 0; i < pages; i++) {
    const page = await client.getTransactionLog({ ...firstPage(4), currency, continuation });
    continuation = page.continuation;
    between?.(i);
  }
}

describe('transaction-log arrivals', () => {
  it('learns the gaps the server stamped (usIn) and keeps them at least the interval', async () => {
    sim = await startSim({ txLogIntervalMs: INTERVAL, latencyMs: 20, latencyJitterMs: 15 });
    const scheduler = new RateScheduler(LIMITS);
    const { client } = clientFor(sim, { scheduler });
    await pageThrough(client, 12);
    expectArrivalsSpaced(sim, INTERVAL, 12);
    const stats = scheduler.txLogStats();
    expect(stats.serverGaps).toBe(11);
    // usIn is the simulator's arrival stamp in µs: the lane saw exactly the gaps of the request log.
    expect(stats.minServerGapMs).toBeCloseTo(Math.min(...serverGaps(sim)), 2);
    expect(stats.shortGaps).toBe(0);
  });

  it('with jittered latency (±25 ms on an 80 ms limit) provokes no 10028 and no short gap, run after run', async () => {
    for (const latencySeed of [1, 2, 3, 4]) {
      sim = await startSim({ txLogIntervalMs: INTERVAL, latencyMs: 30, latencyJitterMs: 25, latencySeed });
      const scheduler = new RateScheduler(LIMITS);
      const a = clientFor(sim, { scheduler });
      const b = clientFor(sim, { scheduler });
      await Promise.all([pageThrough(a.client, 8), pageThrough(b.client, 8, 'USDC')]);
      expectArrivalsSpaced(sim, INTERVAL, 16);
      expect([...a.statuses, ...b.statuses]).toEqual([]);
      await sim.close();
      sim = undefined;
    }
  });

  it('a wall clock jumping forward and back shortens no gap (pacing runs on a monotonic clock)', async () => {
    sim = await startSim({ txLogIntervalMs: INTERVAL });
    const { client } = clientFor(sim, { limits: LIMITS });
    const realNow = Date.now.bind(Date);
    let shift = 0;
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() + shift);
    const started = performance.now();
    // Forward 10 s, back 20 s, forward 10 s ... between pages (the simulator's server clock moves too).
    await pageThrough(client, 10, 'BTC', (page) => (shift += page % 2 === 0 ? 10_000 : -20_000));
    expectArrivalsSpaced(sim, INTERVAL, 10);
    expect(performance.now() - started).toBeLessThan(10 * INTERVAL + 1_000); // nor stalls after a jump back
  });

  it('a 10028 widens the margin and is reported to the lane', async () => {
    sim = await startSim({ txLogIntervalMs: INTERVAL });
    const scheduler = new RateScheduler(LIMITS);
    const { client } = clientFor(sim, { scheduler, random: () => 0 });
    await client.getTransactionLog(firstPage(1));
    const before = scheduler.txLogStats().marginMs;
    sim.injectFaults([{ method: TX_LOG, kind: { type: 'error', code: 10028 } }]);
    await client.getTransactionLog(firstPage(1));
    const after = scheduler.txLogStats();
    expect(after.rateLimited).toBe(1);
    expect(after.marginMs).toBeGreaterThan(before + 0.05 * INTERVAL);
  });
});
