/**
 * The login connectors' requests against a server that echoes each request (headers, query, body, and
 * the bare values) into its error answers: the API token, X-Auth-Key, Pulse key and token, and NLPearl's
 * secret key appear in no error text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../../src/core/providers/deribit/errors';
import { getAccessRequests, type AccessRequestsQuery } from '../../../../src/core/providers/cloudflare/access-requests-http';
import type { CloudflareCredentials } from '../../../../src/core/providers/cloudflare/cloudflare-errors';
import { PulseTokenRejected, getAccountLogins, postLogin } from '../../../../src/core/providers/ingedata/pulse-http';
import { postAuditLog } from '../../../../src/core/providers/nlpearl/audit-log-http';
import { echoBareValues, echoByName, readRequest, startLocalServer, visibleTexts, type LocalServer, type ReceivedRequest } from './local-http-server';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Answers `status` with the body `shape` builds from the echo (by name, then the bare values). */
async function echoServer(status: number, shape: (echo: string) => unknown): Promise<LocalServer> {
  return startLocalServer((req, res) => {
    void readRequest(req).then((r: ReceivedRequest) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(shape(`${echoByName(r)} values: ${echoBareValues(r)}`)));
    });
  });
}

const base = (url: string) => ({ baseUrl: url, fetch: (input: string, init: RequestInit) => fetch(input, init), timeoutMs: 2_000, now: () => Date.now() });

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const e = await promise.then(
    () => new Error('expected a failure'),
    (error: unknown) => error,
  );
  if (!(e instanceof ProviderError)) throw e;
  return e;
}

function expectNone(error: ProviderError, secrets: readonly string[]): void {
  const seen = `${visibleTexts(error)}\n${JSON.stringify(error.toInfo())}`;
  for (const secret of secrets) expect(seen).not.toContain(secret);
}

describe('Cloudflare', () => {
  const query: AccessRequestsQuery = { since: '2026-01-01T00:00:00Z', until: '2026-01-02T00:00:00Z', direction: 'desc', perPage: 25, page: 1, limit: 25 };
  const TOKEN = 'cf-API-token-0f1e2d3c4b5a69788796';
  const KEY = 'c2b9f0e1d2a3b4c5d6e7f8091a2b3c4d5e6f7';
  const cases: [string, CloudflareCredentials, string][] = [
    ['API token', { kind: 'api-token', token: TOKEN }, TOKEN],
    ['email + Global API Key', { kind: 'global-key', email: 'me@example.com', key: KEY }, KEY],
  ];

  it.each(cases)('%s: a 403, a 400 and a 429 echoing the request', async (_what, credentials, secret) => {
    for (const status of [403, 400, 429]) {
      server = await echoServer(status, (echo) => ({ success: false, errors: [{ code: 1000, message: echo }], result: null }));
      const error = await failure(getAccessRequests({ ...base(server.url), accountId: 'acc-1', credentials }, query, new AbortController().signal));
      expect(error.detail).toContain('[redacted]');
      expectNone(error, [secret]);
      await server.close();
      server = undefined;
    }
  });
});

describe('Ingedata Pulse', () => {
  const TOKEN = 'pulse-session-9a8b7c6d5e4f3a2b1c0d';

  it.each([
    ['a Pulse key', 'PULSE_k3y-0a1b2c3d4e5f6a7b8c9d'],
    ['a mistyped key without the PULSE_ prefix', 'legacy-KEY-0a1b2c3d4e5f'],
  ])('a refused login echoing %s', async (_what, key) => {
    server = await echoServer(401, (echo) => ({ message: `no such key: ${echo}` }));
    const error = await failure(postLogin(base(server.url), key, new AbortController().signal));
    expect(error.kind).toBe('invalid_credentials');
    expectNone(error, [key]);
  });

  it('a 403 and a 500 on account_logins echoing the token', async () => {
    for (const status of [403, 500]) {
      server = await echoServer(status, (echo) => ({ errors: [{ detail: echo }] }));
      const query = { pageNumber: 1, pageSize: 10, sort: '-date', dateRange: null, includeAccount: false };
      const error = await failure(getAccountLogins(base(server.url), TOKEN, query, new AbortController().signal));
      expect(error.detail).toContain('[redacted]');
      expectNone(error, [TOKEN]);
      await server.close();
      server = undefined;
    }
  });

  it('a 401 on account_logins: the quote the session passes on is redacted too', async () => {
    server = await echoServer(401, (echo) => ({ message: echo }));
    const query = { pageNumber: 1, pageSize: 10, sort: '-date', dateRange: null, includeAccount: false };
    const thrown = await getAccountLogins(base(server.url), TOKEN, query, new AbortController().signal).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(PulseTokenRejected);
    const rejected = thrown as PulseTokenRejected;
    expect(rejected.serverMessage).toContain('[redacted]');
    expect(`${rejected.serverMessage ?? ''} ${rejected.message}`).not.toContain(TOKEN);
  });
});

describe('NLPearl', () => {
  const ACCOUNT = 'acct-42';
  const SECRET = 'nlp-secret-KEY-5e6f7a8b9c0d1e2f';

  it.each([
    [401, (echo: string) => ({ title: 'Unauthorized', detail: echo })],
    [400, (echo: string) => ({ title: 'One or more validation errors occurred.', status: 400, errors: { From: [echo] } })],
    [500, (echo: string) => ({ title: echo })],
  ])('HTTP %s echoing the Authorization header and body', async (status, shape) => {
    server = await echoServer(status, shape);
    const endpoint = { ...base(server.url), accountId: ACCOUNT, secretKey: SECRET };
    const error = await failure(postAuditLog(endpoint, { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' }, new AbortController().signal));
    expect(error.detail).toContain('[redacted]');
    expectNone(error, [SECRET]);
  });
});
