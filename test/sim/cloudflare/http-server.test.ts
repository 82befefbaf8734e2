import { afterEach, describe, expect, it } from 'vitest';
import { SIM_GLOBAL_KEY, SIM_TOKEN, SIM_TOKEN_WITHOUT_PERMISSION, requestsDuringBlock, startCloudflareSim, type CloudflareSim, type CloudflareSimOptions } from './index';

const end = Date.UTC(2026, 5, 1);
const dataset = { seed: 5, count: 300, startTime: end - 5 * 86_400_000, endTime: end };
let sim: CloudflareSim | null = null;

async function start(options: Partial<CloudflareSimOptions> = {}): Promise<CloudflareSim> {
  sim = await startCloudflareSim({ dataset, now: () => end, ...options });
  return sim;
}

afterEach(async () => {
  await sim?.close();
  sim = null;
});

function logsUrl(s: CloudflareSim, query = '', account = s.accountId): string {
  return `${s.url}/accounts/${account}/access/logs/access_requests${query}`;
}

const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });

describe('Cloudflare sim over HTTP', () => {
  it('answers a token or the legacy email + key with the envelope, newest first, 25 per page by default', async () => {
    const s = await start();
    for (const headers of [bearer(SIM_TOKEN), { 'X-Auth-Email': SIM_GLOBAL_KEY.email, 'X-Auth-Key': SIM_GLOBAL_KEY.key }]) {
      const res = await fetch(logsUrl(s), { headers });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { success: boolean; errors: unknown[]; messages: unknown[]; result: { created_at: string }[] };
      expect(body.success).toBe(true);
      expect(body.errors).toEqual([]);
      expect(body.messages).toEqual([]);
      expect(body).not.toHaveProperty('result_info');
      expect(body.result).toHaveLength(25);
      const truth = s.truth();
      expect(JSON.stringify(body.result[0])).toBe(truth[truth.length - 1]?.json);
    }
    expect(s.requests().map((r) => r.auth)).toEqual(['token', 'global-key']);
  });

  it('refuses wrong credentials with 403 (or 401) and errors[{code:10000}]', async () => {
    const s = await start();
    const cases: Record<string, string>[] = [bearer('wrong'), bearer(SIM_TOKEN_WITHOUT_PERMISSION), { 'X-Auth-Email': SIM_GLOBAL_KEY.email, 'X-Auth-Key': 'nope' }, {}];
    for (const headers of cases) {
      const res = await fetch(logsUrl(s), { headers });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ success: false, errors: [{ code: 10000, message: 'Authentication error' }], messages: [], result: null });
    }
    await s.close();
    const s401 = await start({ authFailureStatus: 401 });
    expect((await fetch(logsUrl(s401), { headers: bearer('wrong') })).status).toBe(401);
    // A real token lacking the permission is authenticated but forbidden: 403 whatever the option.
    expect((await fetch(logsUrl(s401), { headers: bearer(SIM_TOKEN_WITHOUT_PERMISSION) })).status).toBe(403);
  });

  it('answers an unknown account id or path with 404 code 7003, bad parameters with 400', async () => {
    const s = await start();
    const res = await fetch(logsUrl(s, '', 'ffffffffffffffffffffffffffffffff'), { headers: bearer(SIM_TOKEN) });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { errors: { code: number }[] }).errors[0]?.code).toBe(7003);
    const bad = await fetch(logsUrl(s, '?since=last-week'), { headers: bearer(SIM_TOKEN) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { success: boolean }).success).toBe(false);
  });

  it('blocks a token over its limit: 429 with Retry-After, every request during the block refused and counted', async () => {
    let t = 0;
    const s = await start({ rateLimit: { limit: 3, windowMs: 10_000, blockMs: 7_000 }, rateClock: () => t });
    const get = async (): Promise<Response> => fetch(logsUrl(s, '?per_page=1'), { headers: bearer(SIM_TOKEN) });
    for (let i = 0; i < 3; i++) expect((await get()).status).toBe(200);
    const limited = await get();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(((await limited.json()) as { errors: { code: number }[] }).errors[0]?.code).toBe(971);
    t = 2_500;
    const during = await get();
    expect(during.status).toBe(429);
    expect(during.headers.get('retry-after')).toBe('5'); // ceil(4.5 s)
    expect(requestsDuringBlock(s.requests())).toBe(1);
    // Other tokens are not affected.
    expect((await fetch(logsUrl(s), { headers: { 'X-Auth-Email': SIM_GLOBAL_KEY.email, 'X-Auth-Key': SIM_GLOBAL_KEY.key } })).status).toBe(200);
    // Block over, but the window still holds the three accepted at t=0: over the limit again.
    t = 7_000;
    const again = await get();
    expect(again.status).toBe(429);
    expect(again.headers.get('retry-after')).toBe('7');
    t = 14_000;
    expect((await get()).status).toBe(200);
    expect(requestsDuringBlock(s.requests())).toBe(1);
  });

  it('serves injected faults in order: 502 page, bare 429, malformed body, dropped socket, truncated body', async () => {
    const s = await start();
    s.injectFaults([
      { kind: { type: 'http', status: 502 } },
      { kind: { type: 'rate-limit', retryAfterSeconds: null } },
      { kind: { type: 'malformed' } },
      { kind: { type: 'drop' } },
      { kind: { type: 'truncate' } },
    ]);
    const get = (): Promise<Response> => fetch(logsUrl(s), { headers: bearer(SIM_TOKEN) });
    const bad = await get();
    expect(bad.status).toBe(502);
    expect(await bad.text()).toContain('<html>');
    const limited = await get();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
    await expect((await get()).json()).rejects.toThrow();
    await expect(get()).rejects.toThrow();
    await expect(get().then((r) => r.text())).rejects.toThrow();
    expect((await get()).status).toBe(200);
  });

  it('append adds generated or explicit records, and truth honours retention', async () => {
    const s = await start({ retentionMs: 86_400_000 });
    const visible = s.truth().length;
    expect(visible).toBeGreaterThan(0);
    expect(s.truth({ all: true }).length).toBe(300);
    s.append({ count: 10, from: end - 1000, to: end });
    s.append({ records: [{ action: 'logout', created_at: '2026-06-01T00:00:00.000000001Z' }] });
    expect(s.truth().length).toBe(visible + 11);
    expect(s.truth().at(-1)?.json).toBe('{"action":"logout","created_at":"2026-06-01T00:00:00.000000001Z"}');
  });
});
