import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeribitSim, type DeribitSim } from './index';
import { START, call, login, parseExact, smallDataset } from './sim-fixtures';

type Obj = Record<string, unknown>;
const NOW = 1_710_000_000_123;

describe('account methods and the JSON-RPC envelope', () => {
  let sim: DeribitSim;
  let token: string;
  beforeAll(async () => {
    sim = await startDeribitSim({ dataset: smallDataset(), now: () => NOW });
    token = await login(sim);
  });
  afterAll(() => sim.close());

  it('public/get_time returns the server clock, in the documented envelope without an id', async () => {
    const reply = await call(sim, 'public/get_time');
    expect(reply.body.result).toBe(String(NOW));
    expect(Object.keys(reply.body)).toEqual(['jsonrpc', 'result', 'usIn', 'usOut', 'usDiff', 'testnet']);
    expect(reply.body.testnet).toBe(false);
    // usIn is the arrival on the request log's clock (not the injected `now`), so gaps read the same from both.
    expect(reply.body.usIn).toBe(String(Math.round((sim.requests().at(-1)?.startedAt ?? 0) * 1000)));
  });

  it('accepts JSON-RPC POST and echoes the id only when sent', async () => {
    const post = async (body: Obj): Promise<Obj> => {
      const response = await fetch(sim.url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return parseExact(await response.text()) as Obj;
    };
    const withId = await post({ jsonrpc: '2.0', id: 7, method: 'private/get_access_log', params: { count: 2 } });
    expect(withId.id).toBe('7');
    expect((withId.result as { data: unknown[] }).data).toHaveLength(2);
    const noId = await post({ jsonrpc: '2.0', method: 'public/get_time', params: {} });
    expect(noId).not.toHaveProperty('id');
    expect(sim.requests().at(-2)?.params).toEqual({ count: '2' });
  });

  it('answers an unknown method with -32601 (HTTP 400)', async () => {
    const reply = await call(sim, 'private/get_everything', {}, token);
    expect([reply.status, reply.body.error?.code]).toEqual([400, '-32601']);
  });

  it('public/get_currencies lists the dataset currencies', async () => {
    const list = (await call(sim, 'public/get_currencies')).body.result as Obj[];
    expect(list.map((c) => c.currency)).toEqual(['BTC', 'ETH', 'USDC']);
    expect(list[0]?.currency_long).toBe('Bitcoin');
  });

  it('private/get_subaccounts lists main first, with portfolios keyed by lower-case currency', async () => {
    const list = (await call(sim, 'private/get_subaccounts', {}, token)).body.result as Obj[];
    expect(list.map((u) => Number(u.id))).toEqual(sim.users.map((u) => u.userId));
    expect(list.map((u) => u.type)).toEqual(['main', 'subaccount', 'subaccount']);
    expect(list.map((u) => u.username)).toEqual(sim.users.map((u) => u.username));
    for (const user of list) {
      const portfolio = user.portfolio as Record<string, Obj>;
      expect(Object.keys(portfolio)).toEqual(['btc', 'eth', 'usdc']);
      expect(portfolio.eth?.balance).toBe(sim.truthTransactions(Number(user.id), 'ETH')[0]?.balance);
    }
  });

  it('private/get_account_summary: balance is the newest row balance; extended adds identity and creation time', async () => {
    const sub = sim.users[2]!.userId;
    for (const [params, userId] of [[{}, sim.mainUserId], [{ subaccount_id: sub }, sub]] as const) {
      for (const currency of ['BTC', 'USDC']) {
        const summary = (await call(sim, 'private/get_account_summary', { currency, extended: 'true', ...params }, token)).body.result as Obj;
        expect(summary.balance).toBe(sim.truthTransactions(userId, currency)[0]?.balance);
        expect(summary.equity).not.toBe(summary.balance);
        expect(summary.creation_timestamp).toBe(String(START));
        expect(Number(summary.id)).toBe(userId);
        expect(summary.type).toBe(userId === sim.mainUserId ? 'main' : 'subaccount');
      }
    }
    const plain = (await call(sim, 'private/get_account_summary', { currency: 'ETH' }, token)).body.result as Obj;
    expect(plain).not.toHaveProperty('creation_timestamp');
    const none = (await call(sim, 'private/get_account_summary', { currency: 'USDT' }, token)).body.result as Obj;
    expect(none.balance).toBe('0');
    const unknown = await call(sim, 'private/get_account_summary', { currency: 'BTC', subaccount_id: 1 }, token);
    expect(unknown.body.error?.code).toBe('-32602');
  });

  it('private/get_account_summaries covers every currency', async () => {
    const result = (await call(sim, 'private/get_account_summaries', { extended: 'true' }, token)).body.result as { summaries: Obj[]; creation_timestamp: string };
    expect(result.summaries.map((s) => s.currency)).toEqual(['BTC', 'ETH', 'USDC']);
    expect(result.creation_timestamp).toBe(String(START));
  });

  it('adds latencyMs before every response', async () => {
    const slow = await startDeribitSim({ dataset: smallDataset({ rowsPerStream: 1 }), latencyMs: 120 });
    try {
      const started = performance.now();
      await call(slow, 'public/get_time');
      expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    } finally {
      await slow.close();
    }
  });
});
