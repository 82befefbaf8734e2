/**
 * The app window with Electron's security checklist applied: isolated, sandboxed renderer with no
 * Node; the CSP as a response header; every permission request denied; navigation limited to the
 * app's own page (app://renderer, see app-protocol.ts); new windows and middle-click denied (https
 * links go to the system browser after a URL-parser check); downloads only of files the page made
 * itself (exports), each through a save dialog.
 */
import { basename, join } from 'node:path';
import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicyFor } from '../../shared/content-security-policy';
import type { AppUrlPolicy } from './app-url-policy';
import { DEFAULT_WINDOW_STATE, MIN_WINDOW_SIZE, type WindowState } from './window-state';

export interface MainWindowDeps {
  /** The built preload bundle (out/preload/index.cjs): one CommonJS file, as sandboxed preloads need. */
  readonly preloadPath: string;
  readonly appUrl: AppUrlPolicy;
  /** Where the save dialog of an export opens (the user's Documents folder). */
  readonly documentsPath: string;
  /** Remembered size and position (window-state.ts); the default size, centred, when absent. */
  readonly windowState?: WindowState;
  /** The window icon (Linux and Windows; macOS takes the app bundle's). */
  readonly iconPath?: string;
}

export const WINDOW_TITLE = 'Deribit Reconciler';

/** Only plain https links leave the app, and only to the system browser. */
export function isSafeExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
}

function openExternalIfSafe(url: string): void {
  if (!isSafeExternalUrl(url)) return;
  // electronegativity OPEN_EXTERNAL_JS_CHECK: reviewed. Only URLs isSafeExternalUrl accepted (parsed https
  // with a host, no credentials) reach the system browser; file:, javascript:, custom schemes never do.
  /* eng-disable OPEN_EXTERNAL_JS_CHECK */ shell.openExternal(url).catch(() => undefined); // no browser configured: nothing else to do
}

function cspForUrl(url: string): string {
  try {
    return contentSecurityPolicyFor(new URL(url).pathname);
  } catch {
    return CONTENT_SECURITY_POLICY;
  }
}

/** Adds the app's CSP to every response this session receives (the dev server's included). */
export function applyContentSecurityPolicy(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders: Record<string, string | string[]> = { ...details.responseHeaders };
    for (const key of Object.keys(responseHeaders)) {
      if (key.toLowerCase() === 'content-security-policy') delete responseHeaders[key];
    }
    // By URL, so the digest worker's own policy (it alone may compile WebAssembly) survives here too.
    responseHeaders['Content-Security-Policy'] = [cspForUrl(details.url)];
    callback({ responseHeaders });
  });
}

export function denyPermissions(session: Session, appUrl: AppUrlPolicy): void {
  // The app needs no camera, notifications, geolocation, … : refuse every request.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  // Checks: also no, except writing (sanitized) text to the clipboard from the app's own page ("Copy" buttons).
  session.setPermissionCheckHandler(
    (_contents, permission, _origin, details) =>
      permission === 'clipboard-sanitized-write' &&
      details.isMainFrame &&
      details.requestingUrl !== undefined &&
      appUrl.isAppUrl(details.requestingUrl),
  );
}

/** Applied to every webContents the app creates: no popups, no <webview>. */
export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfSafe(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Exports are blob: downloads the page builds itself; the save dialog opens in Documents with the
 * export's own name. Nothing else may download (the app never fetches files from the network this way).
 */
export function guardDownloads(session: Session, documentsPath: string): void {
  session.on('will-download', (event, item) => {
    if (!item.getURL().startsWith('blob:')) {
      event.preventDefault();
      return;
    }
    item.setSaveDialogOptions({ title: 'Save export', defaultPath: join(documentsPath, basename(item.getFilename())), buttonLabel: 'Save' });
  });
}

function guardNavigation(contents: WebContents, appUrl: AppUrlPolicy): void {
  const guard = (event: { url: string; preventDefault(): void }): void => {
    if (appUrl.isAppUrl(event.url)) return;
    event.preventDefault();
    openExternalIfSafe(event.url);
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
}

export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  const state = deps.windowState ?? DEFAULT_WINDOW_STATE;
  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : { center: true }),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: WINDOW_TITLE,
    ...(deps.iconPath ? { icon: deps.iconPath } : {}),
    autoHideMenuBar: true,
    webPreferences: {
      // electronegativity PRELOAD_JS_CHECK: reviewed. The preload (src/preload/index.ts) runs sandboxed and
      // exposes only the contract's call/on over contextBridge, never ipcRenderer or Node.
      /* eng-disable PRELOAD_JS_CHECK */ preload: deps.preloadPath,
      // Middle-click opens no new window (window.open is denied anyway; this removes the event altogether).
      disableBlinkFeatures: 'Auxclick',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  const contents = window.webContents;
  applyContentSecurityPolicy(contents.session);
  denyPermissions(contents.session, deps.appUrl);
  guardDownloads(contents.session, deps.documentsPath);
  hardenWebContents(contents);
  guardNavigation(contents, deps.appUrl);
  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  void window.loadURL(deps.appUrl.entryUrl);
  return window;
}
