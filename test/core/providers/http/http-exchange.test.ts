import { afterEach, describe, expect, it } from 'vitest';
import { DeribitClient } from '../../../../src/core/providers/deribit/deribit-client';
import { ProviderError } from '../../../../src/core/providers/deribit/errors';
import { callDeribit } from '../../../../src/core/providers/deribit/json-rpc-http';
import { DEFAULT_MAX_ANSWER_BYTES } from '../../../../src/core/providers/http/answer-body';
import { exchangeText, type ExchangeFailures, type FetchFn } from '../../../../src/core/providers/http/http-exchange';
import { countingFetch, startLocalServer, streamBody, until, type LocalServer, type PulledBytes, type StreamStats } from './local-http-server';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const MB = 1024 * 1024;

const failures: ExchangeFailures = {
  service: 'Testprovider',
  cancelled: () => new ProviderError({ kind: 'cancelled', code: null, detail: 'cancelled', userMessage: 'cancelled', retriable: false }),
  network: (reason) => new ProviderError({ kind: 'network', code: null, detail: reason, userMessage: 'unreachable', retriable: true }),
};

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ProviderError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

function exchange(fetchFn: FetchFn, url: string, maxAnswerBytes?: number) {
  return exchangeText({ fetch: fetchFn, timeoutMs: 10_000, maxAnswerBytes }, { url, init: {}, signal: new AbortController().signal }, failures);
}

function deribitCall(url: string, fetchFn: FetchFn = (input, init) => fetch(input, init)) {
  return callDeribit({ baseUrl: url, method: 'public/get_time', params: {}, bearer: null, signal: new AbortController().signal, timeoutMs: 10_000, fetch: fetchFn });
}

describe('exchangeText: answer size cap', () => {
  it('stops reading a streamed (chunked, no Content-Length) answer as soon as it passes the cap', async () => {
    let stats: StreamStats | undefined;
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      stats = streamBody(res, 64 * MB, 64 * 1024);
    });
    const pulled: PulledBytes = { bytes: 0, largestChunk: 0 };
    const error = await rejection(exchange(countingFetch(pulled), `${server.url}/big?secret=x`, 1 * MB));

    expect(error.kind).toBe('malformed_response');
    expect(error.retriable).toBe(false);
    expect(error.userMessage).toBe(
      'Testprovider sent an answer larger than 1 MB, which the app refuses: nothing from it was stored. Check the address (a wrong base URL or a proxy can send a huge page); if it is right and this persists, please report it.',
    );
    expect(error.detail).toMatch(/^127\.0\.0\.1:\d+\/big: answer refused: more than 1048576 bytes/);
    expect(error.detail).not.toContain('secret');
    // The read stopped at the first chunk past the cap...
    expect(pulled.bytes).toBeGreaterThan(1 * MB);
    expect(pulled.bytes).toBeLessThanOrEqual(1 * MB + pulled.largestChunk);
    // ...and the connection was given up: the server could not push the rest.
    await until(() => stats?.closedEarly === true);
    expect(stats?.finished).toBe(false);
    expect(stats?.written).toBeLessThan(32 * MB);
  });

  it('refuses a declared Content-Length over the cap before reading any of the body', async () => {
    let stats: StreamStats | undefined;
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(40 * MB) });
      stats = streamBody(res, 40 * MB, 64 * 1024);
    });
    const pulled: PulledBytes = { bytes: 0, largestChunk: 0 };
    const error = await rejection(exchange(countingFetch(pulled), `${server.url}/declared`, 4 * MB));
    expect(error.kind).toBe('malformed_response');
    expect(error.retriable).toBe(false);
    expect(error.userMessage).toContain('Testprovider sent an answer larger than 4 MB, which the app refuses: nothing from it was stored.');
    expect(error.detail).toContain(`Content-Length ${40 * MB} exceeds the ${4 * MB}-byte cap`);
    expect(pulled.bytes).toBe(0);
    await until(() => stats?.closedEarly === true);
  });

  it('reads an answer at the cap exactly, multi-byte characters split across chunks intact', async () => {
    // "é" is 2 bytes: 3 writes of 3 bytes cut every other character in two.
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      const bytes = Buffer.from('"ééé"', 'utf8');
      res.write(bytes.subarray(0, 3));
      setTimeout(() => {
        res.write(bytes.subarray(3, 6));
        setTimeout(() => res.end(bytes.subarray(6)), 5);
      }, 5);
    });
    const answer = await exchange((input, init) => fetch(input, init), server.url, Buffer.byteLength('"ééé"'));
    expect(answer.text).toBe('"ééé"');
    expect(answer.status).toBe(200);
  });

  it('Deribit: the default cap is 16 MB, streamed or declared, and the refusal is not retried', async () => {
    expect(DEFAULT_MAX_ANSWER_BYTES).toBe(16 * MB);
    let stats: StreamStats | undefined;
    server = await startLocalServer((req, res) => {
      const declared = req.url?.includes('declared') === true;
      res.writeHead(200, { 'Content-Type': 'application/json', ...(declared ? { 'Content-Length': String(17 * MB) } : {}) });
      stats = streamBody(res, 48 * MB, 64 * 1024);
    });
    const pulled: PulledBytes = { bytes: 0, largestChunk: 0 };
    const streamed = await rejection(deribitCall(`${server.url}/streamed`, countingFetch(pulled)));
    expect(streamed).toMatchObject({ kind: 'malformed_response', retriable: false });
    expect(streamed.userMessage).toMatch(/^Deribit sent an answer larger than 16 MB, which the app refuses: nothing from it was stored\./);
    expect(pulled.bytes).toBeLessThanOrEqual(16 * MB + pulled.largestChunk);
    await until(() => stats?.closedEarly === true);

    const declared = await rejection(deribitCall(`${server.url}/declared`));
    expect(declared).toMatchObject({ kind: 'malformed_response', retriable: false });
    expect(declared.userMessage).toMatch(/^Deribit sent an answer larger than 16 MB/);
    expect(declared.detail).toContain(`Content-Length ${17 * MB}`);
  });

  it('DeribitClient gives up on an oversized answer at once: one request, no retry', async () => {
    let requests = 0;
    server = await startLocalServer((_req, res) => {
      requests += 1;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      streamBody(res, 20 * MB, 64 * 1024);
    });
    const client = new DeribitClient({ baseUrl: server.url, clientId: 'id', clientSecret: 'secret', retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2 } });
    const error = await rejection(client.getTime());
    expect(error).toMatchObject({ kind: 'malformed_response', retriable: false });
    expect(error.userMessage).toMatch(/^Deribit sent an answer larger than 16 MB/);
    expect(requests).toBe(1);
  });
});

describe('exchangeText: text that is not UTF-8', () => {
  it('refuses 0xFF bytes inside a JSON string instead of reading them as U+FFFD', async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(Buffer.concat([Buffer.from('{"jsonrpc":"2.0","result":"ab'), Buffer.from([0xff, 0xfe]), Buffer.from('cd","testnet":false}')]));
    });
    const error = await rejection(deribitCall(`${server.url}/api/v2`));
    expect(error.kind).toBe('malformed_response');
    expect(error.retriable).toBe(false);
    expect(error.userMessage).toBe(
      'Deribit sent text that is not valid UTF-8, which the app refuses: nothing from it was stored. Check the address (a wrong base URL or a proxy can send such a page); if it is right and this persists, please report it.',
    );
    expect(error.detail).toMatch(/\/api\/v2\/public\/get_time: answer refused: invalid UTF-8/);
  });

  it('refuses a body that ends inside a multi-byte sequence', async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(Buffer.concat([Buffer.from('{"result":"caf'), Buffer.from([0xc3])]));
    });
    const error = await rejection(exchange((input, init) => fetch(input, init), server.url));
    expect(error).toMatchObject({ kind: 'malformed_response', retriable: false });
    expect(error.userMessage).toMatch(/^Testprovider sent text that is not valid UTF-8/);
    expect(error.detail).toContain('ends inside a UTF-8 sequence');
  });

  it('reads valid UTF-8 (a BOM is dropped, as response.text() does)', async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"jsonrpc":"2.0","result":"Zürich ₿ 🙂"}', 'utf8')]));
    });
    await expect(deribitCall(server.url)).resolves.toBe('Zürich ₿ 🙂');
  });
});
