/**
 * Cloudflare Access login sync speed: the connector's fetchPage loop against the simulator at 50 ms
 * latency with Cloudflare's real limit (1,200 requests / 5 minutes per token, enforced by both sides).
 * The maximum page size is undocumented, so two figures: a server honouring per_page=1000, and one
 * silently capping it at the reported default of 25.
 */
import { createCloudflareConnector } from '../src/core/providers/cloudflare/index';
import { SIM_TOKEN, startCloudflareSim } from '../test/sim/cloudflare/index';

const DAY = 86_400_000;

async function syncOnce(events: number, maxPerPage: number): Promise<{ eventsPerSecond: number; requests: number; events: number }> {
  const end = Date.now();
  const sim = await startCloudflareSim({
    dataset: { seed: 21, count: events, startTime: end - 90 * DAY, endTime: end },
    latencyMs: 50,
    maxPerPage,
  });
  try {
    const connector = createCloudflareConnector({
      sourceKey: 'bench',
      accountId: sim.accountId,
      credentials: { kind: 'api-token', token: SIM_TOKEN },
      baseUrl: sim.url,
      pageSize: 1000,
    });
    const from = end - 100 * DAY;
    const keys = new Set<string>();
    const started = performance.now();
    let cursor: string | null = null;
    do {
      const page = await connector.fetchPage({ from, to: end, cursor });
      for (const e of page.events) keys.add(e.key);
      cursor = page.cursor;
    } while (cursor !== null);
    const seconds = (performance.now() - started) / 1000;
    const expected = sim.truth().length;
    if (keys.size !== expected) throw new Error(`synced ${keys.size} events, simulator has ${expected}`);
    return { eventsPerSecond: keys.size / seconds, requests: sim.requests().length, events: keys.size };
  } finally {
    await sim.close();
  }
}

export async function benchLoginSyncCloudflare(): Promise<{ name: string; value: number; unit: string }[]> {
  const wide = await syncOnce(50_000, 1000);
  const capped = await syncOnce(5_000, 25);
  return [
    { name: 'cloudflare_login_sync_events_per_s', value: Math.round(wide.eventsPerSecond), unit: 'events/s' },
    { name: 'cloudflare_login_sync_requests', value: wide.requests, unit: `requests for ${wide.events} events` },
    { name: 'cloudflare_login_sync_events_per_s_per_page_capped_25', value: Math.round(capped.eventsPerSecond), unit: 'events/s' },
    { name: 'cloudflare_login_sync_requests_per_page_capped_25', value: capped.requests, unit: `requests for ${capped.events} events` },
  ];
}
