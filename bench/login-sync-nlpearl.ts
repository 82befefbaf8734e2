/**
 * nlpearl_login_sync_events_per_s: events per second the NLPearl connector's fetchPage loop syncs from the simulator at
 * 50 ms latency. NLPearl documents no rate limit and no cap, so the sim runs with its defaults: no limit,
 * a hidden cap of 1,000 records per answer, newest first. 20,000 events over a year, one 365-day window
 * (the login sync engine's first backfill).
 */
import { createNlpearlConnector } from '../src/core/providers/nlpearl/index';
import { startNlpearlSim } from '../test/sim/nlpearl/index';

const EVENTS = 20_000;

export async function benchLoginSyncNlpearl(): Promise<{ name: string; value: number; unit: string }[]> {
  const end = Date.UTC(2026, 10, 1);
  const start = end - 365 * 86_400_000;
  const sim = await startNlpearlSim({ latencyMs: 50, dataset: { seed: 21, events: EVENTS, startTime: start, endTime: end } });
  try {
    const connector = createNlpearlConnector({ sourceKey: 'bench', baseUrl: sim.url, accountId: sim.account.accountId, secretKey: sim.account.secretKey });
    const keys = new Set<string>();
    const began = performance.now();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await connector.fetchPage({ from: start, to: end, cursor });
      for (const e of page.events) keys.add(e.key);
      cursor = page.cursor;
      pages += 1;
    } while (cursor !== null);
    const seconds = (performance.now() - began) / 1000;
    if (keys.size !== sim.truth().length) throw new Error(`synced ${keys.size} events, simulator has ${sim.truth().length}`);
    const requests = sim.requests().length;
    return [
      { name: 'nlpearl_login_sync_events_per_s', value: Number((keys.size / seconds).toFixed(1)), unit: 'events/s' },
      { name: 'nlpearl_login_sync_requests', value: requests, unit: 'requests' },
      { name: 'nlpearl_login_sync_events_per_request', value: Number((keys.size / requests).toFixed(1)), unit: 'events/request' },
      { name: 'nlpearl_login_sync_pages', value: pages, unit: 'pages' },
    ];
  } finally {
    await sim.close();
  }
}
