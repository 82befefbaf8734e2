import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoginAuditConnector, LoginEvent, LoginPage } from '../../../../src/core/logins/types';
import { createIngedataConnector, type IngedataConnectorOptions } from '../../../../src/core/providers/ingedata';
import { runLoginSync, type LoginStreamState, type LoginSyncStore } from '../../../../src/core/sync/login-sync';
import { DEFAULT_PULSE_KEY, startIngedataSim, type IngedataSim, type IngedataSimOptions } from '../../../sim/ingedata';

const END = Date.UTC(2026, 2, 1);
const DAY = 86_400_000;
const START = END - 60 * DAY;

let sims: IngedataSim[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});

/** One fake clock for the simulator and the connector: sleeping advances it instantly. */
function fakeClock(start = END): {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  advance: (ms: number) => void;
  slept: number[];
} {
  let t = start;
  const slept: number[] = [];
  return {
    now: () => t,
    sleep: (ms, signal) => {
      if (signal?.aborted) return Promise.reject(new Error('aborted'));
      slept.push(ms);
      t += ms;
      return Promise.resolve();
    },
    advance: (ms) => {
      t += ms;
    },
    slept,
  };
}

async function setup(
  simOptions: Partial<IngedataSimOptions> = {},
  connector: Partial<IngedataConnectorOptions> = {},
  logins = 700,
): Promise<{ sim: IngedataSim; conn: LoginAuditConnector; clock: ReturnType<typeof fakeClock> }> {
  const clock = fakeClock();
  const sim = await startIngedataSim({ dataset: { seed: 3, logins, startTime: START, endTime: END }, now: clock.now, rateLimit: null, ...simOptions });
  sims.push(sim);
  const conn = createIngedataConnector({
    sourceKey: 'pulse',
    apiKey: DEFAULT_PULSE_KEY,
    baseUrl: sim.url,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    pageSize: 100,
    ...connector,
  });
  return { sim, conn, clock };
}

async function drain(conn: LoginAuditConnector, from: number, to: number, between?: (page: LoginPage) => void): Promise<{ events: LoginEvent[]; pages: number; notes: string[] }> {
  const events: LoginEvent[] = [];
  const notes: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: LoginPage = await conn.fetchPage({ from, to, cursor });
    pages += 1;
    events.push(...page.events);
    notes.push(...page.notes);
    cursor = page.cursor;
    between?.(page);
    if (pages > 500) throw new Error('no progress');
  } while (cursor !== null);
  return { events, pages, notes };
}

function byKey(events: readonly LoginEvent[]): Map<string, LoginEvent> {
  return new Map(events.map((e) => [e.key, e]));
}

describe('Ingedata Pulse connector', () => {
  it('pages a window to the end: every login, raw text exact, mapped fields right', async () => {
    const { sim, conn } = await setup();
    const { events, pages } = await drain(conn, START, END);
    const truth = sim.truth();
    expect(events.map((e) => e.raw)).toEqual(truth.map((t) => t.json)); // newest first, no duplicates
    expect(pages).toBe(7); // 700 logins, 100 per page; the count ends it without an empty page
    for (const [i, t] of truth.entries()) {
      const e = events[i];
      expect(e).toMatchObject({ id: t.id, key: `pulse|${t.id}`, timestamp: t.timestamp, actor: t.actor, ip: t.ip, country: t.country, city: t.city });
      expect(e).toMatchObject({ source: 'ingedata', kind: 'login-success', outcome: 'success', detail: `login (role: ${t.role})` });
    }
    const login = sim.requests().filter((r) => r.route === 'login');
    expect(login).toHaveLength(1);
  });

  it('cuts the window at [from, to] inclusive, sent as a server-side filter', async () => {
    const { sim, conn } = await setup();
    const truth = sim.truth();
    const to = truth[100]?.timestamp ?? 0;
    const from = truth[350]?.timestamp ?? 0;
    const { events } = await drain(conn, from, to);
    expect(events.map((e) => e.raw)).toEqual(truth.filter((t) => t.timestamp >= from && t.timestamp <= to).map((t) => t.json));
    const params = sim.requests().find((r) => r.route === 'account_logins')?.params;
    expect(params?.['filter[date][gte]']).toBe(new Date(from).toISOString());
  });

  it('falls back to local filtering when Pulse rejects the filter, stopping at the first older login', async () => {
    const { sim, conn } = await setup({ dateFilter: 'reject' });
    const truth = sim.truth();
    const from = truth[250]?.timestamp ?? 0;
    const { events, pages, notes } = await drain(conn, from, END);
    expect(events.map((e) => e.raw)).toEqual(truth.filter((t) => t.timestamp >= from).map((t) => t.json));
    expect(pages).toBe(3); // logins 0..299: the third page holds the first one older than `from`
    expect(notes.some((n) => /did not accept the date filter/.test(n))).toBe(true);
    const lists = sim.requests().filter((r) => r.route === 'account_logins');
    expect(lists.map((r) => r.status)).toEqual([400, 200, 200, 200]); // learned once per connector
  });

  it('filters locally when Pulse silently ignores the filter', async () => {
    const { sim, conn } = await setup({ dateFilter: 'ignore', countLocation: 'absent' });
    const truth = sim.truth();
    const to = truth[120]?.timestamp ?? 0;
    const from = truth[260]?.timestamp ?? 0;
    const { events } = await drain(conn, from, to);
    expect(events.map((e) => e.raw)).toEqual(truth.filter((t) => t.timestamp >= from && t.timestamp <= to).map((t) => t.json));
  });

  it.each([
    ['meta.total, capped page size, µs dates with offset', { countLocation: 'meta.total', maxPageSize: 40, dateFormat: 'iso-micro-offset' }],
    ['meta.page.total, ip as plain strings', { countLocation: 'meta.page.total', ipShape: 'string' }],
    ['no count, {ip, geo} objects', { countLocation: 'absent', ipShape: 'ip-geo-objects' }],
    ['no count, capped page size', { countLocation: 'absent', maxPageSize: 64 }],
  ] as const)('reads everything with %s', async (_name, options) => {
    const { sim, conn } = await setup(options);
    const { events } = await drain(conn, START, END);
    const truth = sim.truth();
    expect(events.map((e) => e.raw)).toEqual(truth.map((t) => t.json));
    expect(events.map((e) => [e.ip, e.country, e.city])).toEqual(truth.map((t) => [t.ip, t.country, t.city]));
  });

  it('derives stable ids from the raw text when records carry none, ties included', async () => {
    const { sim, conn } = await setup({ idStyle: 'none' });
    const first = await drain(conn, START, END);
    expect(first.events.map((e) => e.raw)).toEqual(sim.truth().map((t) => t.json));
    expect(new Set(first.events.map((e) => e.key)).size).toBe(first.events.length);
    const again = await drain(conn, START, END);
    expect(again.events.map((e) => e.key)).toEqual(first.events.map((e) => e.key));
  });

  it('skips nothing while new logins arrive between pages (newest-first offsets shift)', async () => {
    const { sim, conn, clock } = await setup({ dateFilter: 'reject' });
    const before = sim.truth();
    let n = 0;
    const { events } = await drain(conn, START, END, () => {
      n += 1;
      sim.append(37, clock.now() + n * 1000); // more than a third of a page each time
    });
    const got = byKey(events);
    for (const t of before) expect(got.get(`pulse|${t.id}`)?.raw).toBe(t.json);
    expect(events.length).toBeGreaterThan(before.length); // repeats, removed by key
    expect(got.size).toBe(before.length); // the new logins are after `to`: not in this window
  });

  it('skips nothing while new logins arrive inside a filtered window either', async () => {
    const { sim, conn, clock } = await setup();
    const before = sim.truth();
    const to = END + DAY;
    let n = 0;
    const { events } = await drain(conn, START, to, () => {
      n += 1;
      sim.append(25, clock.now() + n * 1000);
    });
    const got = byKey(events);
    for (const t of sim.truth()) if (t.timestamp <= to && before.some((b) => b.id === t.id)) expect(got.has(`pulse|${t.id}`)).toBe(true);
    expect(got.size).toBeGreaterThanOrEqual(before.length);
  });

  it('signs in again once when the token expires, and fails clearly on a second 401', async () => {
    const { sim, conn, clock } = await setup({ tokenTtlMs: 1_000 });
    const first = await conn.fetchPage({ from: START, to: END, cursor: null });
    clock.advance(5_000); // the token has now expired on the server's clock
    const second = await conn.fetchPage({ from: START, to: END, cursor: first.cursor });
    expect(second.events).toHaveLength(100);
    expect(sim.requests().map((r) => [r.route, r.status])).toEqual([
      ['login', 200],
      ['account_logins', 200],
      ['account_logins', 401],
      ['login', 200],
      ['account_logins', 200],
    ]);
    sim.injectFaults([{ method: 'account_logins', times: 2, kind: { type: 'error', code: 401, message: 'Token revoked' } }]);
    const failure = conn.fetchPage({ from: START, to: END, cursor: second.cursor });
    await expect(failure).rejects.toMatchObject({ kind: 'unauthorized', userMessage: expect.stringMatching(/even after signing in again: "Token revoked"/) });
  });

  it('rejects a wrong key with the server message and what to do', async () => {
    const { conn } = await setup({}, { apiKey: 'PULSE_not_a_real_key' });
    await expect(conn.fetchPage({ from: START, to: END, cursor: null })).rejects.toMatchObject({
      kind: 'invalid_credentials',
      userMessage: expect.stringMatching(/rejected the API key: "Invalid API key"\. Check the key in Pulse/),
    });
    const { conn: typo } = await setup({}, { apiKey: 'sk_live_123' });
    const report = await typo.testConnection();
    expect(report.ok).toBe(false);
    expect(report.summary).toMatch(/"Invalid API key".*start with "PULSE_"/);
  });

  it('backs off on 429, honouring Retry-After, with fast injected limits', async () => {
    const { sim, conn, clock } = await setup({ rateLimit: { requests: 3, windowMs: 20_000, retryAfter: true } });
    const { events } = await drain(conn, START, END);
    expect(events).toHaveLength(700);
    const statuses = sim.requests().map((r) => r.status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(clock.slept.filter((ms) => ms >= 1000).every((ms) => ms % 1000 === 0)).toBe(true); // Retry-After seconds
    const quiet = await setup({ rateLimit: { requests: 4, windowMs: 5_000, retryAfter: false } });
    expect((await drain(quiet.conn, START, END)).events).toHaveLength(700);
    expect(quiet.clock.slept.length).toBeGreaterThan(0);
  });

  it('retries 5xx, malformed bodies, truncated and dropped responses', async () => {
    const { sim, conn } = await setup();
    sim.injectFaults([
      { method: 'account_logins', kind: { type: 'http', status: 503 } },
      { method: 'account_logins', kind: { type: 'malformed' } },
      { method: 'account_logins', after: 1, kind: { type: 'truncate' } },
      { method: 'account_logins', after: 1, kind: { type: 'drop' } },
      { method: 'login', kind: { type: 'error', code: 500, message: 'boom' } },
    ]);
    const { events } = await drain(conn, START, END);
    expect(events.map((e) => e.raw)).toEqual(sim.truth().map((t) => t.json));
  });

  it('resumes from the stored cursor after a cancel: complete, no duplicates by key', async () => {
    const { sim, conn } = await setup({}, {}, 900);
    const store = memoryStore();
    const controller = new AbortController();
    const first = await runLoginSync({
      sourceKey: 'pulse',
      source: 'ingedata',
      connector: conn,
      store,
      now: () => END,
      lookbackMs: 90 * DAY,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.pagesFetched === 4) controller.abort();
      },
    });
    expect(first.phase).toBe('cancelled');
    expect(store.events.size).toBe(400);
    expect(store.state?.cursor).not.toBeNull();
    const second = await runLoginSync({ sourceKey: 'pulse', source: 'ingedata', connector: conn, store, now: () => END, lookbackMs: 90 * DAY });
    expect(second.phase).toBe('done');
    expect([...store.events.values()].map((e) => e.raw).sort()).toEqual(sim.truth().map((t) => t.json).sort());
    expect(store.state?.eventsStored).toBe(900);
    const pageRequests = sim.requests().filter((r) => r.route === 'account_logins').map((r) => r.params['page[number]']);
    expect(pageRequests).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('cancelAll aborts what is in flight and the connector stays usable', async () => {
    const { conn } = await setup({ latencyMs: 300 });
    const pending = conn.fetchPage({ from: START, to: END, cursor: null });
    setTimeout(() => conn.cancelAll(), 50);
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
    expect((await conn.fetchPage({ from: START, to: END, cursor: null })).events).toHaveLength(100);
  });

  it('reports the connection in words: right key, unreachable host', async () => {
    const { sim, conn } = await setup();
    const ok = await conn.testConnection();
    const newest = sim.truth()[0];
    expect(ok).toMatchObject({ ok: true, newestEventAt: newest?.timestamp, sampleCount: 25 });
    expect(ok.summary).toContain('700 login(s) recorded');
    expect(ok.summary).toContain(`Newest login ${new Date(newest?.timestamp ?? 0).toISOString().slice(0, 16).replace('T', ' ')} UTC (${newest?.actor}`);
    const url = await closedPortUrl();
    const down = createIngedataConnector({ sourceKey: 'x', apiKey: DEFAULT_PULSE_KEY, baseUrl: url });
    const report = await down.testConnection();
    expect(report).toMatchObject({ ok: false, sampleCount: 0, newestEventAt: null });
    expect(report.summary).toMatch(new RegExp(`could not be reached at ${url.replace(/[.:/]/g, '\\$&')}.*ECONNREFUSED`));
  });
});

/** A loopback address nothing listens on (a port just released, never fetched from). */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

function memoryStore(): LoginSyncStore & { events: Map<string, LoginEvent>; state: LoginStreamState | null } {
  const events = new Map<string, LoginEvent>();
  const store = {
    events,
    state: null as LoginStreamState | null,
    getLoginStream: () => Promise.resolve(store.state),
    putLoginStream: (state: LoginStreamState) => {
      store.state = state;
      return Promise.resolve();
    },
    commitLoginPage: (page: readonly LoginEvent[], state: LoginStreamState) => {
      let inserted = 0;
      for (const e of page) {
        if (!events.has(e.key)) inserted += 1;
        events.set(e.key, e);
      }
      store.state = { ...state, eventsStored: state.eventsStored + inserted };
      return Promise.resolve(inserted);
    },
  };
  return store;
}
