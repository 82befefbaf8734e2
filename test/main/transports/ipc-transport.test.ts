import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ ipcMain: { handle: vi.fn(), removeHandler: vi.fn() } }));

const { registerIpcHandlers } = await import('../../../src/main/transports/ipc-transport');
const { createAppUrlPolicy } = await import('../../../src/main/electron/app-url-policy');
const { ProviderError } = await import('../../../src/core/providers/deribit/errors');
const { CONTRACT_CALLS, ipcCallChannel, ipcEventChannel } = await import('../../../src/shared/contract');
type ContractCalls = import('../../../src/shared/contract').ContractCalls;

type InvokeListener = (event: unknown, ...args: unknown[]) => Promise<unknown>;

/** Behaves like Electron's ipcMain for handle/removeHandler (a second handler for a channel throws). */
function fakeIpcMain() {
  const handlers = new Map<string, InvokeListener>();
  const registrations: string[] = [];
  return {
    handlers,
    registrations,
    handle(channel: string, listener: InvokeListener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
      registrations.push(channel);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
  };
}

const APP_URL = 'app://renderer/index.html';
const policy = createAppUrlPolicy();
const isTrusted = (frame: { url: string }) => policy.isAppUrl(frame.url);

function spyHandlers() {
  const calls = Object.fromEntries(CONTRACT_CALLS.map((name) => [name, vi.fn(async (args: unknown) => ({ name, args }))]));
  return calls as Record<(typeof CONTRACT_CALLS)[number], ReturnType<typeof vi.fn>>;
}

const mainFrameEvent = (url = APP_URL) => ({ senderFrame: { url, parent: null } });

function setup() {
  const ipcMain = fakeIpcMain();
  const handlers = spyHandlers();
  const sent: unknown[][] = [];
  let target: { isDestroyed(): boolean; send(...a: unknown[]): void; mainFrame: { url: string; parent: null } } | null = {
    isDestroyed: () => false,
    send: (...a: unknown[]) => sent.push(a),
    mainFrame: { url: APP_URL, parent: null },
  };
  const transport = registerIpcHandlers(ipcMain as never, handlers as unknown as ContractCalls, isTrusted, () => target as never);
  const invoke = (name: string, event: unknown, ...args: unknown[]) => {
    const listener = ipcMain.handlers.get(ipcCallChannel(name as never));
    if (!listener) throw new Error(`no handler for ${name}`);
    return listener(event, ...args);
  };
  return { ipcMain, handlers, transport, invoke, sent, setTarget: (t: typeof target) => (target = t) };
}

describe('registerIpcHandlers', () => {
  it('registers every contract call exactly once and nothing else', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.registrations].sort()).toEqual(CONTRACT_CALLS.map(ipcCallChannel).sort());
    expect(ipcMain.registrations).toHaveLength(CONTRACT_CALLS.length);
  });

  it('calls the handler for the app main frame and wraps the result', async () => {
    const { invoke, handlers } = setup();
    const result = await invoke('removeAccount', mainFrameEvent(`${APP_URL}#/accounts`), { accountKey: 'acc_1' });
    expect(result).toEqual({ ok: true, value: { name: 'removeAccount', args: { accountKey: 'acc_1' } } });
    expect(handlers.removeAccount).toHaveBeenCalledWith({ accountKey: 'acc_1' });
  });

  it.each([
    ['another page', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['another local file', { senderFrame: { url: 'file:///tmp/evil.html', parent: null } }],
    ['the old file:// location of the app page', { senderFrame: { url: 'file:///app/out/renderer/index.html', parent: null } }],
    ['another document of the app origin', { senderFrame: { url: 'app://renderer/assets/other.html', parent: null } }],
    ['another host of the app scheme', { senderFrame: { url: 'app://evil/index.html', parent: null } }],
    ['a subframe showing the app URL', { senderFrame: { url: APP_URL, parent: { url: APP_URL } } }],
    ['a frame that is gone', { senderFrame: null }],
  ])('rejects %s without calling the handler', async (_label, event) => {
    const { invoke, handlers } = setup();
    const result = (await invoke('listAccounts', event, {})) as { ok: boolean; error: { kind: string } };
    expect(result.ok).toBe(false);
    expect(result.error.kind).toBe('forbidden');
    expect(handlers.listAccounts).not.toHaveBeenCalled();
  });

  it('rejects a sender whose frame cannot be read', async () => {
    const { invoke, handlers } = setup();
    const event = Object.defineProperty({}, 'senderFrame', { get: () => { throw new Error('Render frame was disposed'); } });
    const result = (await invoke('getAppInfo', event, {})) as { ok: boolean };
    expect(result.ok).toBe(false);
    expect(handlers.getAppInfo).not.toHaveBeenCalled();
  });

  it.each([
    ['no argument', []],
    ['null', [null]],
    ['an array', [[1, 2]]],
    ['a string', ['acc_1']],
    ['a class instance', [new Date()]],
    ['two arguments', [{}, {}]],
  ])('refuses %s as arguments', async (_label, args) => {
    const { invoke, handlers } = setup();
    const result = (await invoke('discoverAccount', mainFrameEvent(), ...args)) as { ok: boolean; error: { kind: string } };
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_params' } });
    expect(handlers.discoverAccount).not.toHaveBeenCalled();
  });

  it('turns a ProviderError into an error envelope with its info', async () => {
    const { invoke, handlers } = setup();
    const info = { kind: 'invalid_credentials' as const, code: 13004, detail: 'invalid_credentials', userMessage: 'Deribit rejected the client id or secret.', retriable: false };
    handlers.addAccount.mockRejectedValueOnce(new ProviderError(info));
    expect(await invoke('addAccount', mainFrameEvent(), { label: 'x' })).toEqual({ ok: false, error: info });
  });

  it('turns any other error into a generic provider_error without a stack', async () => {
    const { invoke, handlers } = setup();
    handlers.listAccounts.mockRejectedValueOnce(new TypeError('cannot read properties of undefined'));
    const result = (await invoke('listAccounts', mainFrameEvent(), {})) as { ok: false; error: Record<string, unknown> };
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ kind: 'provider_error', code: null, retriable: false });
    expect(result.error.detail).toBe('TypeError: cannot read properties of undefined');
    expect(result.error.userMessage).toMatch(/went wrong/);
    expect(JSON.stringify(result)).not.toMatch(/\bat .*\.ts:\d+/);
    expect(Object.keys(result.error).sort()).toEqual(['code', 'detail', 'kind', 'retriable', 'userMessage']);
  });

  it('emits events to the app window only', () => {
    const { transport, sent, setTarget } = setup();
    const payload = { accountKey: 'acc_1', state: 'retrying' as const, message: 'Deribit is busy', retryAt: 123 };
    transport.emit('providerStatus', payload);
    expect(sent).toEqual([[ipcEventChannel('providerStatus'), payload]]);

    setTarget({ isDestroyed: () => false, send: () => sent.push(['foreign']), mainFrame: { url: 'https://evil.example/', parent: null } });
    transport.emit('providerStatus', payload);
    setTarget({ isDestroyed: () => true, send: () => sent.push(['destroyed']), mainFrame: { url: APP_URL, parent: null } });
    transport.emit('providerStatus', payload);
    setTarget(null);
    transport.emit('providerStatus', payload);
    expect(sent).toHaveLength(1);
  });

  it('removes every handler on dispose', () => {
    const { ipcMain, transport } = setup();
    transport.dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });
});
