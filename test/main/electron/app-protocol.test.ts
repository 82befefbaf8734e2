import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  APP_ENTRY_URL,
  createAppProtocolHandler,
  registerAppSchemePrivileged,
  serveAppProtocol,
} from '../../../src/main/electron/app-protocol';
import { CONTENT_SECURITY_POLICY, DIGEST_WORKER_CONTENT_SECURITY_POLICY } from '../../../src/shared/content-security-policy';

const SECRET = 'outside-the-renderer-folder-do-not-serve';
let base: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'app-protocol-'));
  const renderer = join(base, 'out', 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Deribit Reconciler</title>');
  await writeFile(join(renderer, 'assets', 'index-abc123.js'), 'console.log(1)');
  await writeFile(join(renderer, 'assets', 'ledger.worker-def456.js'), 'self.onmessage = () => undefined');
  await writeFile(join(renderer, 'assets', 'digest-worker-BhG5OTyS.js'), 'self.onmessage = () => undefined');
  await writeFile(join(renderer, 'assets', 'index-abc123.css'), 'body{}');
  await writeFile(join(base, 'out', 'secret.txt'), SECRET);
  await writeFile(join(base, 'secret.txt'), SECRET);
  await symlink(join(base, 'secret.txt'), join(renderer, 'assets', 'link.txt'));
  await symlink(base, join(renderer, 'assets', 'up'));
  handler = createAppProtocolHandler(renderer);
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('app:// scheme registration', () => {
  it('registers app as a standard, secure scheme with fetch support, nothing that bypasses the CSP', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppSchemePrivileged(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
  });

  it('serves it with protocol.handle', async () => {
    const protocol = { handle: vi.fn() };
    serveAppProtocol(protocol, join(base, 'out', 'renderer'));
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const served = protocol.handle.mock.calls[0]?.[1] as (r: Request) => Promise<Response>;
    expect((await served(new Request(APP_ENTRY_URL))).status).toBe(200);
  });
});

describe('app:// handler', () => {
  it.each([
    [APP_ENTRY_URL, 'text/html; charset=utf-8', 'no-store'],
    ['app://renderer/assets/index-abc123.js', 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['app://renderer/assets/ledger.worker-def456.js', 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['app://renderer/assets/index-abc123.css', 'text/css; charset=utf-8', 'public, max-age=31536000, immutable'],
  ])('serves %s as %s with the CSP header', async (url, type, cache) => {
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('cache-control')).toBe(cache);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('lets the export digest worker alone compile WebAssembly', async () => {
    const response = await get('app://renderer/assets/digest-worker-BhG5OTyS.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(DIGEST_WORKER_CONTENT_SECURITY_POLICY);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self' 'wasm-unsafe-eval';");
  });

  it('serves the page for an extension-less path, and nothing for HEAD bodies', async () => {
    expect(await (await get('app://renderer/accounts')).text()).toContain('<title>Deribit Reconciler</title>');
    const head = await get(APP_ENTRY_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it.each([
    ['plain ..', 'app://renderer/../secret.txt'],
    ['.. past the root', 'app://renderer/../../secret.txt'],
    ['percent-encoded dots', 'app://renderer/%2e%2e/%2e%2e/secret.txt'],
    ['an encoded slash', 'app://renderer/..%2f..%2fsecret.txt'],
    ['an encoded slash inside assets', 'app://renderer/assets/..%2f..%2f..%2fsecret.txt'],
    ['double encoding', 'app://renderer/%252e%252e/secret.txt'],
    ['backslashes', 'app://renderer/..%5c..%5csecret.txt'],
    ['a NUL byte', 'app://renderer/index.html%00.js'],
    ['a symlinked file pointing outside', 'app://renderer/assets/link.txt'],
    ['a symlinked folder pointing outside', 'app://renderer/assets/up/secret.txt'],
    ['another host of the scheme', 'app://evil/secret.txt'],
    ['a missing asset', 'app://renderer/assets/missing.js'],
  ])('refuses %s without serving anything outside the folder', async (_label, url) => {
    const response = await get(url);
    expect([400, 404]).toContain(response.status);
    expect(await response.text()).not.toContain(SECRET);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers only GET and HEAD', async () => {
    const response = await get(APP_ENTRY_URL, 'POST');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });
});
