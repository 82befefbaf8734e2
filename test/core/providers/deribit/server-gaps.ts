/**
 * What the exchange saw: the gaps between consecutive get_transaction_log ARRIVALS at the simulator (its
 * request log, whose `startedAt` is the answer's usIn), and every way a pacing test can tell a violation.
 */
import { expect } from 'vitest';
import type { DeribitSim } from '../../../sim/deribit/index';

export const TX_LOG = 'private/get_transaction_log';

/** Gaps (ms) between consecutive transaction-log arrivals, in arrival order. */
export function serverGaps(sim: DeribitSim): number[] {
  const arrivals = sim
    .requests()
    .filter((r) => r.method === TX_LOG)
    .map((r) => r.startedAt)
    .sort((a, b) => a - b);
  return arrivals.slice(1).map((t, i) => t - (arrivals[i] as number));
}

/** Every arrival at least `intervalMs` after the one before, and not one 10028 (the simulator's verdict). */
export function expectArrivalsSpaced(sim: DeribitSim, intervalMs: number, minimumArrivals = 2): void {
  const gaps = serverGaps(sim);
  const answers = sim.requests().filter((r) => r.method === TX_LOG).map((r) => r.errorCode ?? r.status);
  const label = `server-side gaps ${gaps.map((g) => g.toFixed(1)).join(' ')}; answers ${answers.join(' ')}`;
  expect(gaps.length + 1, label).toBeGreaterThanOrEqual(minimumArrivals);
  expect(Math.min(...gaps), label).toBeGreaterThanOrEqual(intervalMs);
  expect(sim.requests().filter((r) => r.errorCode === 10028).map((r) => r.method), label).toEqual([]);
}
