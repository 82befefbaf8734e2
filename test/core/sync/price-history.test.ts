/**
 * Downloading delivery prices from the simulator over HTTP: far enough back for the oldest row and no
 * further, joined to what is held on the next run, tolerant of a server that answers oldest first, and
 * every price equal to the simulator's seeded one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { downloadIndexHistory, type PriceHistorySource } from '../../../src/core/sync/price-history';
import type { DeribitClient } from '../../../src/core/providers/deribit/deribit-client';
import type { DeribitSim } from '../../sim/deribit/index';
import { clientFor, rejection, startSim } from '../providers/deribit/client-harness';

const NOW = Date.UTC(2026, 0, 10, 9);
let sim: DeribitSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function sourceOf(client: DeribitClient): PriceHistorySource & { calls: [string, number, number][] } {
  const calls: [string, number, number][] = [];
  return {
    calls,
    fetch: (index, offset, count) => {
      calls.push([index, offset, count]);
      return client.getDeliveryPrices(index, offset, count);
    },
  };
}

describe('delivery price history from the simulator', () => {
  it('reaches back to the oldest day needed, every price as seeded, today included after 08:00 UTC', async () => {
    sim = await startSim({ now: () => NOW, deliveryPrices: { firstDate: '2022-01-01' } });
    const source = sourceOf(clientFor(sim).client);
    const result = await downloadIndexHistory(source, 'btc_usd', '2023-06-15', { oldest: null, newest: null, reachedStart: false }, { pageSize: 200 });
    const truth = new Map(sim.truthDeliveryPrices('btc_usd').map((p) => [p.date, p.price]));
    expect(truth.get('2026-01-10')).toBeDefined(); // 09:00 UTC: today's 08:00 delivery happened
    const dates = result.records.map((r) => r.date).sort();
    expect(dates[dates.length - 1]).toBe('2026-01-10');
    expect(dates[0]! <= '2023-06-15').toBe(true);
    expect(dates[0]! > '2023-06-15' === false && dates[0]! >= '2023-01-01').toBe(true); // stopped within one page of it
    for (const r of result.records) expect(r.price).toBe(truth.get(r.date));
    expect(result.reachedStart).toBe(false);
    expect(source.calls.map((c) => c[1])).toEqual([0, 200, 400, 600, 800]); // 1000 days reach 2023-04-16
  });

  it('a second run only reads until it meets the held days; a history shorter than needed says it reached the start', async () => {
    sim = await startSim({ now: () => NOW, deliveryPrices: { firstDate: '2025-06-01' } });
    const source = sourceOf(clientFor(sim).client);
    const first = await downloadIndexHistory(source, 'btc_usd', '2024-01-01', { oldest: null, newest: null, reachedStart: false }, { pageSize: 100 });
    expect(first.reachedStart).toBe(true);
    expect(first.records.map((r) => r.date).sort()[0]).toBe('2025-06-01');
    source.calls.length = 0;
    const again = await downloadIndexHistory(source, 'btc_usd', '2024-01-01', { oldest: '2025-06-01', newest: '2026-01-01', reachedStart: true }, { pageSize: 100 });
    expect(source.calls).toHaveLength(1);
    expect(again.records.some((r) => r.date === '2026-01-10')).toBe(true);
  });

  it('does not trust the order: a server answering oldest first still yields the right days and prices', async () => {
    sim = await startSim({ now: () => NOW, deliveryPrices: { firstDate: '2025-01-01', order: 'oldest-first' } });
    const source = sourceOf(clientFor(sim).client);
    const result = await downloadIndexHistory(source, 'btc_usd', '2025-03-01', { oldest: null, newest: null, reachedStart: false }, { pageSize: 100 });
    const truth = sim.truthDeliveryPrices('btc_usd');
    expect(result.records.length).toBe(truth.length);
    expect(new Map(result.records.map((r) => [r.date, r.price]))).toEqual(new Map(truth.map((p) => [p.date, p.price])));
  });

  it('an index Deribit does not publish is a clear permanent error; garbage prices refuse the page', async () => {
    sim = await startSim({ now: () => NOW });
    const { client } = clientFor(sim);
    expect(await rejection(client.getDeliveryPrices('usdc_usd', 0, 10))).toMatchObject({ kind: 'invalid_params', retriable: false });
    expect(await rejection(client.getDeliveryPrices('BTC USD', 0, 10))).toMatchObject({ kind: 'invalid_params' });
    sim.injectFaults([{ method: 'public/get_delivery_prices', times: 4, kind: { type: 'mutate', mutate: (r) => ({ ...(r as object), data: [{ date: '2025-02-30', delivery_price: 1 }] }) } }]);
    // Unreadable answers are retried (a proxy may have mangled one), then given up with the reason named.
    expect(await rejection(client.getDeliveryPrices('btc_usd', 0, 10))).toMatchObject({
      kind: 'retries_exhausted', detail: expect.stringContaining('delivery price of btc_usd with an impossible date'),
    });
    sim.clearFaults();
    sim.injectFaults([{ method: 'public/get_delivery_prices', times: 4, kind: { type: 'mutate', mutate: (r) => ({ ...(r as object), data: [{ date: '2025-02-03', delivery_price: -5 }] }) } }]);
    expect(await rejection(client.getDeliveryPrices('btc_usd', 0, 10))).toMatchObject({
      kind: 'retries_exhausted', detail: expect.stringContaining('is not a positive number'),
    });
  });
});
