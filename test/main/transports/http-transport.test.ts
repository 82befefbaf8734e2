import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/core/providers/deribit/errors';
import type { ContractCalls } from '../../../src/shared/contract';
import { CONTENT_SECURITY_POLICY, DIGEST_WORKER_CONTENT_SECURITY_POLICY } from '../../../src/shared/content-security-policy';
import { startHttpTransport, type HttpTransport } from '../../../src/main/transports/http-transport';

const SECRET = 'TOP-SECRET-OUTSIDE-STATIC-DIR';
const INDEX_HTML = '<!doctype html><title>Deribit Reconciler</title>';

const handlers = {
  getAppInfo: async () => ({ mode: 'browser', version: '0.1.0', demoAvailable: true, secretStorage: 'file' }),
  addAccount: async (args: { label: string }) => ({ labelLength: args.label.length }),
  listAccounts: async () => {
    throw new ProviderError({ kind: 'network', code: null, detail: 'ECONNREFUSED', userMessage: 'Deribit cannot be reached.', retriable: true });
  },
  removeAccount: async () => {
    throw new Error('disk full');
  },
} as unknown as ContractCalls;

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

let dir: string;
let transport: HttpTransport;

function raw(options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: transport.port, method: options.method ?? 'GET', path: options.path, headers: { host: `127.0.0.1:${transport.port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function post(name: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return raw({
    method: 'POST',
    path: `/api/${name}`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${transport.token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'http-transport-'));
  const staticDir = join(dir, 'renderer');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), INDEX_HTML);
  await writeFile(join(staticDir, 'assets', 'index-abc123.js'), 'console.log(1)');
  await writeFile(join(staticDir, 'assets', 'digest-worker-BhG5_-9S.js'), 'self.onmessage = () => undefined');
  await writeFile(join(staticDir, 'assets', 'recon-worker-BTgnb3xW.js'), 'self.onmessage = () => undefined');
  await writeFile(join(staticDir, 'app.css'), 'body{}');
  await writeFile(join(dir, 'secret.txt'), SECRET);
  await symlink(join(dir, 'secret.txt'), join(staticDir, 'linked.txt'));
  transport = await startHttpTransport({ handlers, staticDir, host: '127.0.0.1', port: 0, keepAliveMs: 40 });
});

afterAll(async () => {
  await transport.close();
  await rm(dir, { recursive: true, force: true });
});

describe('startHttpTransport', () => {
  it('listens on 127.0.0.1 with a random 32-byte token', () => {
    expect(transport.url).toBe(`http://127.0.0.1:${transport.port}/`);
    expect(transport.token).toMatch(/^[0-9a-f]{64}$/);
    const launch = transport.newLaunchUrl();
    expect(launch).toMatch(new RegExp(`^${transport.url}#token=[0-9a-f]{64}$`));
    // The API token never appears in a link for the browser; each link is new.
    expect(launch).not.toContain(transport.token);
    expect(transport.newLaunchUrl()).not.toBe(launch);
  });

  describe('launch token → session cookie', () => {
    const launchToken = () => new URL(transport.newLaunchUrl()).hash.replace('#token=', '');
    const startSession = (token: string, headers: Record<string, string> = {}) =>
      raw({ method: 'POST', path: '/api/session', headers: { authorization: `Bearer ${token}`, ...headers } });
    const cookieOf = (res: RawResponse) => String(res.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';

    it('trades a launch token, once, for an HttpOnly SameSite=Strict cookie on /api of this host', async () => {
      const token = launchToken();
      const first = await startSession(token);
      expect(first.status).toBe(204);
      const setCookie = first.headers['set-cookie']?.[0] ?? '';
      expect(setCookie).toMatch(new RegExp(`^${transport.cookieName}=[0-9a-f]{64}; Path=/api; HttpOnly; SameSite=Strict$`));
      expect(setCookie).not.toMatch(/Domain|Max-Age|Expires/i);
      expect(cookieOf(first)).not.toContain(token);

      const again = await startSession(token);
      expect(again.status).toBe(401);
      expect(JSON.parse(again.body)).toMatchObject({ error: { kind: 'authorization_required', userMessage: expect.stringMatching(/works once/) } });
    });

    it('the cookie opens calls and events; a launch token or a forged cookie opens nothing', async () => {
      const cookie = cookieOf(await startSession(launchToken()));
      const withCookie = await post('getAppInfo', {}, { authorization: '', cookie });
      expect(withCookie.status).toBe(200);
      const forged = `${transport.cookieName}=${'0'.repeat(64)}`;
      expect((await post('getAppInfo', {}, { authorization: '', cookie: forged })).status).toBe(401);
      expect((await post('getAppInfo', {}, { authorization: `Bearer ${launchToken()}` })).status).toBe(401);
      // Signed in already: a spent link in another tab still answers 204 (nothing new is issued).
      const spent = launchToken();
      await startSession(spent);
      const signedIn = await startSession(spent, { cookie });
      expect(signedIn.status).toBe(204);
      expect(signedIn.headers['set-cookie']).toBeUndefined();
      await new Promise<void>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: transport.port, path: '/api/events', headers: { host: `127.0.0.1:${transport.port}`, cookie } }, (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
          res.destroy();
          resolve();
        });
        req.on('error', reject);
        req.end();
      });
    });

    it('refuses a session request from another site, or by GET', async () => {
      expect((await startSession(launchToken(), { origin: 'https://evil.example' })).status).toBe(403);
      expect((await raw({ path: '/api/session', headers: { authorization: `Bearer ${launchToken()}` } })).status).toBe(405);
    });
  });

  it('refuses calls without the token or with a wrong one (401)', async () => {
    const none = await raw({ method: 'POST', path: '/api/getAppInfo', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { kind: 'authorization_required' } });
    const sameLength = `${transport.token.slice(0, -1)}${transport.token.endsWith('0') ? '1' : '0'}`;
    for (const token of [sameLength, 'short', '']) {
      expect((await post('getAppInfo', {}, { authorization: `Bearer ${token}` })).status).toBe(401);
    }
    const inQuery = await raw({ method: 'POST', path: `/api/getAppInfo?token=${transport.token}`, headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(inQuery.status).toBe(401);
  });

  it('round-trips a call as a CallEnvelope', async () => {
    const res = await post('getAppInfo', {});
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { mode: 'browser', version: '0.1.0', demoAvailable: true, secretStorage: 'file' } });
    expect(JSON.parse((await post('addAccount', { label: 'Main' })).body)).toEqual({ ok: true, value: { labelLength: 4 } });
  });

  it('answers handler errors as error envelopes (generic for non-provider errors)', async () => {
    expect(JSON.parse((await post('listAccounts', {})).body)).toEqual({
      ok: false,
      error: { kind: 'network', code: null, detail: 'ECONNREFUSED', userMessage: 'Deribit cannot be reached.', retriable: true },
    });
    const generic = JSON.parse((await post('removeAccount', { accountKey: 'a' })).body);
    expect(generic).toMatchObject({ ok: false, error: { kind: 'provider_error', detail: 'Error: disk full' } });
    expect(JSON.stringify(generic)).not.toContain('.ts:');
  });

  it('validates the request: name, method, content type, JSON, argument shape', async () => {
    expect((await post('deleteEverything', {})).status).toBe(404);
    expect((await raw({ path: '/api/getAppInfo', headers: { authorization: `Bearer ${transport.token}` } })).status).toBe(405);
    expect((await post('getAppInfo', '{}', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post('getAppInfo', '{not json')).status).toBe(400);
    const array = await post('getAppInfo', [1, 2]);
    expect(array.status).toBe(200);
    expect(JSON.parse(array.body)).toMatchObject({ ok: false, error: { kind: 'invalid_params' } });
  });

  it('limits the body to 1 MiB', async () => {
    const label = 'x'.repeat(1024 * 1024 - 100);
    const under = await post('addAccount', { label });
    expect(JSON.parse(under.body)).toEqual({ ok: true, value: { labelLength: label.length } });
    const over = await post('addAccount', { label: `${label}${'y'.repeat(200)}` });
    expect(over.status).toBe(413);
    // Far past the limit the server answers at once, without reading the body.
    const declaredHuge = await post('addAccount', '{}', { 'content-length': String(64 * 1024 * 1024) });
    expect(declaredHuge.status).toBe(413);
  });

  it('rejects foreign Host headers (DNS rebinding) and cross-origin requests', async () => {
    for (const host of ['evil.example', `evil.example:${transport.port}`, `127.0.0.1:${transport.port + 1}`]) {
      const res = await post('getAppInfo', {}, { host });
      expect(res.status).toBe(403);
      expect((await raw({ path: '/', headers: { host } })).status).toBe(403);
    }
    expect((await post('getAppInfo', {}, { host: `localhost:${transport.port}` })).status).toBe(200);
    expect((await post('getAppInfo', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post('getAppInfo', {}, { origin: 'null' })).status).toBe(403);
    expect((await post('getAppInfo', {}, { origin: `http://127.0.0.1:${transport.port}` })).status).toBe(200);
  });

  it('streams emitted events over SSE, with keep-alive comments', async () => {
    expect((await raw({ path: '/api/events' })).status).toBe(401);
    expect((await raw({ path: '/api/events?token=wrong' })).status).toBe(401);

    const payload = { accountKey: 'acc_1', state: 'retrying', message: 'Deribit asked to slow down', retryAt: 1_700_000_000_000 };
    const text = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: transport.port, path: `/api/events?token=${transport.token}`, headers: { host: `localhost:${transport.port}` } }, (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        let received = '';
        let emitted = false;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          received += chunk;
          if (!emitted) {
            emitted = true;
            transport.emit('providerStatus', payload as never);
          }
          if (received.includes('event: providerStatus') && received.includes(': keep-alive')) {
            req.destroy();
            resolve(received);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    const frame = /event: providerStatus\ndata: (.*)\n\n/.exec(text);
    expect(JSON.parse(frame?.[1] ?? 'null')).toEqual(payload);
  });

  it('serves the renderer with content types, the CSP and no caching of index.html', async () => {
    const index = await raw({ path: '/' });
    expect(index.status).toBe(200);
    expect(index.body).toBe(INDEX_HTML);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers['cache-control']).toBe('no-store');
    expect(index.headers['x-content-type-options']).toBe('nosniff');

    const js = await raw({ path: '/assets/index-abc123.js' });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    expect(js.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect((await raw({ path: '/app.css' })).headers['content-type']).toBe('text/css; charset=utf-8');
    // The export digest worker alone may compile WebAssembly; every other worker keeps the app's policy.
    expect((await raw({ path: '/assets/digest-worker-BhG5_-9S.js' })).headers['content-security-policy']).toBe(DIGEST_WORKER_CONTENT_SECURITY_POLICY);
    expect((await raw({ path: '/assets/recon-worker-BTgnb3xW.js' })).headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);

    const route = await raw({ path: '/accounts/settings' });
    expect(route.status).toBe(200);
    expect(route.body).toBe(INDEX_HTML);
    expect((await raw({ path: '/assets/missing.js' })).status).toBe(404);

    const head = await raw({ method: 'HEAD', path: '/' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await raw({ method: 'POST', path: '/' })).status).toBe(405);
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%2e%2e%5csecret.txt',
    '/..%5c..%5csecret.txt',
    '/secret.txt%00.html',
    '/linked.txt',
  ])('never serves a file outside the static folder: %s', async (path) => {
    const res = await raw({ path });
    expect(res.body).not.toContain(SECRET);
    expect(res.status === 200 ? res.body : INDEX_HTML).toBe(INDEX_HTML);
  });
});

describe('close', () => {
  it('ends open event streams and stops listening', async () => {
    const other = await startHttpTransport({ handlers, staticDir: join(dir, 'renderer'), host: '127.0.0.1', port: 0, token: 'fixed-token' });
    expect(other.token).toBe('fixed-token');
    const ended = new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: other.port, path: '/api/events?token=fixed-token', headers: { host: `127.0.0.1:${other.port}` } }, (res) => {
        res.once('data', () => void other.close());
        res.on('end', resolve);
        res.resume();
      });
      req.on('error', reject);
      req.end();
    });
    await ended;
    await expect(fetch(other.url)).rejects.toThrow();
  });
});
