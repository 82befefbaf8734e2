/**
 * Electron main entry, kept thin: one instance; on ready, the services (secrets via safeStorage),
 * the IPC transport (sender frames checked against the app URL) and the window.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow } from 'electron';
import { createDemoProvider } from './demo/demo-simulator';
import { createAppUrlPolicy } from './electron/app-url-policy';
import { createMainWindow, hardenWebContents } from './electron/main-window';
import { createSafeStorageSecretStore } from './secrets/safe-storage-secret-store';
import { createMainServices, type MainServices } from './services/main-services';
import { registerContractIpc, type IpcTransport } from './transports/ipc-transport';

const here = dirname(fileURLToPath(import.meta.url)); // out/main

// Every renderer sandboxed, including any created outside createMainWindow.
app.enableSandbox();

let services: MainServices | null = null;
let ipc: IpcTransport | null = null;
let mainWindow: BrowserWindow | null = null;

const appUrl = createAppUrlPolicy({
  indexHtmlPath: join(here, '../renderer/index.html'),
  // electron-vite dev sets this; a packaged app never honours it.
  devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL,
});

function openWindow(): void {
  mainWindow = createMainWindow({ preloadPath: join(here, '../preload/index.cjs'), appUrl, documentsPath: app.getPath('documents') });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

async function start(): Promise<void> {
  services = createMainServices({
    mode: 'electron',
    version: app.getVersion(),
    dataDir: app.getPath('userData'),
    secretStore: createSafeStorageSecretStore(),
    demo: createDemoProvider(),
  });
  ipc = registerContractIpc(services.handlers, (frame) => appUrl.isAppUrl(frame.url), () => mainWindow?.webContents ?? null);
  services.setEmitter(ipc.emit);
  openWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
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
