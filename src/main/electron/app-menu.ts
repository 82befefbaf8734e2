/**
 * The application menu: the standard roles (macOS routes copy and paste in text fields through the
 * Edit menu, so without it Cmd+C/Cmd+V do nothing there), zoom, the window roles, and Help → README.
 * Reload and developer tools only in development: a reload in the packaged app would drop a sync in
 * flight for no reason a user could want.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuOptions {
  readonly appName: string;
  readonly isMac: boolean;
  readonly isDevelopment: boolean;
  /** Help → "Read the README". */
  readonly openReadme: () => void;
}

export function buildAppMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const { appName, isMac, isDevelopment } = options;
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [{
        label: appName,
        submenu: [{ role: 'about' }, sep, { role: 'services' }, sep, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, sep, { role: 'quit' }],
      }]
    : [];
  const development: MenuItemConstructorOptions[] = isDevelopment ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, sep] : [];
  return [
    ...appMenu,
    { label: '&File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        sep,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        ...(isMac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
        { role: 'delete' },
        sep,
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [...development, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, sep, { role: 'togglefullscreen' }],
    },
    {
      label: '&Window',
      role: 'windowMenu',
      submenu: isMac ? [{ role: 'minimize' }, { role: 'zoom' }, sep, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
    },
    {
      label: '&Help',
      role: 'help',
      submenu: [{ label: `${appName} README`, click: () => options.openReadme() }],
    },
  ];
}
