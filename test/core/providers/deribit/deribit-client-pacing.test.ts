import { afterEach, describe, expect, it } from 'vitest';
import type { DeribitSim } from '../../../sim/deribit/index';
import { calls, clientFor, firstPage, rejection, startSim } from './client-harness';

let sim: DeribitSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const TX = 'private/get_transaction_log';
const CREDIT = { capacity: 50_000, refillPerSec: 10_000, cost: 500 };
/**
 * The simulator's limit, and the client's interval with a margin like the production default (1000 + 5):
 * the simulator shares this process's event loop, so its arrival stamps jitter by a few ms under load.
 */
const SIM_INTERVAL = 40;
const CLIENT_INTERVAL = 48;

function arrivalGaps(sim: DeribitSim): number[] {
  const arrivals = calls(sim, TX).map((r) => r.startedAt);
  return arrivals.slice(1).map((t, i) => t - (arrivals[i] as number));
}

async function pageSequentially(client: ReturnType<typeof clientFor>['client'], pages: number): Promise<void> {
  let continuation: number | null = null;
  for (let i = 0; i < pages; i++) {
    const page = await client.getTransactionLog({ ...firstPage(2), continuation });
    continuation = page.continuation;
  }
}

describe('transaction-log pacing measured at the simulator', () => {
  it('sequential pages arrive at least the interval apart, and not much more, with 30 ms latency', async () => {
    sim = await startSim({ txLogIntervalMs: SIM_INTERVAL, latencyMs: 30 });
    // A fixed 2 ms margin: the default starts wider (10 % of a short interval) and narrows over many pages.
    const limits = { txLogIntervalMs: CLIENT_INTERVAL, txLogMargin: { initialMs: 2, minMs: 2, maxMs: 12 }, credit: CREDIT };
    const { client } = clientFor(sim, { limits });
    // Until it has seen 16 answers the limiter spaces from a hard bound (up to a round trip more); the app's
    // sign-in and discovery give it those before the first page.
    await Promise.all(Array.from({ length: 16 }, () => client.getTime()));
    await pageSequentially(client, 20);
    const gaps = arrivalGaps(sim);
    expect(gaps).toHaveLength(19);
    expectSpaced(gaps);
    // Measured from the previous START: the 30 ms latency is not added (sleep-after-response gives ≥ 78).
    // The median, not the mean: a stalled event loop on a loaded machine delays single stamps.
    const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] ?? 0;
    expect(median, `gaps ${gaps.map((g) => g.toFixed(1)).join(' ')}`).toBeLessThan(CLIENT_INTERVAL + 10);
    expect(calls(sim, TX).every((r) => r.errorCode === null)).toBe(true);
  });

  it('concurrent callers are queued and spaced too', async () => {
    sim = await startSim({ txLogIntervalMs: SIM_INTERVAL });
    const { client } = clientFor(sim, { limits: { txLogIntervalMs: CLIENT_INTERVAL, credit: CREDIT } });
    await Promise.all(Array.from({ length: 20 }, () => client.getTransactionLog(firstPage(1))));
    expectSpaced(arrivalGaps(sim));
    expect(calls(sim, TX).map((r) => r.errorCode)).toEqual(Array(20).fill(null));
  });

  it('never provokes 10028 when the client interval equals the simulator limit', async () => {
    sim = await startSim({ txLogIntervalMs: SIM_INTERVAL });
    const { client, statuses } = clientFor(sim, { limits: { txLogIntervalMs: SIM_INTERVAL, credit: CREDIT } });
    await pageSequentially(client, 20);
    await Promise.all(Array.from({ length: 10 }, () => client.getTransactionLog(firstPage(1))));
    expect(calls(sim, TX).filter((r) => r.errorCode === 10028)).toEqual([]);
    expect(statuses).toEqual([]);
  });

  it('an unpaced client does hit 10028 at the same simulator (the check above can fail)', async () => {
    sim = await startSim({ txLogIntervalMs: SIM_INTERVAL });
    const { client } = clientFor(sim, {
      limits: { txLogIntervalMs: 0, credit: CREDIT },
      retry: { maxAttempts: 8, baseDelayMs: 40, maxDelayMs: 200 },
    });
    await Promise.all(Array.from({ length: 3 }, () => client.getTransactionLog(firstPage(1))));
    expect(calls(sim, TX).some((r) => r.errorCode === 10028)).toBe(true);
  });

  it('after a 10028 the next transaction-log call waits at least one interval', async () => {
    sim = await startSim();
    const { client } = clientFor(sim, { limits: { txLogIntervalMs: 60, credit: CREDIT }, random: () => 0 });
    await client.authenticate();
    sim.injectFaults([{ method: TX, kind: { type: 'error', code: 10028 } }]);
    await client.getTransactionLog(firstPage(1));
    const [limited, retried] = calls(sim, TX);
    expect(limited?.errorCode).toBe(10028);
    expect((retried?.startedAt ?? 0) - (limited?.startedAt ?? 0)).toBeGreaterThanOrEqual(59);
  });

  it('other calls stay within the credit bucket', async () => {
    sim = await startSim({ creditBucket: { capacity: 2_000, refillPerSec: 10_000, cost: 500 } });
    const { client } = clientFor(sim, { limits: { txLogIntervalMs: 5, credit: { capacity: 2_000, refillPerSec: 10_000, cost: 500 } } });
    await client.authenticate();
    await Promise.all(Array.from({ length: 30 }, (_, i) => client.getAccessLog({ offset: i, count: 1 })));
    expect(sim.requests().filter((r) => r.errorCode === 10028)).toEqual([]);
  });
});

describe('cancelAll', () => {
  it('aborts calls queued for a slot and in flight with kind cancelled; later calls work', async () => {
    sim = await startSim({ txLogIntervalMs: 1_000 });
    const { client } = clientFor(sim, { limits: { txLogIntervalMs: 1_000, credit: CREDIT } });
    await client.getTransactionLog(firstPage(1)); // uses the slot: the next ones must wait ~1 s
    const queued = Array.from({ length: 4 }, () => client.getTransactionLog(firstPage(1)));
    sim.injectFaults([{ method: 'private/get_access_log', kind: { type: 'hang', ms: 1_500 } }]);
    const inFlight = client.getAccessLog({ offset: 0, count: 1 });
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    client.cancelAll();
    const errors = await Promise.all([...queued, inFlight].map((p) => rejection(p)));
    expect(Date.now() - started).toBeLessThan(200);
    for (const e of errors) expect(e).toMatchObject({ kind: 'cancelled', retriable: false });
    expect(calls(sim, TX)).toHaveLength(1);
    expect(calls(sim, 'private/get_access_log')).toHaveLength(1);

    const after = await client.getAccessLog({ offset: 0, count: 2 });
    expect(after.events).toHaveLength(2);
  });

  it('aborts a sign-in in progress; a call right after cancelAll signs in afresh', async () => {
    sim = await startSim();
    const { client } = clientFor(sim);
    sim.injectFaults([{ method: 'public/auth', kind: { type: 'hang', ms: 1_000 } }]);
    const first = client.getTransactionLog(firstPage(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(calls(sim, 'public/auth')).toHaveLength(1);
    client.cancelAll();
    const second = client.getTransactionLog(firstPage(1));
    expect(await rejection(first)).toMatchObject({ kind: 'cancelled' });
    expect((await second).rows).toHaveLength(1);
    expect(calls(sim, 'public/auth')).toHaveLength(2);
  });

  it('a caller signal cancels only that call', async () => {
    sim = await startSim();
    const { client } = clientFor(sim);
    await client.authenticate();
    sim.injectFaults([{ method: 'private/get_access_log', kind: { type: 'hang', ms: 1_000 } }]);
    const controller = new AbortController();
    const mine = client.getAccessLog({ offset: 0, count: 1 }, controller.signal);
    const other = client.getTransactionLog(firstPage(1));
    setTimeout(() => controller.abort(), 50);
    expect(await rejection(mine)).toMatchObject({ kind: 'cancelled' });
    expect((await other).rows).toHaveLength(1);
  });

  it('cancels a retry wait without sending another request', async () => {
    sim = await startSim();
    const { client, statuses } = clientFor(sim, { retry: { maxAttempts: 5, baseDelayMs: 5_000, maxDelayMs: 5_000 }, random: () => 1 });
    await client.authenticate();
    sim.injectFaults([{ method: TX, times: 5, kind: { type: 'error', code: 10041 } }]);
    const call = client.getTransactionLog(firstPage(1));
    await new Promise((r) => setTimeout(r, 100));
    expect(statuses.at(-1)?.state).toBe('retrying');
    client.cancelAll();
    expect(await rejection(call)).toMatchObject({ kind: 'cancelled' });
    expect(calls(sim, TX)).toHaveLength(1);
  });
});

/**
 * Arrival stamps are taken on the simulator's event loop, which shares the process with the client: a
 * stall can stamp one request late and make the next gap look short. Every single gap must be at least
 * the interval when nothing stalls; over any two consecutive gaps the spacing must hold regardless.
 */
function expectSpaced(gaps: readonly number[]): void {
  const label = `gaps ${gaps.map((g) => g.toFixed(1)).join(' ')}`;
  const pairs = gaps.slice(1).map((g, i) => g + (gaps[i] ?? 0));
  expect(Math.min(...pairs), label).toBeGreaterThanOrEqual(2 * SIM_INTERVAL);
  expect(gaps.filter((g) => g < SIM_INTERVAL).length, label).toBeLessThanOrEqual(2);
}
