import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PULSE_KEY, startIngedataSim, type IngedataSim, type IngedataSimOptions } from './index';

const END = Date.UTC(2026, 2, 1);
const START = END - 30 * 86_400_000;
const LOGINS = 260;

let sims: IngedataSim[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});

async function sim(extra: Partial<IngedataSimOptions> = {}): Promise<IngedataSim> {
  const s = await startIngedataSim({ dataset: { seed: 7, logins: LOGINS, startTime: START, endTime: END }, rateLimit: null, ...extra });
  sims.push(s);
  return s;
}

async function login(s: IngedataSim, key = DEFAULT_PULSE_KEY): Promise<Response> {
  return fetch(`${s.url}/api/v3/iam/auth/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key }) });
}

async function token(s: IngedataSim): Promise<string> {
  const body = (await (await login(s)).json()) as { meta: { token: string } };
  return body.meta.token;
}

async function list(s: IngedataSim, t: string, query: string): Promise<Response> {
  return fetch(`${s.url}/api/v3/iam/account_logins?${query}`, { headers: { authorization: `Bearer ${t}` } });
}

interface Doc {
  data: { type: string; id?: string; attributes: { id?: number; date: string; ip: unknown; role: string } }[];
  included?: { type: string; id: string }[];
  meta?: Record<string, unknown>;
}

describe('Ingedata Pulse simulator', () => {
  it('logs in with the right key and answers a wrong or missing key with a message', async () => {
    const s = await sim();
    const ok = await login(s);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { meta: { token: string } }).meta.token).toMatch(/^pulse_tok_/);
    const wrong = await login(s, 'PULSE_wrong');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ message: 'Invalid API key' });
    const missing = await fetch(`${s.url}/api/v3/iam/auth/api/login`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(400);
    const noToken = await list(s, 'nope', '');
    expect(noToken.status).toBe(401);
    expect(((await noToken.json()) as { message: string }).message).toMatch(/token/i);
  });

  it('pages with the documented defaults and sorts newest first on -date', async () => {
    const s = await sim();
    const t = await token(s);
    const all = (await (await list(s, t, '')).json()) as Doc;
    expect(all.data).toHaveLength(LOGINS); // default page[size] 1000
    // Default order (undocumented) is id ascending.
    const ids = all.data.map((r) => Number(r.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const page2 = (await (await list(s, t, 'page[number]=2&page[size]=100&sort=-date,-id')).json()) as Doc;
    expect(page2.data.map((r) => JSON.stringify(r))).toEqual(s.truth().slice(100, 200).map((r) => r.json));
    const bad = await list(s, t, 'sort=-when');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ message: 'Invalid sort field: when' });
  });

  it('puts the count where the option says, or nowhere', async () => {
    for (const [location, read] of [
      ['meta.count', (m: Doc['meta']) => m?.count],
      ['meta.total', (m: Doc['meta']) => m?.total],
      ['meta.page.total', (m: Doc['meta']) => (m?.page as { total?: number } | undefined)?.total],
      ['absent', (m: Doc['meta']) => m],
    ] as const) {
      const s = await sim({ countLocation: location });
      const doc = (await (await list(s, await token(s), 'count=true&page[size]=5')).json()) as Doc;
      expect(read(doc.meta)).toBe(location === 'absent' ? undefined : LOGINS);
    }
  });

  it('filters by date with bracket operators, or rejects / ignores filters per option', async () => {
    const from = new Date(END - 5 * 86_400_000).toISOString();
    const q = `filter[date][gte]=${from}&sort=-date`;
    const s1 = await sim();
    const expected = s1.truth().filter((r) => r.timestamp >= END - 5 * 86_400_000).length;
    const filtered = (await (await list(s1, await token(s1), q)).json()) as Doc;
    expect(filtered.data).toHaveLength(expected);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(LOGINS);
    const s2 = await sim({ dateFilter: 'reject' });
    const rejected = await list(s2, await token(s2), q);
    expect(rejected.status).toBe(400);
    expect(((await rejected.json()) as { message: string }).message).toMatch(/Invalid filter/);
    const s3 = await sim({ dateFilter: 'ignore' });
    expect(((await (await list(s3, await token(s3), q)).json()) as Doc).data).toHaveLength(LOGINS);
  });

  it('includes accounts and persons, caps page size silently, renders ip shapes and µs dates per option', async () => {
    const s = await sim({ maxPageSize: 50, ipShape: 'ip-geo-objects', dateFormat: 'iso-micro-offset' });
    const doc = (await (await list(s, await token(s), 'page[size]=1000&included[]=account&included[]=account.person')).json()) as Doc;
    expect(doc.data).toHaveLength(50);
    expect(doc.included?.some((r) => r.type === 'iam/accounts')).toBe(true);
    expect(doc.included?.some((r) => r.type === 'iam/persons')).toBe(true);
    const withIp = doc.data.find((r) => r.attributes.ip !== null);
    expect(withIp?.attributes.ip).toMatchObject({ ip: expect.any(String), geo: { country: { iso_code: expect.any(String) } } });
    expect(doc.data[0]?.attributes.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    const mixed = await sim();
    const shapes = new Set(
      ((await (await list(mixed, await token(mixed), '')).json()) as Doc).data.map((r) =>
        r.attributes.ip === null ? 'null' : typeof r.attributes.ip === 'string' ? 'string' : Object.keys(r.attributes.ip as object).join('+'),
      ),
    );
    expect([...shapes].sort()).toEqual(['address+geolocation', 'ip+geo', 'null', 'string']);
  });

  it('expires tokens on the injected clock and rate-limits per key with or without Retry-After', async () => {
    let now = END;
    const s = await sim({ now: () => now, tokenTtlMs: 60_000, rateLimit: { requests: 3, windowMs: 10_000, retryAfter: true } });
    const t = await token(s); // request 1 of the window
    expect((await list(s, t, 'page[size]=1')).status).toBe(200);
    expect((await list(s, t, 'page[size]=1')).status).toBe(200);
    const limited = await list(s, t, 'page[size]=1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('10');
    now += 10_000;
    expect((await list(s, t, 'page[size]=1')).status).toBe(200);
    now += 60_000;
    const expired = await list(s, t, 'page[size]=1');
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ message: 'Token expired' });

    const quiet = await sim({ now: () => now, rateLimit: { requests: 1, windowMs: 10_000, retryAfter: false } });
    const t2 = await token(quiet);
    const r = await list(quiet, t2, '');
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBeNull();
  });

  it('applies injected faults in order and logs requests', async () => {
    const s = await sim();
    const t = await token(s);
    s.injectFaults([
      { method: 'account_logins', kind: { type: 'http', status: 502 } },
      { method: 'account_logins', kind: { type: 'malformed' } },
      { method: 'account_logins', kind: { type: 'drop' } },
      { method: 'account_logins', kind: { type: 'expire-token' } },
    ]);
    expect((await list(s, t, '')).status).toBe(502);
    await expect((await list(s, t, '')).json()).rejects.toThrow();
    await expect(list(s, t, '')).rejects.toThrow();
    expect((await list(s, t, '')).status).toBe(401);
    expect(s.requests().map((r) => [r.route, r.status])).toEqual([
      ['login', 200],
      ['account_logins', 502],
      ['account_logins', 200],
      ['account_logins', 0],
      ['account_logins', 401],
    ]);
  });

  it('is reproducible from its seed and appends newer logins at the newest end', async () => {
    const a = await sim();
    const b = await sim();
    expect(a.truth().map((r) => r.json)).toEqual(b.truth().map((r) => r.json));
    const ties = a.truth().filter((r, i, all) => all[i + 1]?.timestamp === r.timestamp);
    expect(ties.length).toBeGreaterThan(0);
    const added = a.append(3, END + 3_000);
    expect(added.map((r) => r.timestamp)).toEqual([END + 1_000, END + 2_000, END + 3_000]);
    expect(a.truth().slice(0, 3).map((r) => r.json)).toEqual(added.map((r) => r.json).reverse());
    expect(() => a.append([{ date: END }])).toThrow(/back-dated/);
  });
});

