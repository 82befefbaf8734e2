import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SIM_KEY, startDeribitSim, type DeribitSim, type DeribitSimOptions, type SimKey } from './index';
import { TokenBucket } from './rate-limiter';
import { END, START, call, login, smallDataset } from './sim-fixtures';

describe('TokenBucket (injected clock)', () => {
  it('allows one call per interval with 15 ms of jitter tolerance, and no sustained excess', () => {
    let t = 0;
    const bucket = new TokenBucket(1, 1000, 1, () => t);
    expect(bucket.tryTake()).toBe(true);
    t = 500;
    expect(bucket.tryTake()).toBe(false);
    t = 990; // 10 ms early: timer jitter, accepted
    expect(bucket.tryTake()).toBe(true);
    t = 1970; // 980 ms after the previous slot, which itself borrowed 10 ms
    expect(bucket.tryTake()).toBe(false);
    t = 1990;
    expect(bucket.tryTake()).toBe(true);
    t = 2970; // 20 ms early is outside the tolerance
    expect(bucket.tryTake()).toBe(false);
  });

  it('lets a burst through, then refills at the sustained rate', () => {
    let t = 0;
    const bucket = new TokenBucket(3, 100, 1, () => t);
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, true, false]);
    t = 100;
    expect([bucket.tryTake(), bucket.tryTake()]).toEqual([true, false]);
  });

  it('charges a cost per call from a credit pool', () => {
    let t = 0;
    const credits = new TokenBucket(2000, 1000 / 1000, 500, () => t);
    expect([1, 2, 3, 4, 5].map(() => credits.tryTake())).toEqual([true, true, true, true, false]);
    t = 500; // 500 credits back
    expect([credits.tryTake(), credits.tryTake()]).toEqual([true, false]);
  });
});

describe('rate limits over HTTP', () => {
  let sim: DeribitSim | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });
  const start = async (options: Partial<DeribitSimOptions>): Promise<{ s: DeribitSim; token: string }> => {
    sim = await startDeribitSim({ dataset: smallDataset({ rowsPerStream: 20 }), ...options });
    return { s: sim, token: await login(sim) };
  };
  const txLog = { currency: 'BTC', start_timestamp: START, end_timestamp: END, count: 5 };
  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

  it('answers a too-fast second get_transaction_log with 10028 and HTTP 429 by default', async () => {
    const { s, token } = await start({});
    expect((await call(s, 'private/get_transaction_log', txLog, token)).status).toBe(200);
    const second = await call(s, 'private/get_transaction_log', txLog, token);
    expect([second.status, second.body.error?.code, second.body.error?.message]).toEqual([429, '10028', 'too_many_requests']);
    // Other methods use the separate credit bucket.
    expect((await call(s, 'private/get_account_summary', { currency: 'BTC' }, token)).status).toBe(200);
    expect(s.requests().map((r) => r.errorCode)).toEqual([null, null, 10028, null]);
  });

  for (const status of [200, 400] as const) {
    it(`uses HTTP ${status} with 10028 when configured`, async () => {
      const { s, token } = await start({ rateLimitHttpStatus: status });
      await call(s, 'private/get_transaction_log', txLog, token);
      const second = await call(s, 'private/get_transaction_log', txLog, token);
      expect([second.status, second.body.error?.code]).toEqual([status, '10028']);
    });
  }

  it('accepts calls spaced by the interval and limits each key separately', async () => {
    const { s, token } = await start({ txLogIntervalMs: 60 });
    for (let i = 0; i < 4; i++) {
      expect((await call(s, 'private/get_transaction_log', txLog, token)).status).toBe(200);
      await sleep(60);
    }
    expect((await call(s, 'private/get_transaction_log', txLog, token)).status).toBe(200);
    expect((await call(s, 'private/get_transaction_log', txLog, token)).body.error?.code).toBe('10028');
  });

  it('honours txLogBurst and txLogIntervalMs 0 (disabled)', async () => {
    const { s, token } = await start({ txLogBurst: 3, txLogIntervalMs: 10_000 });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await call(s, 'private/get_transaction_log', txLog, token)).body.error?.code ?? 'ok');
    expect(codes).toEqual(['ok', 'ok', 'ok', '10028']);
    await sim?.close();
    const open = await start({ txLogIntervalMs: 0 });
    for (let i = 0; i < 5; i++) expect((await call(open.s, 'private/get_transaction_log', txLog, open.token)).status).toBe(200);
  });

  it('counts per account: two keys of the main user share the transaction-log bucket (rateLimitScope key splits it)', async () => {
    const second: SimKey = { clientId: 'second', clientSecret: 'second-secret', scope: 'account:read' };
    const loginAs = async (s: DeribitSim, key: SimKey): Promise<string> => {
      const reply = await call(s, 'public/auth', { grant_type: 'client_credentials', client_id: key.clientId, client_secret: key.clientSecret });
      return (reply.body.result as { access_token: string }).access_token;
    };
    for (const [scope, secondCode] of [['account', '10028'], ['key', 'ok']] as const) {
      const s = await startDeribitSim({ dataset: smallDataset({ rowsPerStream: 20 }), keys: [DEFAULT_SIM_KEY, second], rateLimitScope: scope });
      try {
        const [a, b] = [await loginAs(s, DEFAULT_SIM_KEY), await loginAs(s, second)];
        expect((await call(s, 'private/get_transaction_log', txLog, a)).status).toBe(200);
        expect((await call(s, 'private/get_transaction_log', txLog, b)).body.error?.code ?? 'ok', scope).toBe(secondCode);
      } finally {
        await s.close();
      }
    }
  });

  it('usIn is the arrival on the request log clock; jittered latency scatters arrivals, half of it on the way in', async () => {
    const { s } = await start({ latencyMs: 40, latencyJitterMs: 30, latencySeed: 3 });
    s.resetRequests();
    const inbound: number[] = [];
    for (let i = 0; i < 24; i++) {
      const sent = performance.timeOrigin + performance.now();
      const reply = await call(s, 'public/get_time');
      const arrival = s.requests().at(-1)?.startedAt ?? 0;
      expect(reply.body.usIn).toBe(String(Math.round(arrival * 1000)));
      expect(Number(reply.body.usOut)).toBeGreaterThanOrEqual(Number(reply.body.usIn));
      inbound.push(arrival - sent);
    }
    // Each latency is 40 ± 30 ms, half of it before the arrival: 5 to 35 ms on the way in (+ local overhead).
    expect(Math.min(...inbound)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...inbound)).toBeLessThan(35 + 15);
    expect(Math.max(...inbound) - Math.min(...inbound)).toBeGreaterThan(15);
  });

  it('runs out of credits on other calls', async () => {
    const { s, token } = await start({ creditBucket: { capacity: 1500, refillPerSec: 1, cost: 500 } });
    // login took 500 from the public bucket; the key's own bucket starts full.
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(s, 'private/get_subaccounts', {}, token)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
