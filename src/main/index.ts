/**
 * Electron main entry, kept thin. Before ready: the app:// scheme registered privileged and the
 * single-instance lock (a second launch focuses the first window). On ready: the app:// handler over
 * the built renderer, the application menu, the secret store (OS keychain, or a passphrase without
 * one), the services, the IPC transport (sender frames checked against the app URL) and the window,
 * at its remembered size and place.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, Menu, protocol, safeStorage, screen, shell } from 'electron';
import { createDemoProvider } from './demo/demo-simulator';
import { buildAppMenuTemplate } from './electron/app-menu';
import { registerAppSchemePrivileged, serveAppProtocol } from './electron/app-protocol';
import { createAppUrlPolicy } from './electron/app-url-policy';
import { WINDOW_TITLE, createMainWindow, hardenWebContents } from './electron/main-window';
import { readWindowState, trackWindowState } from './electron/window-state';
import { createDesktopSecretStore } from './secrets/desktop-secret-store';
import { createMainServices, type MainServices } from './services/main-services';
import { registerContractIpc, type IpcTransport } from './transports/ipc-transport';

const here = dirname(fileURLToPath(import.meta.url)); // out/main
// Packaged: README.md and icon.png are extraResources (electron-builder.yml), real files beside app.asar.
const resources = app.isPackaged ? process.resourcesPath : join(here, '../..');
const iconPath = join(resources, app.isPackaged ? 'icon.png' : 'build/icon.png');
const readmePath = join(resources, 'README.md');

// Must happen before ready: Electron only accepts privileged schemes then.
registerAppSchemePrivileged(protocol);
// Every renderer sandboxed, including any created outside createMainWindow.
app.enableSandbox();

let services: MainServices | null = null;
let ipc: IpcTransport | null = null;
let mainWindow: BrowserWindow | null = null;

// electron-vite dev sets ELECTRON_RENDERER_URL; a packaged app never honours it.
const appUrl = createAppUrlPolicy({ devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL });

function openWindow(): void {
  const statePath = join(app.getPath('userData'), 'window-state.json');
  const windowState = readWindowState(statePath, screen.getAllDisplays().map((display) => display.workArea));
  mainWindow = createMainWindow({ preloadPath: join(here, '../preload/index.cjs'), appUrl, documentsPath: app.getPath('documents'), windowState, iconPath });
  trackWindowState(mainWindow, statePath);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function start(): Promise<void> {
  serveAppProtocol(protocol, join(here, '../renderer'));
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildAppMenuTemplate({
    appName: WINDOW_TITLE,
    isMac: process.platform === 'darwin',
    isDevelopment: !app.isPackaged,
    openReadme: () => void shell.openPath(readmePath),
  })));
  const secretStore = await createDesktopSecretStore({ userDataDir: app.getPath('userData'), safeStorage, platform: process.platform });
  services = createMainServices({
    mode: 'electron',
    version: app.getVersion(),
    dataDir: app.getPath('userData'),
    secretStore,
    demo: createDemoProvider(),
  });
  ipc = registerContractIpc(services.handlers, (frame) => appUrl.isAppUrl(frame.url), () => mainWindow?.webContents ?? null);
  services.setEmitter(ipc.emit);
  openWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open reopens it.
    if (services && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('will-quit', () => {
    ipc?.dispose();
    void services?.close();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Deribit Reconciler could not start', error);
      app.exit(1);
    });
}
