import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

const h = vi.hoisted(() => {
  class FakeSession {
    headersListener: Listener | null = null;
    requestHandler: Listener | null = null;
    checkHandler: Listener | null = null;
    readonly sessionListeners = new Map<string, Listener>();
    on(event: string, listener: Listener) {
      this.sessionListeners.set(event, listener);
      return this;
    }
    readonly webRequest = {
      onHeadersReceived: (listener: Listener) => {
        this.headersListener = listener;
      },
    };
    setPermissionRequestHandler(handler: Listener) {
      this.requestHandler = handler;
    }
    setPermissionCheckHandler(handler: Listener) {
      this.checkHandler = handler;
    }
  }
  class FakeWebContents {
    readonly session = new FakeSession();
    readonly listeners = new Map<string, Listener[]>();
    openHandler: Listener | null = null;
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    setWindowOpenHandler(handler: Listener) {
      this.openHandler = handler;
    }
    fire(event: string, ...args: unknown[]) {
      for (const l of this.listeners.get(event) ?? []) l(...args);
    }
  }
  class FakeBrowserWindow {
    static created: FakeBrowserWindow[] = [];
    readonly webContents = new FakeWebContents();
    readonly loadURL = vi.fn(async (_url: string) => undefined);
    readonly show = vi.fn();
    readonly maximize = vi.fn();
    readonly onceListeners = new Map<string, Listener>();
    constructor(readonly options: Record<string, unknown>) {
      FakeBrowserWindow.created.push(this);
    }
    once(event: string, listener: Listener) {
      this.onceListeners.set(event, listener);
      return this;
    }
  }
  return { FakeBrowserWindow, openExternal: vi.fn(async (_url: string) => undefined) };
});

vi.mock('electron', () => ({
  BrowserWindow: h.FakeBrowserWindow,
  shell: { openExternal: h.openExternal },
}));

const { createMainWindow, isSafeExternalUrl } = await import('../../../src/main/electron/main-window');
const { createAppUrlPolicy } = await import('../../../src/main/electron/app-url-policy');
const { CONTENT_SECURITY_POLICY, DIGEST_WORKER_CONTENT_SECURITY_POLICY } = await import('../../../src/shared/content-security-policy');

const APP_URL = 'app://renderer/index.html';

function open(extra: Partial<Parameters<typeof createMainWindow>[0]> = {}) {
  h.FakeBrowserWindow.created = [];
  createMainWindow({ preloadPath: '/app/out/preload/index.cjs', appUrl: createAppUrlPolicy(), documentsPath: '/home/me/Documents', ...extra });
  const window = h.FakeBrowserWindow.created[0];
  if (!window) throw new Error('no window created');
  return window;
}

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

describe('createMainWindow', () => {
  beforeEach(() => h.openExternal.mockClear());

  it('creates an isolated, sandboxed renderer without Node and with the bundled preload', () => {
    const prefs = open().options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/out/preload/index.cjs',
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('loads the app page and shows the window once it is ready', () => {
    const window = open();
    expect(window.loadURL).toHaveBeenCalledWith(APP_URL);
    expect(window.show).not.toHaveBeenCalled();
    window.onceListeners.get('ready-to-show')?.();
    expect(window.show).toHaveBeenCalledTimes(1);
  });

  it('opens at the remembered place and size with the app title and icon, maximized if it was', () => {
    const window = open({ windowState: { x: 40, y: 30, width: 1500, height: 900, maximized: true }, iconPath: '/res/icon.png' });
    expect(window.options).toMatchObject({ x: 40, y: 30, width: 1500, height: 900, minWidth: 960, minHeight: 600, title: 'Deribit Reconciler', icon: '/res/icon.png' });
    window.onceListeners.get('ready-to-show')?.();
    expect(window.maximize).toHaveBeenCalled();
    const fresh = open();
    expect(fresh.options).toMatchObject({ center: true, width: 1360, height: 860 });
    expect(fresh.options).not.toHaveProperty('x');
    fresh.onceListeners.get('ready-to-show')?.();
    expect(fresh.maximize).not.toHaveBeenCalled();
  });

  it('blocks navigation away from the app page (https goes to the system browser, anything else nowhere)', () => {
    const contents = open().webContents;
    for (const event of ['will-navigate', 'will-redirect']) {
      const toWeb = navigationEvent('https://evil.example/phish');
      contents.fire(event, toWeb);
      expect(toWeb.preventDefault).toHaveBeenCalled();

      const toFile = navigationEvent('file:///etc/passwd');
      contents.fire(event, toFile);
      expect(toFile.preventDefault).toHaveBeenCalled();

      const toOldFileUrl = navigationEvent('file:///app/out/renderer/index.html');
      contents.fire(event, toOldFileUrl);
      expect(toOldFileUrl.preventDefault).toHaveBeenCalled();

      const toSelf = navigationEvent(`${APP_URL}#/sync`);
      contents.fire(event, toSelf);
      expect(toSelf.preventDefault).not.toHaveBeenCalled();
    }
    expect(h.openExternal.mock.calls).toEqual([['https://evil.example/phish'], ['https://evil.example/phish']]);
  });

  it('denies every new window and opens only plain https links externally', () => {
    const contents = open().webContents;
    const handler = contents.openHandler;
    if (!handler) throw new Error('no window open handler');
    for (const url of ['https://www.deribit.com/account/BTC/api', 'http://example.com/', 'javascript:alert(1)', 'file:///etc/passwd', `${APP_URL}#x`]) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    expect(h.openExternal.mock.calls).toEqual([['https://www.deribit.com/account/BTC/api']]);
  });

  it('prevents <webview> attachment', () => {
    const contents = open().webContents;
    const event = { preventDefault: vi.fn() };
    contents.fire('will-attach-webview', event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('saves an export (a blob: download) through a save dialog in Documents, and refuses any other download', () => {
    const willDownload = open().webContents.session.sessionListeners.get('will-download');
    const download = (url: string, filename: string) => {
      const event = { preventDefault: vi.fn() };
      const item = { getURL: () => url, getFilename: () => filename, setSaveDialogOptions: vi.fn() };
      willDownload?.(event, item);
      return { event, item };
    };
    const exported = download('blob:app://renderer/5b1e8c8e-2d7c', 'deribit-2026-transactions.csv');
    expect(exported.event.preventDefault).not.toHaveBeenCalled();
    expect(exported.item.setSaveDialogOptions).toHaveBeenCalledWith({
      title: 'Save export',
      defaultPath: '/home/me/Documents/deribit-2026-transactions.csv',
      buttonLabel: 'Save',
    });
    // A name that tries to leave the folder keeps only its last part.
    expect(download('blob:null/1', '../../.bashrc').item.setSaveDialogOptions).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: '/home/me/Documents/.bashrc' }));
    const remote = download('https://evil.example/payload.exe', 'payload.exe');
    expect(remote.event.preventDefault).toHaveBeenCalled();
    expect(remote.item.setSaveDialogOptions).not.toHaveBeenCalled();
  });

  it('denies every permission request', () => {
    const session = open().webContents.session;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      session.requestHandler?.({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
    }
  });

  it('answers permission checks with no, except sanitized clipboard writes from the app page', () => {
    const check = open().webContents.session.checkHandler;
    if (!check) throw new Error('no permission check handler');
    expect(check(null, 'media', 'app://renderer', { isMainFrame: true, requestingUrl: APP_URL })).toBe(false);
    expect(check(null, 'clipboard-sanitized-write', 'app://renderer', { isMainFrame: true, requestingUrl: APP_URL })).toBe(true);
    expect(check(null, 'clipboard-sanitized-write', 'file://', { isMainFrame: true, requestingUrl: 'file:///app/out/renderer/index.html' })).toBe(false);
    expect(check(null, 'clipboard-sanitized-write', 'https://evil.example', { isMainFrame: true, requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(check(null, 'clipboard-sanitized-write', 'app://renderer', { isMainFrame: false, requestingUrl: APP_URL })).toBe(false);
  });

  it('sends the app CSP as a response header, replacing any other', () => {
    const listener = open().webContents.session.headersListener;
    if (!listener) throw new Error('no onHeadersReceived listener');
    const callback = vi.fn();
    listener(
      { url: 'http://localhost:5173/', responseHeaders: { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] } },
      callback,
    );
    const { responseHeaders } = callback.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> };
    expect(responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(responseHeaders['content-security-policy']).toBeUndefined();
    expect(responseHeaders['Content-Type']).toEqual(['text/html']);
  });

  it.each([
    ['http://localhost:5173/src/renderer/worker/digest-worker.ts?worker_file&type=module', DIGEST_WORKER_CONTENT_SECURITY_POLICY],
    ['app://renderer/assets/digest-worker-BhG5OTyS.js', DIGEST_WORKER_CONTENT_SECURITY_POLICY],
    ['http://localhost:5173/src/renderer/worker/recon-worker.ts?worker_file&type=module', CONTENT_SECURITY_POLICY],
    ['app://renderer/assets/recon-worker-BTgnb3xW.js', CONTENT_SECURITY_POLICY],
    ['http://localhost:5173/digest-worker.html', CONTENT_SECURITY_POLICY],
    ['http://localhost:5173/?page=digest-worker.js', CONTENT_SECURITY_POLICY],
    ['not a url', CONTENT_SECURITY_POLICY],
  ])('gives %s its policy by path: WebAssembly for the digest worker only', (url, policy) => {
    const listener = open().webContents.session.headersListener;
    if (!listener) throw new Error('no onHeadersReceived listener');
    const callback = vi.fn();
    listener({ url, responseHeaders: {} }, callback);
    const { responseHeaders } = callback.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> };
    expect(responseHeaders['Content-Security-Policy']).toEqual([policy]);
  });
});

describe('DIGEST_WORKER_CONTENT_SECURITY_POLICY', () => {
  it("is the app's policy with WebAssembly compilation allowed, and nothing else added", () => {
    expect(DIGEST_WORKER_CONTENT_SECURITY_POLICY).toBe(CONTENT_SECURITY_POLICY.replace("script-src 'self';", "script-src 'self' 'wasm-unsafe-eval';"));
    expect(DIGEST_WORKER_CONTENT_SECURITY_POLICY).not.toBe(CONTENT_SECURITY_POLICY);
    expect(DIGEST_WORKER_CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('is the policy the app promises', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
  });
});

describe('isSafeExternalUrl', () => {
  it.each([
    ['https://www.deribit.com/', true],
    ['HTTPS://test.deribit.com/api', true],
    ['http://www.deribit.com/', false],
    ['https://user:pass@www.deribit.com/', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['mailto:a@b.c', false],
    ['not a url', false],
  ])('%s → %s', (url, safe) => {
    expect(isSafeExternalUrl(url)).toBe(safe);
  });
});
