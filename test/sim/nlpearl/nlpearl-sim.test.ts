import { afterEach, describe, expect, it } from 'vitest';
import { generateAuditRecords, DEFAULT_RENDER_STYLE } from './audit-dataset';
import { bindAuditRequest, parseInstant } from './audit-query';
import { DEFAULT_NLPEARL_ACCOUNT, startNlpearlSim, type NlpearlSim, type NlpearlSimOptions } from './index';

const AUTH = `Bearer ${DEFAULT_NLPEARL_ACCOUNT.accountId}:${DEFAULT_NLPEARL_ACCOUNT.secretKey}`;
const START = Date.UTC(2026, 0, 1);
const END = Date.UTC(2026, 1, 1);

let sim: NlpearlSim | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function open(options: NlpearlSimOptions = {}): Promise<NlpearlSim> {
  sim = await startNlpearlSim({ dataset: { seed: 3, events: 400, startTime: START, endTime: END }, ...options });
  return sim;
}

function post(s: NlpearlSim, body: unknown, authorization: string | null = AUTH): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization !== null) headers.authorization = authorization;
  return fetch(`${s.url}/v2/Account/AuditLog`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

const iso = (ms: number): string => new Date(ms).toISOString();

describe('dataset', () => {
  it('is a pure function of the seed, time-ordered, in range, with the documented mix', () => {
    const spec = { seed: 9, events: 3000, startTime: START, endTime: END };
    const a = generateAuditRecords(spec, DEFAULT_RENDER_STYLE);
    expect(generateAuditRecords(spec, DEFAULT_RENDER_STYLE)).toEqual(a);
    expect(a).toHaveLength(3000);
    for (let i = 1; i < a.length; i++) {
      const p = a[i - 1]!;
      const r = a[i]!;
      expect(r.timestampMs * 10_000 + r.subTicks >= p.timestampMs * 10_000 + p.subTicks).toBe(true);
    }
    expect(a.every((r) => r.timestampMs >= START && r.timestampMs <= END)).toBe(true);
    const types = new Set(a.map((r) => r.eventType));
    for (const code of [1, 2, 30, 31, 73, 81]) expect(types.has(code)).toBe(true);
    expect([...types].some((t) => t > 81)).toBe(true);
    const texts = a.map((r) => r.text);
    expect(new Set(texts).size).toBeLessThan(texts.length); // identical duplicates exist
    const fractions = new Set(texts.map((t) => /"timestamp":"[^".]*(?:\.(\d+))?Z"/.exec(t)?.[1]?.length ?? 0));
    expect(fractions.size).toBeGreaterThanOrEqual(4);
    for (const key of ['"ip":', '"IP":', '"ipAddress":', '"clientIp":']) expect(texts.some((t) => t.includes(key))).toBe(true);
    expect(texts.some((t) => t.includes('"additionalData":null'))).toBe(true);
  });

  it('renders the eventType as a name and the zone as configured', () => {
    const [r] = generateAuditRecords({ seed: 1, events: 1, startTime: START, endTime: END }, { ipKey: 'clientIp', timestampZone: 'none', eventTypeStyle: 'name' });
    expect(r!.text).toMatch(/"timestamp":"2026-01-\d\dT[\d:.]+","eventType":"[A-Za-z0-9]+"/);
  });
});

describe('request binding', () => {
  it('parses .NET date-times to 100 ns and reports field errors like ASP.NET', () => {
    expect(parseInstant('2026-01-02T03:04:05.1234567Z')).toEqual({ ms: Date.UTC(2026, 0, 2, 3, 4, 5, 123), subTicks: 4567 });
    expect(parseInstant('2026-01-02T05:04:05+02:00')).toEqual({ ms: Date.UTC(2026, 0, 2, 3, 4, 5), subTicks: 0 });
    expect(parseInstant('yesterday')).toBeNull();
    const bad = bindAuditRequest('{"from":"soon","to":"2026-01-01T00:00:00Z"}');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors)).toEqual(['$.from', 'request']);
    expect(bindAuditRequest('').ok).toBe(false);
  });
});

describe('server', () => {
  it('answers a bare JSON array with the configured content type, newest first by default', async () => {
    const s = await open({ contentType: 'text/plain; charset=utf-8', cap: null });
    const res = await post(s, { from: iso(START), to: iso(END) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const text = await res.text();
    expect(text).toBe(`[${[...s.truth()].reverse().map((r) => r.text).join(',')}]`);
  });

  it('rejects wrong credentials with 401 in each body shape', async () => {
    for (const shape of ['empty', 'problem-details', 'text'] as const) {
      const s = await open({ unauthorizedBody: shape });
      const res = await post(s, { from: iso(START), to: iso(END) }, 'Bearer acc_5f3e2d1c:wrong');
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      const body = await res.text();
      if (shape === 'empty') expect(body).toBe('');
      if (shape === 'problem-details') expect(JSON.parse(body)).toMatchObject({ status: 401, title: 'Unauthorized' });
      if (shape === 'text') expect(body).toBe('Invalid API credentials');
      expect((await post(s, { from: iso(START), to: iso(END) }, null)).status).toBe(401);
      await s.close();
      sim = null;
    }
  });

  it('400 with ValidationProblemDetails for a bad date and for a range over the limit', async () => {
    const s = await open({ maxRangeDays: 7 });
    const bad = await post(s, { from: 'not a date', to: iso(END) });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { type: string; title: string; status: number; errors: Record<string, string[]> };
    expect(body).toMatchObject({ title: 'One or more validation errors occurred.', status: 400 });
    expect(body.errors['$.from']?.[0]).toContain('System.DateTime');
    const wide = await post(s, { from: iso(START), to: iso(END) });
    expect(wide.status).toBe(400);
    expect(((await wide.json()) as { errors: Record<string, string[]> }).errors.To?.[0]).toContain('7 days');
  });

  it('caps answers in the configured order and filters by eventType and userId', async () => {
    const s = await open({ cap: 10, order: 'ascending' });
    const truth = s.truth();
    const asc = (await (await post(s, { from: iso(START), to: iso(END) })).json()) as unknown[];
    expect(asc.map((r) => JSON.stringify(r))).toEqual(truth.slice(0, 10).map((r) => r.text));
    expect(s.requests().at(-1)).toMatchObject({ returned: 10, matched: 400, status: 200 });
    const s2 = await startNlpearlSim({ dataset: { seed: 3, events: 400, startTime: START, endTime: END }, cap: 10, order: 'unordered' });
    try {
      const a = await (await post(s2, { from: iso(START), to: iso(END) })).text();
      const b = await (await post(s2, { from: iso(START), to: iso(END) })).text();
      expect(a).toBe(b);
      const set = new Set(truth.map((r) => r.text));
      const got = (JSON.parse(a) as unknown[]).map((r) => JSON.stringify(r));
      expect(got.every((t) => set.has(t))).toBe(true);
      expect(got).not.toEqual(truth.slice(0, 10).map((r) => r.text));
    } finally {
      await s2.close();
    }
    const failures = (await (await post(s, { from: iso(START), to: iso(END), eventType: 81 })).json()) as { eventType: number }[];
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((r) => r.eventType === 81)).toBe(true);
  });

  it('honours bound inclusivity at 100 ns precision', async () => {
    const s = await open({ cap: null, fromInclusive: false, toInclusive: false });
    const r = s.truth()[100]!;
    const at = `${new Date(r.timestampMs).toISOString().slice(0, 23)}${String(r.subTicks).padStart(4, '0')}Z`;
    const none = (await (await post(s, { from: at, to: at })).json()) as unknown[];
    expect(none).toEqual([]);
    const s2 = await startNlpearlSim({ dataset: { seed: 3, events: 400, startTime: START, endTime: END }, cap: null });
    try {
      const both = (await (await post(s2, { from: at, to: at })).json()) as unknown[];
      expect(both.map((x) => JSON.stringify(x))).toContain(r.text);
    } finally {
      await s2.close();
    }
  });

  it('rate-limits per fixed window on the injected clock, with Retry-After', async () => {
    let now = 0;
    const s = await open({ rateLimit: { limit: 2, windowMs: 60_000 }, now: () => now });
    const body = { from: iso(START), to: iso(START + 1000) };
    expect((await post(s, body)).status).toBe(200);
    expect((await post(s, body)).status).toBe(200);
    const limited = await post(s, body);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    now = 60_000;
    expect((await post(s, body)).status).toBe(200);
  });

  it('applies injected faults in order, then answers normally; append adds events', async () => {
    const s = await open({ cap: null });
    s.inject([{ kind: { type: 'status', status: 502 } }, { kind: { type: 'malformed' } }, { kind: { type: 'drop' } }, { kind: { type: 'truncate' } }]);
    const body = { from: iso(START), to: iso(END) };
    expect((await post(s, body)).status).toBe(502);
    await expect((await post(s, body)).json()).rejects.toThrow();
    await expect(post(s, body)).rejects.toThrow();
    await expect(post(s, body).then((r) => r.text())).rejects.toThrow();
    expect((await post(s, body)).status).toBe(200);
    const added = s.append({ count: 5, from: END + 1000, to: END + 5000 });
    expect(added).toHaveLength(5);
    expect(s.truth()).toHaveLength(405);
    expect(s.truth().slice(-5)).toEqual(added);
  });
});
