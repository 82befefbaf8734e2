import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTRACT_CALLS, ipcCallChannel } from '../../src/shared/contract';

type Listener = (...args: unknown[]) => unknown;

/** Just enough of Electron's main-process API for the entry module to start. */
const h = vi.hoisted(() => {
  const state = {
    userData: '',
    lock: true,
    ready: null as null | (() => void),
    appListeners: new Map<string, Listener>(),
    handlers: new Map<string, Listener>(),
    windows: [] as { options: { webPreferences: Record<string, unknown> }; loadURL: ReturnType<typeof vi.fn> }[],
  };
  const app = {
    isPackaged: false,
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: () => state.lock,
    quit: vi.fn(),
    exit: vi.fn(),
    getVersion: () => '9.9.9',
    getPath: (name: string) => (name === 'userData' ? state.userData : '/nowhere'),
    on: (event: string, listener: Listener) => state.appListeners.set(event, listener),
    whenReady: () => new Promise<void>((resolve) => (state.ready = resolve)),
  };
  class BrowserWindow {
    static getAllWindows = () => state.windows;
    readonly webContents = {
      session: { webRequest: { onHeadersReceived: vi.fn() }, setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), on: vi.fn() },
      on: vi.fn(),
      setWindowOpenHandler: vi.fn(),
      mainFrame: { url: '', parent: null },
      isDestroyed: () => false,
      send: vi.fn(),
    };
    readonly loadURL = vi.fn(async () => undefined);
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      state.windows.push(this);
    }
    once = vi.fn();
    on = vi.fn();
  }
  const ipcMain = { handle: (channel: string, listener: Listener) => state.handlers.set(channel, listener), removeHandler: vi.fn() };
  const safeStorage = {
    isAsyncEncryptionAvailable: async () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptStringAsync: async (s: string) => Buffer.from(s),
    decryptStringAsync: async (b: Buffer) => ({ result: b.toString(), shouldReEncrypt: false }),
  };
  return { state, app, BrowserWindow, ipcMain, safeStorage };
});

vi.mock('electron', () => ({
  app: h.app,
  BrowserWindow: h.BrowserWindow,
  ipcMain: h.ipcMain,
  safeStorage: h.safeStorage,
  shell: { openExternal: vi.fn() },
}));

const here = resolve('src/main');

beforeEach(async () => {
  vi.resetModules();
  h.state.userData = await mkdtemp(join(tmpdir(), 'main-entry-'));
  h.state.lock = true;
  h.state.ready = null;
  h.state.appListeners.clear();
  h.state.handlers.clear();
  h.state.windows.length = 0;
  h.app.quit.mockClear();
});
afterEach(async () => {
  await rm(h.state.userData, { recursive: true, force: true });
});

describe('main entry', () => {
  it('on ready: registers the contract over IPC, then opens the sandboxed window on the built page', async () => {
    await import('../../src/main/index');
    expect(h.app.enableSandbox).toHaveBeenCalled();
    expect(h.state.windows).toHaveLength(0);
    h.state.ready?.();
    await vi.waitFor(() => expect(h.state.windows).toHaveLength(1));

    const window = h.state.windows[0];
    const appUrl = pathToFileURL(join(here, '../renderer/index.html')).href;
    expect(window?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, preload: join(here, '../preload/index.cjs') });
    expect(window?.loadURL).toHaveBeenCalledWith(appUrl);
    expect([...h.state.handlers.keys()].sort()).toEqual(CONTRACT_CALLS.map(ipcCallChannel).sort());

    const getAppInfo = h.state.handlers.get('contract:call:getAppInfo');
    const answer = await getAppInfo?.({ senderFrame: { url: appUrl, parent: null } }, {});
    expect(answer).toMatchObject({ ok: true, value: { mode: 'electron', version: '9.9.9', demoAvailable: true, secretStorage: 'OS keychain (Electron safeStorage)' } });
    const foreign = await getAppInfo?.({ senderFrame: { url: 'https://evil.example/', parent: null } }, {});
    expect(foreign).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('quits when all windows close, except on macOS', async () => {
    await import('../../src/main/index');
    const allClosed = h.state.appListeners.get('window-all-closed');
    const platform = Object.getOwnPropertyDescriptor(process, 'platform');
    try {
      Object.defineProperty(process, 'platform', { value: 'darwin' });
      allClosed?.();
      expect(h.app.quit).not.toHaveBeenCalled();
      Object.defineProperty(process, 'platform', { value: 'linux' });
      allClosed?.();
      expect(h.app.quit).toHaveBeenCalledTimes(1);
    } finally {
      if (platform) Object.defineProperty(process, 'platform', platform);
    }
  });

  it('leaves at once when another instance holds the lock', async () => {
    h.state.lock = false;
    await import('../../src/main/index');
    expect(h.app.quit).toHaveBeenCalled();
    expect(h.state.ready).toBeNull();
    expect(h.state.appListeners.size).toBe(0);
  });
});
