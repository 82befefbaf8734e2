import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHttpTransport, type HttpTransport } from '../../../src/main/transports/http-transport';
import { TOKEN_STORAGE_KEY, takeLaunchToken } from '../../../src/renderer/api/http-session-token';
import { ApiCallError, pickRendererApi, type RendererEnvironment } from '../../../src/renderer/api/renderer-api';
import { encodeBridgedError } from '../../../src/shared/bridged-call-error';
import type { ContractCalls, RendererApi } from '../../../src/shared/contract';
import { NodeEventSource } from './node-event-source';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

/** fetch with a cookie jar, as a browser tab has (Node's fetch keeps no cookies). */
function browserFetch(jar = new Map<string, string>()): typeof fetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await globalThis.fetch(input, { ...init, headers });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return response;
  };
}

function page(hash: string, storage = new MemoryStorage(), origin = 'http://127.0.0.1:5180', fetch: typeof globalThis.fetch = globalThis.fetch) {
  const replaceState = vi.fn();
  const env: RendererEnvironment = {
    location: { origin, hash, pathname: '/', search: '?lang=en' },
    history: { replaceState },
    sessionStorage: storage,
    fetch,
    EventSource: NodeEventSource,
  };
  return { env, replaceState, storage };
}

describe('takeLaunchToken', () => {
  it('takes the token from the fragment and clears it from the address bar, storing it nowhere', () => {
    const { env, replaceState, storage } = page('#token=abc123');
    expect(takeLaunchToken(env)).toBe('abc123');
    expect(storage.items.size).toBe(0);
    expect(replaceState).toHaveBeenCalledWith(null, '', '/?lang=en');
  });

  it('keeps the rest of the fragment', () => {
    const { env, replaceState } = page('#tab=sync&token=abc123');
    expect(takeLaunchToken(env)).toBe('abc123');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/?lang=en#tab=sync');
  });

  it('gives null on a reload, and removes a token an earlier version left in sessionStorage', () => {
    const storage = new MemoryStorage();
    storage.setItem(TOKEN_STORAGE_KEY, 'left-by-an-earlier-version');
    const reload = page('', storage);
    expect(takeLaunchToken(reload.env)).toBeNull();
    expect(reload.replaceState).not.toHaveBeenCalled();
    expect(storage.items.size).toBe(0);
  });

  it('survives storage that throws', () => {
    const broken = {
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(takeLaunchToken(page('#token=t', broken as never).env)).toBe('t');
    expect(takeLaunchToken(page('', broken as never).env)).toBeNull();
  });
});

describe('pickRendererApi', () => {
  let dir: string;
  let transport: HttpTransport;
  const handlers = { getAppInfo: async () => ({ mode: 'browser' }) } as unknown as ContractCalls;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'renderer-api-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html>');
    transport = await startHttpTransport({ handlers, staticDir: dir, host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await transport.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('uses window.api when the preload exposed it, mapping bridged errors to ApiCallError', async () => {
    const info = { kind: 'unauthorized' as const, code: 13009, detail: 'expired', userMessage: 'Sign-in expired.', retriable: false };
    const bridge: RendererApi = {
      call: vi.fn(async () => {
        throw new Error(`Error invoking remote method: ${encodeBridgedError(info)}`);
      }) as never,
      on: vi.fn(() => () => undefined) as never,
    };
    const { env } = page('#token=ignored');
    const api = pickRendererApi({ ...env, api: bridge });
    const error = await api.call('getAppInfo', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).toInfo()).toEqual(info);
    const listener = vi.fn();
    api.on('providerStatus', listener);
    expect(bridge.on).toHaveBeenCalledWith('providerStatus', listener);
  });

  it('otherwise talks HTTP to the page origin, signed in by the launch token, also after a reload', async () => {
    const origin = transport.url.replace(/\/$/, '');
    const jar = new Map<string, string>();
    const first = page(new URL(transport.newLaunchUrl()).hash, new MemoryStorage(), origin, browserFetch(jar));
    await expect(pickRendererApi(first.env).call('getAppInfo', {})).resolves.toEqual({ mode: 'browser' });
    expect([...jar.keys()]).toEqual([transport.cookieName]);
    const reload = page('', first.storage, origin, browserFetch(jar));
    await expect(pickRendererApi(reload.env).call('getAppInfo', {})).resolves.toEqual({ mode: 'browser' });
  });

  it('a launch token works once: the copy in the browser history opens nothing', async () => {
    const origin = transport.url.replace(/\/$/, '');
    const hash = new URL(transport.newLaunchUrl()).hash;
    await expect(pickRendererApi(page(hash, new MemoryStorage(), origin, browserFetch()).env).call('getAppInfo', {})).resolves.toEqual({ mode: 'browser' });
    const replay = await pickRendererApi(page(hash, new MemoryStorage(), origin, browserFetch()).env).call('getAppInfo', {}).catch((e: unknown) => e);
    expect((replay as ApiCallError).kind).toBe('authorization_required');
    expect((replay as ApiCallError).userMessage).toMatch(/works once/);
  });

  it('without a token, calls fail with a message saying to open the launch link', async () => {
    const origin = transport.url.replace(/\/$/, '');
    const error = await pickRendererApi(page('', new MemoryStorage(), origin).env).call('getAppInfo', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).kind).toBe('authorization_required');
  });

  it('ignores a window.api that is not a contract bridge', async () => {
    const origin = transport.url.replace(/\/$/, '');
    const { env } = page(new URL(transport.newLaunchUrl()).hash, new MemoryStorage(), origin, browserFetch());
    await expect(pickRendererApi({ ...env, api: { call: 'nope' } }).call('getAppInfo', {})).resolves.toEqual({ mode: 'browser' });
  });
});
