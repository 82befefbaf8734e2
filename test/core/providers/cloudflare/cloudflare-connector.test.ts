import { afterEach, describe, expect, it } from 'vitest';
import type { CloudflareConnectorOptions } from '../../../../src/core/providers/cloudflare/index';
import { isProviderError } from '../../../../src/core/providers/deribit/errors';
import { runLoginSync } from '../../../../src/core/sync/login-sync';
import { SIM_GLOBAL_KEY, SIM_TOKEN_WITHOUT_PERMISSION, startCloudflareSim, type CloudflareSim, type CloudflareSimOptions } from '../../../sim/cloudflare/index';
import { DAY, MemoryLoginStore, connectToSim, drain, sortedRaws } from './connector-harness';

const end = Date.UTC(2026, 5, 1);
const now = (): number => end + 60_000;
const from = end - 40 * DAY;
let sims: CloudflareSim[] = [];

async function start(options: Partial<CloudflareSimOptions> = {}, dataset: Partial<CloudflareSimOptions['dataset']> = {}): Promise<CloudflareSim> {
  const sim = await startCloudflareSim({
    dataset: { seed: 7, count: 1500, startTime: end - 30 * DAY, endTime: end, ...dataset },
    now,
    ...options,
  });
  sims.push(sim);
  return sim;
}

function connect(sim: CloudflareSim, options: Partial<CloudflareConnectorOptions> = {}) {
  return connectToSim(sim, { now, pageSize: 100, ...options });
}

afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});

function expectComplete(events: readonly { key: string; raw: string; timestamp: number }[], sim: CloudflareSim): void {
  expect(new Set(events.map((e) => e.key)).size).toBe(events.length);
  expect(sortedRaws(events)).toEqual(sortedRaws(sim.truth()));
}

describe('Cloudflare connector against the simulator', () => {
  it.each<[string, Partial<CloudflareSimOptions>, Partial<CloudflareConnectorOptions>]>([
    ['documented defaults', {}, {}],
    ['per_page silently capped at 30', { maxPerPage: 30 }, {}],
    ['since and until exclusive', { sinceInclusive: false, untilInclusive: false }, {}],
    ['limit ignored, legacy email + Global API Key', { limitMode: 'ignored' }, { credentials: { kind: 'global-key', ...SIM_GLOBAL_KEY } }],
  ])('pages a window to the end: every record once, raw text exact (%s)', async (_name, simOptions, clientOptions) => {
    const sim = await start(simOptions);
    const { events, pages } = await drain(connect(sim, clientOptions), from, end);
    expectComplete(events, sim);
    expect(events.filter((e) => e.raw.includes('"ray_id"')).length).toBeLessThan(events.length); // id-less ones too
    expect(pages).toBeLessThan(sim.truth().length / Math.min(100, simOptions.maxPerPage ?? 100) + 20);
    const params = sim.requests()[0]?.params;
    expect(params).toMatchObject({ direction: 'asc', per_page: '100', page: '1', since: new Date(from - 1).toISOString() });
  });

  it.each<[string, Partial<CloudflareSimOptions>]>([
    ['2026-05-20T10:00:00.123456Z', {}],
    // A whole-millisecond tie and an exclusive `since`: resuming at the tie itself would lose the rest.
    ['2026-05-20T10:00:00Z', { sinceInclusive: false }],
  ])('walks through a millisecond holding more records than a page (ties at %s)', async (tie, simOptions) => {
    const sim = await start({ maxPerPage: 5, ...simOptions }, { count: 0 });
    sim.append({
      records: [
        { action: 'login', allowed: true, created_at: '2026-05-20T09:59:59.9Z', ray_id: 'r0' },
        ...Array.from({ length: 12 }, (_, i) => ({ action: 'login', allowed: i % 3 !== 0, created_at: tie, ray_id: `t${i}`, user_email: `u${i}@x.example` })),
        { action: 'login', allowed: true, created_at: tie, user_email: 'twin@x.example' },
        { action: 'login', allowed: true, created_at: tie, user_email: 'twin@x.example' },
        { action: 'logout', allowed: true, created_at: '2026-05-20T10:00:01Z', ray_id: 'r1' },
      ],
    });
    const { events } = await drain(connect(sim, { pageSize: 5 }), from, end);
    expectComplete(events, sim);
    expect(events.filter((e) => e.id.startsWith('sha256:')).map((e) => e.id.slice(-2))).toEqual(['#0', '#1']);
    expect(sim.requests().some((r) => r.params.page === '3')).toBe(true);
  });

  it('covers [from, to] to the millisecond: both ends in, a millisecond outside out, whatever the sub-ms digits', async () => {
    const sim = await start({}, { count: 0 });
    const a = Date.UTC(2026, 4, 1, 12);
    const b = a + 3_600_000;
    const iso = (ms: number, extra = ''): string => `${new Date(ms).toISOString().slice(0, 23)}${extra}Z`;
    sim.append({
      records: [
        { action: 'login', allowed: true, created_at: iso(a - 1, '999999'), ray_id: 'before' },
        { action: 'login', allowed: true, created_at: iso(a), ray_id: 'first' },
        { action: 'login', allowed: true, created_at: iso(b, '999999'), ray_id: 'last' },
        { action: 'login', allowed: true, created_at: iso(b + 1), ray_id: 'after' },
      ],
    });
    const { events } = await drain(connect(sim), a, b);
    expect(events.map((e) => [e.id, e.timestamp])).toEqual([
      ['first', a],
      ['last', b],
    ]);
  });

  it('keeps events that arrive during the walk and never skips older ones', async () => {
    const sim = await start({ maxPerPage: 50 });
    const connector = connect(sim);
    const events = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await connector.fetchPage({ from, to: end, cursor });
      events.push(...page.events);
      cursor = page.cursor;
      pages += 1;
      // New activity: now (outside the window) and late inside the window, ahead of the walk.
      if (pages === 3) sim.append({ count: 40, from: end - DAY, to: end + 30_000 });
    } while (cursor !== null);
    const inWindow = sim.truth().filter((t) => t.ms <= end);
    expect(sortedRaws(events)).toEqual(sortedRaws(inWindow));
    expect(inWindow.length).toBeLessThan(sim.truth().length);
  });

  it('notes when the window reaches past what Cloudflare kept (retention cut-off)', async () => {
    const sim = await start({ retentionMs: DAY });
    const { events, notes } = await drain(connect(sim), from, end);
    expectComplete(events, sim);
    expect(sim.truth().length).toBeLessThan(sim.truth({ all: true }).length);
    expect([...notes].join(' ')).toMatch(/24 hours \(Free plan\) up to 180 days.*oldest event it returned is from 2026-05-3/);
    const empty = await start({ retentionMs: DAY }, { count: 0 });
    expect([...(await drain(connect(empty), from, end)).notes].join(' ')).toMatch(/returned no events since 2026-04-22/);
    // A recent window (incremental sync) says nothing.
    expect((await drain(connect(sim), end - 3_600_000, end)).notes.size).toBe(0);
  });

  it('rides out 502 pages, bare 429s, malformed and truncated bodies and dropped sockets', async () => {
    const sim = await start({ maxPerPage: 200 });
    sim.injectFaults([
      { after: 1, kind: { type: 'http', status: 502 } },
      { after: 1, kind: { type: 'malformed' } },
      { kind: { type: 'rate-limit', retryAfterSeconds: 0 } },
      { after: 2, kind: { type: 'drop' } },
      { kind: { type: 'truncate' } },
      { kind: { type: 'http', status: 500, contentType: 'application/json', body: '{"success":false,"errors":[{"code":10001,"message":"internal"}],"messages":[],"result":null}' } },
    ]);
    const statuses: string[] = [];
    const { events } = await drain(connect(sim, { onStatus: (s) => statuses.push(s.state) }), from, end);
    expectComplete(events, sim);
    expect(sim.requests().filter((r) => r.status !== 200).length).toBeGreaterThanOrEqual(4);
    expect(statuses).toEqual(expect.arrayContaining(['retrying', 'offline', 'ok']));
  });

  it('refuses a server that ignores direction=asc instead of skipping records', async () => {
    const sim = await start({ ignoreDirection: true });
    await expect(drain(connect(sim), from, end)).rejects.toThrow(/not oldest first/);
  });

  it('says which credential to check on a wrong token, a wrong Global API Key or an unknown account, without retrying', async () => {
    const sim = await start();
    const page = { from, to: end, cursor: null };
    const wrongToken = await connect(sim, { credentials: { kind: 'api-token', token: 'nope' } }).fetchPage(page).catch((e: unknown) => e);
    expect(isProviderError(wrongToken) && wrongToken.kind).toBe('invalid_credentials');
    expect(isProviderError(wrongToken) && wrongToken.userMessage).toMatch(/rejected the API token.*10000.*"Access: Audit Logs Read"/);
    const noPermission = await connect(sim, { credentials: { kind: 'api-token', token: SIM_TOKEN_WITHOUT_PERMISSION } }).fetchPage(page).catch((e: unknown) => e);
    expect(isProviderError(noPermission) && noPermission.userMessage).toMatch(/Access: Audit Logs Read/);
    const wrongKey = await connect(sim, { credentials: { kind: 'global-key', email: SIM_GLOBAL_KEY.email, key: 'x' } }).fetchPage(page).catch((e: unknown) => e);
    expect(isProviderError(wrongKey) && wrongKey.userMessage).toMatch(/email and Global API Key.*X-Auth-Email.*X-Auth-Key.*Access: Audit Logs Read/);
    const wrongAccount = await connect(sim, { accountId: 'ffffffffffffffffffffffffffffffff' }).fetchPage(page).catch((e: unknown) => e);
    expect(isProviderError(wrongAccount) && wrongAccount.userMessage).toMatch(/does not know account "ffff.*Account ID/);
    expect(sim.requests()).toHaveLength(4);
  });

  it('testConnection reports in words: connected (token, legacy key, empty account), wrong credentials, unreachable host', async () => {
    const sim = await start();
    const ok = await connect(sim).testConnection();
    const newest = sim.truth().at(-1);
    expect(ok).toMatchObject({ ok: true, sampleCount: 25, newestEventAt: newest?.ms });
    expect(ok.summary).toMatch(/^Connected to Cloudflare account 023e105f4ecef8ad9ca31a8372d0c353 with an API token\. Read 25 recent Access event\(s\); newest 2026-05-31 \d\d:\d\d UTC \(/);
    const legacy = await connect(sim, { credentials: { kind: 'global-key', ...SIM_GLOBAL_KEY } }).testConnection();
    expect(legacy.summary).toContain(`as ${SIM_GLOBAL_KEY.email} with the Global API Key`);
    const wrong = await connect(sim, { credentials: { kind: 'api-token', token: 'nope' } }).testConnection();
    expect(wrong).toEqual({ ok: false, summary: expect.stringMatching(/rejected the API token.*Access: Audit Logs Read/), newestEventAt: null, sampleCount: 0 });
    const empty = await start({}, { count: 0 });
    expect((await connect(empty).testConnection()).summary).toMatch(/No Access authentication events in the last 30 days/);
    const closed = await start();
    const url = closed.url;
    await closed.close();
    sims = sims.filter((s) => s !== closed);
    const down = await connect(closed, { baseUrl: url }).testConnection();
    expect(down.ok).toBe(false);
    expect(down.summary).toMatch(/could not be reached at http:\/\/127\.0\.0\.1:\d+\/client\/v4.*internet connection/);
  });

  it('resumes a cancelled sync from the stored cursor: complete, no duplicates', async () => {
    const sim = await start({ maxPerPage: 40 });
    const store = new MemoryLoginStore();
    const controller = new AbortController();
    const connector = connect(sim);
    const first = await runLoginSync({
      sourceKey: 'cf', source: 'cloudflare', connector, store, now, lookbackMs: 40 * DAY, signal: controller.signal,
      onProgress: (p) => { if (p.pagesFetched === 6) controller.abort(); },
    });
    expect(first.phase).toBe('cancelled');
    expect(store.state?.cursor).not.toBeNull();
    const partial = store.events.size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(sim.truth().length);
    const requestsBefore = sim.requests().length;
    const second = await runLoginSync({ sourceKey: 'cf', source: 'cloudflare', connector: connect(sim), store, now, lookbackMs: 40 * DAY });
    expect(second.phase).toBe('done');
    expectComplete([...store.events.values()], sim);
    expect(store.state?.eventsStored).toBe(sim.truth().length);
    // It continued where it stopped rather than starting over.
    expect(sim.requests()[requestsBefore]?.params.since).not.toBe(new Date(from - 1).toISOString());
  });

  it('cancelAll aborts a hanging request; the connector stays usable', async () => {
    const sim = await start();
    sim.injectFaults([{ kind: { type: 'hang', ms: 5000 } }]);
    const connector = connect(sim);
    const pending = connector.fetchPage({ from, to: end, cursor: null });
    setTimeout(() => connector.cancelAll(), 50);
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
    const page = await connector.fetchPage({ from, to: end, cursor: null });
    expect(page.events.length).toBeGreaterThan(0);
  });
});
