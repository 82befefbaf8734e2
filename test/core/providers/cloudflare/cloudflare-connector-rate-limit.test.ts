import { afterEach, describe, expect, it } from 'vitest';
import type { CloudflareConnectorOptions } from '../../../../src/core/providers/cloudflare/index';
import { isProviderError } from '../../../../src/core/providers/deribit/errors';
import { requestsDuringBlock, startCloudflareSim, type CloudflareSim, type CloudflareSimOptions } from '../../../sim/cloudflare/index';
import { DAY, connectToSim, drain, sortedRaws } from './connector-harness';

// Cloudflare's limit shape (N per window, then a block as long as the window) scaled down to seconds:
// real timers on both sides, because Retry-After is whole seconds of wall time.
const end = Date.UTC(2026, 5, 1);
// The connector paces with now + sleep, so `now` must move with the real timers.
const startedAt = Date.now();
const now = (): number => end + 60_000 + (Date.now() - startedAt);
let sim: CloudflareSim | null = null;

async function start(options: Partial<CloudflareSimOptions> = {}): Promise<CloudflareSim> {
  sim = await startCloudflareSim({ dataset: { seed: 9, count: 40, startTime: end - DAY, endTime: end }, now, ...options });
  return sim;
}

function connect(s: CloudflareSim, options: Partial<CloudflareConnectorOptions> = {}) {
  return connectToSim(s, { now, pageSize: 4, ...options });
}

afterEach(async () => {
  await sim?.close();
  sim = null;
});

describe('Cloudflare connector under the per-token rate limit', () => {
  it('on 429 waits Retry-After before sending anything else, then completes', async () => {
    const s = await start({ rateLimit: { limit: 5, windowMs: 1000, blockMs: 1000 } });
    // The client believes in a larger limit (another app shares the token): it will run into the block.
    const statuses: string[] = [];
    const { events } = await drain(connect(s, { rateLimit: { limit: 1200, windowMs: 300_000, marginMs: 0 }, onStatus: (x) => statuses.push(x.message) }), end - 2 * DAY, end);
    expect(sortedRaws(events)).toEqual(sortedRaws(s.truth()));
    const log = s.requests();
    const limited = log.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(requestsDuringBlock(log)).toBe(0);
    for (const r of limited) {
      const next = log[log.indexOf(r) + 1];
      expect(next).toBeDefined();
      expect((next?.arrivedAt ?? 0) - r.arrivedAt).toBeGreaterThanOrEqual(1000);
    }
    expect(statuses.some((m) => /rate-limiting this token; continuing at/.test(m))).toBe(true);
  });

  it('with the limit known, paces itself and never provokes a 429', async () => {
    const s = await start({ rateLimit: { limit: 5, windowMs: 1000, blockMs: 1000 } });
    const started = Date.now();
    const { events } = await drain(connect(s, { rateLimit: { limit: 5, windowMs: 1000, marginMs: 200 } }), end - 2 * DAY, end);
    expect(sortedRaws(events)).toEqual(sortedRaws(s.truth()));
    const log = s.requests();
    expect(log.length).toBeGreaterThan(10);
    expect(log.filter((r) => r.status !== 200)).toEqual([]);
    for (let i = 5; i < log.length; i++) expect((log[i]?.arrivedAt ?? 0) - (log[i - 5]?.arrivedAt ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(Math.floor((log.length - 1) / 5) * 1000);
  });

  it('without Retry-After blocks for the default time; gives up in words after repeated blocks', async () => {
    const s = await start();
    s.injectFaults([{ kind: { type: 'rate-limit', retryAfterSeconds: null } }]);
    await connect(s, { retry: { defaultBlockMs: 400 } }).fetchPage({ from: end - DAY, to: end, cursor: null });
    const [first, second] = s.requests();
    expect((second?.arrivedAt ?? 0) - (first?.arrivedAt ?? 0)).toBeGreaterThanOrEqual(400);

    s.injectFaults([{ times: 3, kind: { type: 'rate-limit', retryAfterSeconds: 0 } }]);
    const error = await connect(s, { retry: { maxRateLimitWaits: 2 } }).fetchPage({ from: end - DAY, to: end, cursor: null }).catch((e: unknown) => e);
    expect(isProviderError(error) && error.kind).toBe('retries_exhausted');
    expect(isProviderError(error) && error.userMessage).toMatch(/^Cloudflare kept failing after 3 attempts \(Cloudflare is rate-limiting this token.*\)\. Wait a few minutes and sync again/);
  });

  it('testConnection reports a block in words instead of waiting it out', async () => {
    const s = await start();
    s.injectFaults([{ kind: { type: 'rate-limit', retryAfterSeconds: 300 } }]);
    const connector = connect(s);
    const report = await connector.testConnection();
    expect(report).toMatchObject({ ok: false, sampleCount: 0 });
    expect(report.summary).toMatch(/rate-limiting this token.*try again in 300 s/);
    // The block is remembered: a second test does not hit the server during it.
    expect((await connector.testConnection()).summary).toMatch(/rate-limiting this token until/);
    expect(s.requests()).toHaveLength(1);
  });

  it('testConnection does not queue behind a sync that used up the request budget', async () => {
    const s = await start();
    const connector = connect(s, { rateLimit: { limit: 2, windowMs: 60_000, marginMs: 0 } });
    await connector.fetchPage({ from: end - DAY, to: end, cursor: null });
    await connector.fetchPage({ from: end - DAY, to: end, cursor: null });
    const report = await connector.testConnection();
    expect(report.ok).toBe(false);
    expect(report.summary).toMatch(/used its 1,200 requests per 5 minutes \(a sync is running\); try again in (59|60) s/);
    expect(s.requests()).toHaveLength(2);
  });
});
