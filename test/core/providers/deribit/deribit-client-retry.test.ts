import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeribitSim, FaultSpec } from '../../../sim/deribit/index';
import { calls, clientFor, firstPage, rejection, startSim } from './client-harness';

let sim: DeribitSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const TX = 'private/get_transaction_log';

type Kind = FaultSpec['kind'];
const RECOVERABLE: readonly [string, Kind, 'retrying' | 'offline'][] = [
  ...[10028, 10040, 10041, 10066, 11051, 11094, 13028, 13888].map(
    (code) => [`error ${code}`, { type: 'error', code }, 'retrying'] as [string, Kind, 'retrying'],
  ),
  ...([200, 400, 429] as const).map(
    (httpStatus) => [`10028 over HTTP ${httpStatus}`, { type: 'error', code: 10028, httpStatus }, 'retrying'] as [string, Kind, 'retrying'],
  ),
  ['HTTP 502 HTML', { type: 'http', status: 502 }, 'retrying'],
  ['HTTP 503 HTML', { type: 'http', status: 503 }, 'retrying'],
  ['HTTP 500 empty', { type: 'http', status: 500, body: '' }, 'retrying'],
  ['HTTP 429 without JSON', { type: 'http', status: 429, body: 'Too Many Requests' }, 'retrying'],
  ['dropped connection', { type: 'drop' }, 'offline'],
  ['hang past the timeout', { type: 'hang', ms: 1_500 }, 'offline'],
  ['truncated body', { type: 'truncate' }, 'offline'],
  ['malformed JSON', { type: 'malformed' }, 'retrying'],
  ['wrong envelope', { type: 'malformed', body: '{"jsonrpc":"2.0","usIn":1}' }, 'retrying'],
  ['row without balance', { type: 'malformed', body: '{"jsonrpc":"2.0","result":{"logs":[{"id":1}],"continuation":null}}' }, 'retrying'],
];

describe('transient failures are retried', () => {
  it.each(RECOVERABLE)('%s (twice) then success', async (_name, kind, state) => {
    sim = await startSim();
    const { client, statuses } = clientFor(sim, { requestTimeoutMs: 300 });
    await client.authenticate();
    sim.injectFaults([{ method: TX, times: 2, kind }]);
    const page = await client.getTransactionLog(firstPage(7));
    expect(page.rows.map((r) => r.raw)).toEqual(sim.truthTransactions(sim.mainUserId, 'BTC').slice(0, 7).map((t) => t.json));
    expect(calls(sim, TX)).toHaveLength(3);
    expect(statuses.map((s) => s.state)).toEqual([state, state, 'ok']);
    for (const s of statuses.slice(0, 2)) {
      expect(s.retryAt).toEqual(expect.any(Number));
      expect(s.message).toMatch(/Retrying in \d+\.\d s \(attempt \d of 4\)/);
    }
  });

  it('retries transient failures of the sign-in itself', async () => {
    sim = await startSim();
    const { client } = clientFor(sim);
    sim.injectFaults([{ method: 'public/auth', times: 2, kind: { type: 'error', code: 13028 } }]);
    expect((await client.authenticate()).insufficient).toBe(false);
  });

  it('waits with exponential backoff and full jitter from the injected random', async () => {
    sim = await startSim();
    const { client, statuses } = clientFor(sim, {
      random: () => 0.999,
      retry: { maxAttempts: 5, baseDelayMs: 20, maxDelayMs: 70 },
    });
    await client.authenticate();
    sim.injectFaults([{ method: 'private/get_access_log', times: 4, kind: { type: 'error', code: 10040 } }]);
    const started = Date.now();
    await client.getAccessLog({ offset: 0, count: 1 });
    const elapsed = Date.now() - started;
    // ceilings 20, 40, 70 (capped), 70 → delays ≈ 19, 39, 69, 69
    expect(elapsed).toBeGreaterThanOrEqual(19 + 39 + 69 + 69);
    const arrivals = calls(sim, 'private/get_access_log').map((r) => r.startedAt);
    const gaps = arrivals.slice(1).map((t, i) => t - (arrivals[i] as number));
    expect(gaps[0]).toBeGreaterThanOrEqual(18);
    expect(gaps[1]).toBeGreaterThanOrEqual(38);
    expect(gaps[2]).toBeGreaterThanOrEqual(68);
    expect(gaps[3]).toBeGreaterThanOrEqual(68);
    expect(statuses.filter((s) => s.state === 'retrying')).toHaveLength(4);
  });
});

describe('giving up', () => {
  it('stops after maxAttempts with retries_exhausted and a message saying what to do', async () => {
    sim = await startSim();
    const { client, statuses } = clientFor(sim);
    await client.authenticate();
    sim.injectFaults([{ method: TX, times: 10, kind: { type: 'error', code: 11051 } }]);
    const error = await rejection(client.getTransactionLog(firstPage()));
    expect(error).toMatchObject({ kind: 'retries_exhausted', code: 11051, retriable: false });
    expect(error.userMessage).toMatch(/after 4 attempts.*sync again/);
    expect(calls(sim, TX)).toHaveLength(4);
    expect(statuses.map((s) => s.state)).toEqual(['retrying', 'retrying', 'retrying']);
  });

  it('says "network" when every attempt failed to connect', async () => {
    const port = await freePort();
    const { client, statuses } = clientFor({ url: `http://127.0.0.1:${port}/api/v2` } as DeribitSim);
    const error = await rejection(client.getTime());
    expect(error).toMatchObject({ kind: 'network', retriable: false });
    expect(error.userMessage).toMatch(/could not be reached.*internet connection/);
    expect(statuses.map((s) => s.state)).toEqual(['offline', 'offline', 'offline']);
  });

  it('mixed failures exhaust as retries_exhausted, not network', async () => {
    sim = await startSim();
    const { client } = clientFor(sim);
    await client.authenticate();
    sim.injectFaults([
      { method: TX, times: 2, kind: { type: 'drop' } },
      { method: TX, times: 2, kind: { type: 'http', status: 502 } },
    ]);
    expect((await rejection(client.getTransactionLog(firstPage()))).kind).toBe('retries_exhausted');
  });
});

describe('permanent errors are not retried', () => {
  it.each([
    [13021, 'forbidden'],
    [-32602, 'invalid_params'],
    [-32601, 'method_not_found'],
    [10000, 'authorization_required'],
    [13004, 'invalid_credentials'],
    [12345, 'provider_error'],
  ] as const)('error %i → %s after one request', async (code, kind) => {
    sim = await startSim();
    const { client, statuses } = clientFor(sim);
    await client.authenticate();
    sim.injectFaults([{ method: TX, times: 5, kind: { type: 'error', code } }]);
    const error = await rejection(client.getTransactionLog(firstPage()));
    expect(error).toMatchObject({ kind, code, retriable: false });
    expect(error.userMessage.length).toBeGreaterThan(20);
    expect(calls(sim, TX)).toHaveLength(1);
    expect(statuses).toEqual([]);
  });

  it('an HTTP 404 page is not retried and points at the base URL', async () => {
    sim = await startSim();
    const { client } = clientFor(sim);
    sim.injectFaults([{ method: 'public/get_time', kind: { type: 'http', status: 404, body: 'Not Found' } }]);
    const error = await rejection(client.getTime());
    expect(error).toMatchObject({ kind: 'provider_error', retriable: false });
    expect(error.userMessage).toMatch(/base URL/);
    expect(calls(sim, 'public/get_time')).toHaveLength(1);
  });

  it('the real simulator answers invalid params for a too-large count', async () => {
    sim = await startSim();
    const { client } = clientFor(sim);
    expect((await rejection(client.getTransactionLog(firstPage(251)))).kind).toBe('invalid_params');
    expect(calls(sim, TX)).toHaveLength(1);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
