import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FaultQueue } from './fault-queue';
import { startDeribitSim, type DeribitSim } from './index';
import { END, START, call, login, smallDataset } from './sim-fixtures';

const TX = 'private/get_transaction_log';
const txParams = { currency: 'BTC', start_timestamp: START, end_timestamp: END, count: 10 };

describe('FaultQueue', () => {
  it('lets `after` matching requests pass, hits `times` of them, and matches by method', () => {
    const q = new FaultQueue();
    q.inject([
      { method: 'a', after: 1, times: 2, kind: { type: 'drop' } },
      { kind: { type: 'truncate' } },
    ]);
    expect(q.take('a')).toBeUndefined();
    expect(q.take('b')?.type).toBe('truncate'); // the any-method fault is independent of 'a'
    expect(q.take('a')?.type).toBe('drop');
    expect(q.take('a')?.type).toBe('drop');
    expect(q.take('a')).toBeUndefined();
    q.inject([{ kind: { type: 'hang', ms: 1 } }]);
    q.clear();
    expect(q.take('b')).toBeUndefined();
  });
});

describe('injected faults over HTTP', () => {
  let sim: DeribitSim;
  let token: string;
  beforeAll(async () => {
    sim = await startDeribitSim({ dataset: smallDataset({ rowsPerStream: 50 }), txLogIntervalMs: 0 });
    token = await login(sim);
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.clearFaults();
    sim.resetRequests();
  });
  const fetchTx = (signal?: AbortSignal): Promise<Response> =>
    fetch(`${sim.url}/${TX}?${new URLSearchParams(Object.entries(txParams).map(([k, v]): [string, string] => [k, String(v)]))}`, {
      headers: { authorization: `Bearer ${token}` },
      ...(signal ? { signal } : {}),
    });

  it('answers a JSON-RPC error fault with its code and status, then recovers', async () => {
    sim.injectFaults([
      { method: TX, kind: { type: 'error', code: 10041 } },
      { method: TX, kind: { type: 'error', code: 13888, message: 'timed_out', httpStatus: 504 } },
      { method: TX, kind: { type: 'error', code: 10028 } },
    ]);
    const first = await call(sim, TX, txParams, token);
    expect([first.status, first.body.error?.code, first.body.error?.message]).toEqual([400, '10041', 'settlement_in_progress']);
    const second = await call(sim, TX, txParams, token);
    expect([second.status, second.body.error?.code]).toEqual([504, '13888']);
    const third = await call(sim, TX, txParams, token);
    expect([third.status, third.body.error?.code]).toEqual([429, '10028']);
    expect((await call(sim, TX, txParams, token)).status).toBe(200);
    expect(sim.requests().map((r) => [r.status, r.errorCode])).toEqual([[400, 10041], [504, 13888], [429, 10028], [200, null]]);
  });

  it('serves an HTTP fault with an HTML body', async () => {
    sim.injectFaults([{ kind: { type: 'http', status: 502 } }]);
    const response = await fetchTx();
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('<html>');
  });

  it('drops the socket without answering', async () => {
    sim.injectFaults([{ method: TX, kind: { type: 'drop' } }]);
    await expect(fetchTx()).rejects.toThrow();
    expect(sim.requests()[0]).toMatchObject({ method: TX, status: 0, errorCode: null });
    expect((await fetchTx()).status).toBe(200);
  });

  it('hangs long enough for a client timeout, and answers late otherwise', async () => {
    sim.injectFaults([{ method: TX, times: 2, kind: { type: 'hang', ms: 300 } }]);
    await expect(fetchTx(AbortSignal.timeout(50))).rejects.toThrow();
    const started = performance.now();
    const late = await fetchTx();
    expect(late.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('truncates a page mid-body', async () => {
    sim.injectFaults([{ method: TX, kind: { type: 'truncate' } }]);
    // Headers and half the body arrive, then the connection is cut: reading the body fails.
    const response = await fetchTx();
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(1000);
    const outcome = await response.text().then(() => 'complete', () => 'broken');
    expect(outcome).toBe('broken');
    expect((await fetchTx()).status).toBe(200);
  });

  it('sends malformed JSON or a wrong shape with status 200', async () => {
    sim.injectFaults([{ method: TX, kind: { type: 'malformed' } }, { method: TX, kind: { type: 'malformed', body: '{"jsonrpc":"2.0","result":42}' } }]);
    const bad = await fetchTx();
    expect(bad.status).toBe(200);
    await expect(bad.json()).rejects.toThrow();
    const shape = await call(sim, TX, txParams, token);
    expect(shape.body.result).toBe('42');
  });

  it('expires every token before handling: 13009, then a fresh login works', async () => {
    sim.injectFaults([{ method: 'private/get_account_summary', after: 1, kind: { type: 'expire-token' } }]);
    expect((await call(sim, 'private/get_account_summary', { currency: 'BTC' }, token)).status).toBe(200);
    const expired = await call(sim, 'private/get_account_summary', { currency: 'BTC' }, token);
    expect([expired.status, expired.body.error?.code]).toEqual([401, '13009']);
    token = await login(sim);
    expect((await call(sim, 'private/get_account_summary', { currency: 'BTC' }, token)).status).toBe(200);
  });

  it('logs every request in arrival order with its params', async () => {
    sim.injectFaults([{ method: 'public/get_time', kind: { type: 'error', code: 11051 } }]);
    await call(sim, 'public/get_time');
    await call(sim, TX, txParams, token);
    const log = sim.requests();
    expect(log.map((r) => r.method)).toEqual(['public/get_time', TX]);
    expect(log[0]).toMatchObject({ errorCode: 11051, status: 503 });
    expect(log[1]?.params).toEqual({ currency: 'BTC', start_timestamp: String(START), end_timestamp: String(END), count: '10' });
    expect(log[1]!.startedAt).toBeGreaterThanOrEqual(log[0]!.startedAt);
  });
});
