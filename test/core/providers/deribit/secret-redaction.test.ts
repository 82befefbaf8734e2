/**
 * A hostile (or broken) Deribit-like server that echoes each request — URL with its query, headers — into
 * its error answers: no error the client throws or reports may carry the client secret or a token.
 */
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { DeribitClient, type ProviderStatus } from '../../../../src/core/providers/deribit/deribit-client';
import { ProviderError, redactingSecrets } from '../../../../src/core/providers/deribit/errors';
import { callDeribit } from '../../../../src/core/providers/deribit/json-rpc-http';
import { echoBareValues, echoByName, readRequest, startLocalServer, visibleTexts, type LocalServer, type ReceivedRequest } from '../http/local-http-server';
import { rejection } from './client-harness';

const CLIENT_ID = 'echo-client';
const CLIENT_SECRET = 'sEcReT-7f3a9c2e41d0b8';
const ACCESS_TOKEN = '1700000000000.acc-TOKEN-5b8e1f0c93a7';
const REFRESH_TOKEN = '1700000000000.ref-TOKEN-2d6c4a9e8f10';
const SECRETS = [CLIENT_SECRET, ACCESS_TOKEN, REFRESH_TOKEN];

type Misbehaviour = 'auth-error' | 'rpc-error' | 'http-502-html' | 'not-json';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Signs in (unless told to refuse that too), then answers every private call the way `mode` says, echoing the request. */
async function startEchoServer(mode: Misbehaviour): Promise<LocalServer> {
  return startLocalServer((req, res) => {
    void readRequest(req).then((r: ReceivedRequest) => {
      const echo = echoByName(r);
      const path = new URL(r.url, 'http://x').pathname;
      if (path.endsWith('/public/auth') && mode !== 'auth-error') {
        return json(res, 200, {
          jsonrpc: '2.0',
          result: { access_token: ACCESS_TOKEN, refresh_token: REFRESH_TOKEN, expires_in: 900, scope: 'session:recon account:read wallet:read', token_type: 'bearer' },
        });
      }
      if (mode === 'auth-error' || mode === 'rpc-error') {
        return json(res, 400, {
          jsonrpc: '2.0',
          error: { code: mode === 'auth-error' ? 13004 : 11000, message: `bad request: ${echo}`, data: { request: echo, refresh_token: REFRESH_TOKEN } },
        });
      }
      if (mode === 'http-502-html') {
        res.writeHead(502, { 'Content-Type': 'text/html' });
        return res.end(`<html><body>Bad gateway for ${echo}</body></html>`);
      }
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(`debug: ${echo}`);
    });
  });
}

function client(url: string, statuses: ProviderStatus[]): DeribitClient {
  return new DeribitClient({
    baseUrl: url,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    authMethod: 'client_credentials',
    limits: { txLogIntervalMs: 1, credit: { capacity: 50_000, refillPerSec: 10_000, cost: 500 } },
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
    requestTimeoutMs: 2_000,
    onStatus: (s) => statuses.push(s),
  });
}

function expectNoSecret(error: ProviderError, statuses: readonly ProviderStatus[] = []): void {
  const seen = [visibleTexts(error), JSON.stringify(error.toInfo()), ...statuses.map((s) => s.message)].join('\n');
  for (const secret of SECRETS) expect(seen).not.toContain(secret);
  // Not even a recognisable piece of one.
  expect(seen).not.toMatch(/sEcReT-7f|acc-TOKEN|ref-TOKEN/);
}

describe('DeribitClient errors carry no secret when the server echoes the request', () => {
  it('a refused client_credentials sign-in echoing its query string (client_secret=…) and headers', async () => {
    server = await startEchoServer('auth-error');
    const statuses: ProviderStatus[] = [];
    const error = await rejection(client(server.url, statuses).authenticate());
    expect(error).toMatchObject({ kind: 'invalid_credentials', code: 13004 });
    expect(error.detail).toContain('client_secret=[redacted]');
    expectNoSecret(error, statuses);
  });

  it('a JSON-RPC error whose message and data echo the Bearer header and the refresh token', async () => {
    server = await startEchoServer('rpc-error');
    const statuses: ProviderStatus[] = [];
    const error = await rejection(client(server.url, statuses).getSubaccounts());
    expect(error).toMatchObject({ kind: 'provider_error', code: 11000 });
    expect(error.detail).toContain('"authorization":"[redacted]"');
    expectNoSecret(error, statuses);
  });

  it('a proxy-like HTML 502 echoing the request, retried and given up: the retry statuses too', async () => {
    server = await startEchoServer('http-502-html');
    const statuses: ProviderStatus[] = [];
    const error = await rejection(client(server.url, statuses).getSubaccounts());
    expect(error.detail).toMatch(/^gave up after 2 attempts; last: private\/get_subaccounts: HTTP 502/);
    expect(statuses.length).toBeGreaterThan(0);
    expectNoSecret(error, statuses);
  });

  it('a 200 that is not JSON, echoing the request', async () => {
    server = await startEchoServer('not-json');
    const statuses: ProviderStatus[] = [];
    const error = await rejection(client(server.url, statuses).getSubaccounts());
    expect(error.kind).toBe('retries_exhausted');
    expectNoSecret(error, statuses);
  });
});

describe('exact secrets echoed without their names (the client passes what it holds)', () => {
  it('are removed by redactingSecrets around the request', async () => {
    server = await startLocalServer((req, res) => {
      void readRequest(req).then((r) => json(res, 400, { jsonrpc: '2.0', error: { code: 11000, message: `values: ${echoBareValues(r)} ${REFRESH_TOKEN}` } }));
    });
    const request = {
      baseUrl: server.url,
      method: 'private/get_subaccounts',
      params: { note: CLIENT_SECRET },
      bearer: ACCESS_TOKEN,
      signal: new AbortController().signal,
      timeoutMs: 2_000,
      fetch: (input: string, init: RequestInit) => fetch(input, init),
    };
    // Control: the server really echoes bare values, which no name-based pattern can recognise.
    const unredacted = await rejection(callDeribit(request));
    expect(unredacted.detail).toContain(ACCESS_TOKEN);

    const error = await rejection(redactingSecrets(SECRETS, () => callDeribit(request)));
    expect(error.detail).toMatch(/values: \[redacted\] 127\.0\.0\.1:\d+ keep-alive application\/json \[redacted\]/);
    expectNoSecret(error);
  });

  it('are removed by the client itself: it knows its secret and the tokens it holds', async () => {
    server = await startLocalServer((req, res) => {
      void readRequest(req).then((r) => {
        if (new URL(r.url, 'http://x').pathname.endsWith('/public/auth')) {
          return json(res, 200, { jsonrpc: '2.0', result: { access_token: ACCESS_TOKEN, refresh_token: REFRESH_TOKEN, expires_in: 900, scope: 'session:recon account:read wallet:read', token_type: 'bearer' } });
        }
        // Bare values, no names: only exact-value redaction can catch them.
        return json(res, 400, { jsonrpc: '2.0', error: { code: 11000, message: `values: ${echoBareValues(r)} ${REFRESH_TOKEN} ${CLIENT_SECRET}` } });
      });
    });
    const statuses: ProviderStatus[] = [];
    const error = await rejection(client(server.url, statuses).getSubaccounts());
    expect(error.code).toBe(11000);
    expectNoSecret(error, statuses);
  });
});
