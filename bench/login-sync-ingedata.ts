/**
 * ingedata_login_sync_events_per_s: the Ingedata connector's fetchPage loop over a 20,000-login window
 * against the simulator with 50 ms latency and its default rate limit (Pulse documents none: the sim
 * assumes 120 requests per minute per key), page[size] 1000 (Pulse's default), server-side date filter.
 */
import { createIngedataConnector } from '../src/core/providers/ingedata';
import { DEFAULT_PULSE_KEY, startIngedataSim } from '../test/sim/ingedata/index';

const LOGINS = 20_000;

export async function benchLoginSyncIngedata(): Promise<{ name: string; value: number; unit: string; [context: string]: unknown }[]> {
  const endTime = Date.UTC(2026, 9, 1);
  const startTime = endTime - 365 * 86_400_000;
  const sim = await startIngedataSim({ dataset: { seed: 21, logins: LOGINS, startTime, endTime }, latencyMs: 50 });
  try {
    const connector = createIngedataConnector({ sourceKey: 'bench', apiKey: DEFAULT_PULSE_KEY, baseUrl: sim.url });
    const began = performance.now();
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await connector.fetchPage({ from: startTime, to: endTime, cursor });
      for (const e of page.events) seen.add(e.key);
      cursor = page.cursor;
      pages += 1;
    } while (cursor !== null);
    const elapsedMs = performance.now() - began;
    if (seen.size !== LOGINS) throw new Error(`synced ${seen.size} logins, simulator has ${LOGINS}`);
    const perSecond = LOGINS / (elapsedMs / 1000);
    const requests = sim.requests();
    return [
      {
        name: 'ingedata_login_sync_events_per_s', value: Number(perSecond.toFixed(1)), unit: 'events/s',
        events: LOGINS, pages, rate_limited_answers: requests.filter((r) => r.status === 429).length, elapsed_ms: Math.round(elapsedMs), latency_ms: 50,
      },
      { name: 'ingedata_login_sync_requests', value: requests.length, unit: 'requests' },
    ];
  } finally {
    await sim.close();
  }
}
