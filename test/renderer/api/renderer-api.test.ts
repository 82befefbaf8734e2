import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHttpTransport, type HttpTransport } from '../../../src/main/transports/http-transport';
import { TOKEN_STORAGE_KEY, takeApiToken } from '../../../src/renderer/api/http-session-token';
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
}

function page(hash: string, storage = new MemoryStorage(), origin = 'http://127.0.0.1:5180') {
  const replaceState = vi.fn();
  const env: RendererEnvironment = {
    location: { origin, hash, pathname: '/', search: '?lang=en' },
    history: { replaceState },
    sessionStorage: storage,
    fetch: globalThis.fetch,
    EventSource: NodeEventSource,
  };
  return { env, replaceState, storage };
}

describe('takeApiToken', () => {
  it('moves the token from the fragment to sessionStorage and clears it from the address bar', () => {
    const { env, replaceState, storage } = page('#token=abc123');
    expect(takeApiToken(env)).toBe('abc123');
    expect(storage.getItem(TOKEN_STORAGE_KEY)).toBe('abc123');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/?lang=en');
  });

  it('keeps the rest of the fragment', () => {
    const { env, replaceState } = page('#tab=sync&token=abc123');
    expect(takeApiToken(env)).toBe('abc123');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/?lang=en#tab=sync');
  });

  it('reads the stored token on reload, and gives null when there is none', () => {
    const storage = new MemoryStorage();
    storage.setItem(TOKEN_STORAGE_KEY, 'kept');
    const reload = page('', storage);
    expect(takeApiToken(reload.env)).toBe('kept');
    expect(reload.replaceState).not.toHaveBeenCalled();
    expect(takeApiToken(page('').env)).toBeNull();
  });

  it('survives storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(takeApiToken(page('#token=t', broken as never).env)).toBe('t');
    expect(takeApiToken(page('', broken as never).env)).toBeNull();
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

  it('otherwise talks HTTP to the page origin with the launch token, also after a reload', async () => {
    const origin = transport.url.replace(/\/$/, '');
    const first = page(`#token=${transport.token}`, new MemoryStorage(), origin);
    await expect(pickRendererApi(first.env).call('getAppInfo', {})).resolves.toEqual({ mode: 'browser' });
    const reload = page('', first.storage, origin);
    await expect(pickRendererApi(reload.env).call('getAppInfo', {})).resolves.toEqual({ mode: 'browser' });
  });

  it('without a token, calls fail with a message saying to open the launch link', async () => {
    const origin = transport.url.replace(/\/$/, '');
    const error = await pickRendererApi(page('', new MemoryStorage(), origin).env).call('getAppInfo', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).kind).toBe('authorization_required');
  });

  it('ignores a window.api that is not a contract bridge', async () => {
    const origin = transport.url.replace(/\/$/, '');
    const { env } = page(`#token=${transport.token}`, new MemoryStorage(), origin);
    await expect(pickRendererApi({ ...env, api: { call: 'nope' } }).call('getAppInfo', {})).resolves.toEqual({ mode: 'browser' });
  });
});
