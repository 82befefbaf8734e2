import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildAppMenuTemplate } from '../../../src/main/electron/app-menu';

const submenu = (template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] => {
  const menu = template.find((m) => m.label?.replace('&', '') === label);
  if (!menu) throw new Error(`no ${label} menu`);
  return menu.submenu as MenuItemConstructorOptions[];
};
const roles = (items: MenuItemConstructorOptions[]) => items.map((i) => i.role).filter((r) => r !== undefined);

describe('buildAppMenuTemplate', () => {
  const options = { appName: 'Deribit Reconciler', openReadme: vi.fn() };

  it.each([true, false])('has the standard Edit roles (macOS %s), without which copy and paste fail in inputs on macOS', (isMac) => {
    const edit = roles(submenu(buildAppMenuTemplate({ ...options, isMac, isDevelopment: false }), 'Edit'));
    expect(edit).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
    expect(edit.includes('pasteAndMatchStyle')).toBe(isMac);
  });

  it('View: zoom always, reload and developer tools only in development', () => {
    const packaged = roles(submenu(buildAppMenuTemplate({ ...options, isMac: false, isDevelopment: false }), 'View'));
    expect(packaged).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut']));
    expect(packaged).not.toContain('reload');
    expect(packaged).not.toContain('forceReload');
    expect(packaged).not.toContain('toggleDevTools');
    const dev = roles(submenu(buildAppMenuTemplate({ ...options, isMac: false, isDevelopment: true }), 'View'));
    expect(dev).toEqual(expect.arrayContaining(['reload', 'toggleDevTools', 'zoomIn']));
  });

  it('has a Window menu, the app menu on macOS only, and Quit where each platform expects it', () => {
    const mac = buildAppMenuTemplate({ ...options, isMac: true, isDevelopment: false });
    expect(mac[0]?.label).toBe('Deribit Reconciler');
    expect(roles(mac[0]?.submenu as MenuItemConstructorOptions[])).toEqual(expect.arrayContaining(['about', 'hide', 'quit']));
    expect(roles(submenu(mac, 'Window'))).toEqual(expect.arrayContaining(['minimize', 'zoom', 'front']));
    const linux = buildAppMenuTemplate({ ...options, isMac: false, isDevelopment: false });
    expect(linux.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
    expect(roles(submenu(linux, 'File'))).toEqual(['quit']);
    expect(roles(submenu(linux, 'Window'))).toEqual(['minimize', 'close']);
  });

  it('Help opens the README', () => {
    const openReadme = vi.fn();
    const help = submenu(buildAppMenuTemplate({ ...options, openReadme, isMac: false, isDevelopment: false }), 'Help');
    expect(help[0]?.label).toBe('Deribit Reconciler README');
    (help[0]?.click as () => void)();
    expect(openReadme).toHaveBeenCalledTimes(1);
  });
});
