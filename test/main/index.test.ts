import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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
    windows: [] as { options: { webPreferences: Record<string, unknown> } & Record<string, unknown>; loadURL: ReturnType<typeof vi.fn>; focus: ReturnType<typeof vi.fn>; restore: ReturnType<typeof vi.fn>; minimized: boolean }[],
    /** Order of what happened: scheme registration must come before ready. */
    log: [] as string[],
    backend: 'gnome_libsecret',
    menu: null as unknown,
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
    whenReady: () => new Promise<void>((resolve) => (state.ready = () => {
      state.log.push('ready');
      resolve();
    })),
  };
  const protocol = {
    registerSchemesAsPrivileged: vi.fn(() => state.log.push('registerSchemesAsPrivileged')),
    handle: vi.fn(() => state.log.push('protocol.handle')),
  };
  const Menu = {
    buildFromTemplate: (template: unknown) => ({ template }),
    setApplicationMenu: (menu: unknown) => (state.menu = menu),
  };
  const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };
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
    minimized = false;
    constructor(readonly options: { webPreferences: Record<string, unknown> } & Record<string, unknown>) {
      state.windows.push(this);
    }
    once = vi.fn();
    on = vi.fn();
    isMinimized = () => this.minimized;
    restore = vi.fn(() => (this.minimized = false));
    show = vi.fn();
    focus = vi.fn();
    getNormalBounds = () => ({ x: 0, y: 0, width: 1360, height: 860 });
    isMaximized = () => false;
  }
  const ipcMain = { handle: (channel: string, listener: Listener) => state.handlers.set(channel, listener), removeHandler: vi.fn() };
  const safeStorage = {
    isAsyncEncryptionAvailable: async () => true,
    getSelectedStorageBackend: () => state.backend,
    encryptStringAsync: async (s: string) => Buffer.from(s),
    decryptStringAsync: async (b: Buffer) => ({ result: b.toString(), shouldReEncrypt: false }),
  };
  return { state, app, BrowserWindow, ipcMain, safeStorage, protocol, Menu, screen };
});

vi.mock('electron', () => ({
  app: h.app,
  BrowserWindow: h.BrowserWindow,
  ipcMain: h.ipcMain,
  safeStorage: h.safeStorage,
  protocol: h.protocol,
  Menu: h.Menu,
  screen: h.screen,
  shell: { openExternal: vi.fn(), openPath: vi.fn(async () => '') },
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
  h.state.log.length = 0;
  h.state.backend = 'gnome_libsecret';
  h.state.menu = null;
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
    const appUrl = 'app://renderer/index.html';
    expect(window?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, preload: join(here, '../preload/index.cjs') });
    expect(window?.loadURL).toHaveBeenCalledWith(appUrl);
    expect([...h.state.handlers.keys()].sort()).toEqual(CONTRACT_CALLS.map(ipcCallChannel).sort());

    const getAppInfo = h.state.handlers.get('contract:call:getAppInfo');
    const answer = await getAppInfo?.({ senderFrame: { url: appUrl, parent: null } }, {});
    expect(answer).toMatchObject({ ok: true, value: { mode: 'electron', version: '9.9.9', demoAvailable: true, secretStorage: 'OS keychain (Electron safeStorage)' } });
    const foreign = await getAppInfo?.({ senderFrame: { url: 'https://evil.example/', parent: null } }, {});
    expect(foreign).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    // The page's old file:// address is no longer the app.
    const fileUrl = `file://${join(here, '../renderer/index.html')}`;
    expect(await getAppInfo?.({ senderFrame: { url: fileUrl, parent: null } }, {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(window?.options).toMatchObject({ title: 'Deribit Reconciler', icon: join(here, '../../build/icon.png') });
  });

  it('registers app:// as privileged before ready, and serves it only once ready', async () => {
    await import('../../src/main/index');
    expect(h.state.log).toEqual(['registerSchemesAsPrivileged']);
    expect(h.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    h.state.ready?.();
    await vi.waitFor(() => expect(h.state.windows).toHaveLength(1));
    expect(h.state.log.slice(0, 3)).toEqual(['registerSchemesAsPrivileged', 'ready', 'protocol.handle']);
    expect(h.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('sets an application menu with the standard Edit roles', async () => {
    await import('../../src/main/index');
    h.state.ready?.();
    await vi.waitFor(() => expect(h.state.menu).not.toBeNull());
    const template = (h.state.menu as { template: { label?: string; submenu?: { role?: string }[] }[] }).template;
    const edit = template.find((m) => m.label === '&Edit')?.submenu?.map((i) => i.role);
    expect(edit).toEqual(expect.arrayContaining(['undo', 'cut', 'copy', 'paste', 'selectAll']));
  });

  it('a second instance focuses the first window (restoring it when minimized)', async () => {
    await import('../../src/main/index');
    h.state.ready?.();
    await vi.waitFor(() => expect(h.state.windows).toHaveLength(1));
    const window = h.state.windows[0]!;
    window.minimized = true;
    h.state.appListeners.get('second-instance')?.({}, ['deribit-reconciler'], '/');
    expect(window.restore).toHaveBeenCalledTimes(1);
    expect(window.focus).toHaveBeenCalledTimes(1);
    h.state.appListeners.get('second-instance')?.({}, ['deribit-reconciler'], '/');
    expect(window.restore).toHaveBeenCalledTimes(1);
    expect(window.focus).toHaveBeenCalledTimes(2);
  });

  it('without a keyring (basic_text) the secrets wait for a passphrase instead of failing', async () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform');
    Object.defineProperty(process, 'platform', { value: 'linux' });
    try {
      h.state.backend = 'basic_text';
      await import('../../src/main/index');
      h.state.ready?.();
      await vi.waitFor(() => expect(h.state.windows).toHaveLength(1));
      const status = await h.state.handlers.get('contract:call:getSecretStoreStatus')?.({ senderFrame: { url: 'app://renderer/index.html', parent: null } }, {});
      expect(status).toMatchObject({ ok: true, value: { state: 'needs-passphrase', explanation: expect.stringMatching(/No OS keyring/) } });
    } finally {
      if (platform) Object.defineProperty(process, 'platform', platform);
    }
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
