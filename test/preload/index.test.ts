import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const h = vi.hoisted(() => {
  const exposed: [string, unknown][] = [];
  return {
    exposed,
    exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]),
    invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
  };
});

// The emitter is created lazily inside the factory (hoisted code cannot see imports).
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const ipcRenderer = Object.assign(new Emitter(), { invoke: h.invoke });
  return { contextBridge: { exposeInMainWorld: h.exposeInMainWorld }, ipcRenderer };
});

const electron = (await import('electron')) as unknown as { ipcRenderer: EventEmitter };
await import('../../src/preload/index');
const { decodeBridgedError } = await import('../../src/shared/bridged-call-error');
type RendererApi = import('../../src/shared/contract').RendererApi;

function exposedApi(): RendererApi {
  const entry = h.exposed[0];
  if (!entry) throw new Error('nothing exposed');
  return entry[1] as RendererApi;
}

async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected a rejection');
}

describe('preload', () => {
  beforeEach(() => h.invoke.mockReset());

  it('exposes exactly `api` with call and on', () => {
    expect(h.exposed.map(([key]) => key)).toEqual(['api']);
    const api = exposedApi() as unknown as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['call', 'on']);
    expect(typeof api.call).toBe('function');
    expect(typeof api.on).toBe('function');
  });

  it('invokes the contract channel and unwraps a successful envelope', async () => {
    h.invoke.mockResolvedValueOnce({ ok: true, value: [{ accountKey: 'acc_1' }] });
    await expect(exposedApi().call('listAccounts', {})).resolves.toEqual([{ accountKey: 'acc_1' }]);
    expect(h.invoke).toHaveBeenCalledWith('contract:call:listAccounts', {});
  });

  it('rejects names outside the contract without touching IPC', async () => {
    const error = await rejection(exposedApi().call('openDevTools' as never, {} as never));
    expect(h.invoke).not.toHaveBeenCalled();
    expect(decodeBridgedError(error.message)?.kind).toBe('method_not_found');
  });

  it('throws an Error carrying the ProviderErrorInfo (fields and, for the bridge, the message)', async () => {
    const info = { kind: 'forbidden', code: 13021, detail: 'bad scope', userMessage: 'This key may not read the account.', retriable: false };
    h.invoke.mockResolvedValueOnce({ ok: false, error: info });
    const error = await rejection(exposedApi().call('discoverAccount', { accountKey: 'acc_1' }));
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject(info);
    expect(decodeBridgedError(error.message)).toEqual(info);
  });

  it('reports an IPC failure and a malformed answer as typed errors', async () => {
    h.invoke.mockRejectedValueOnce(new Error("No handler registered for 'contract:call:getAppInfo'"));
    expect((await rejection(exposedApi().call('getAppInfo', {}))).kind).toBe('provider_error');
    h.invoke.mockResolvedValueOnce({ something: 'else' });
    expect((await rejection(exposedApi().call('getAppInfo', {}))).kind).toBe('malformed_response');
    h.invoke.mockResolvedValueOnce({ ok: false, error: { kind: 'made_up' } });
    expect((await rejection(exposedApi().call('getAppInfo', {}))).kind).toBe('malformed_response');
  });

  it('passes only the payload to event listeners and unsubscribes', () => {
    const listener = vi.fn();
    const off = exposedApi().on('providerStatus', listener);
    const payload = { accountKey: 'acc_1', state: 'ok', message: '', retryAt: null };
    const ipcEvent = { sender: { send: () => undefined }, ports: [] };
    electron.ipcRenderer.emit('contract:event:providerStatus', ipcEvent, payload);
    expect(listener.mock.calls).toEqual([[payload]]);

    off();
    electron.ipcRenderer.emit('contract:event:providerStatus', ipcEvent, payload);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(electron.ipcRenderer.listenerCount('contract:event:providerStatus')).toBe(0);
  });

  it('refuses unknown events and non-function listeners', () => {
    expect(() => exposedApi().on('contract:call:getAppInfo' as never, () => undefined)).toThrow(TypeError);
    expect(() => exposedApi().on('providerStatus', 'nope' as never)).toThrow(TypeError);
    expect(electron.ipcRenderer.eventNames()).toEqual([]);
  });
});
