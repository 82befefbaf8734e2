import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_WINDOW_STATE, readWindowState, restoreWindowState, trackWindowState } from '../../../src/main/electron/window-state';

const LAPTOP = { x: 0, y: 0, width: 1440, height: 870 };
const MONITOR = { x: 1440, y: 0, width: 2560, height: 1410 };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'window-state-'));
});
afterEach(async () => {
  vi.useRealTimers();
  await rm(dir, { recursive: true, force: true });
});

describe('restoreWindowState', () => {
  it('keeps a position that is on a connected display', () => {
    expect(restoreWindowState({ x: 1600, y: 100, width: 1800, height: 1000, maximized: true }, [LAPTOP, MONITOR]))
      .toEqual({ x: 1600, y: 100, width: 1800, height: 1000, maximized: true });
  });

  it('centres a window whose display is gone, keeping a size that fits', () => {
    expect(restoreWindowState({ x: 1600, y: 100, width: 2400, height: 1300, maximized: false }, [LAPTOP]))
      .toEqual({ width: 1440, height: 870, maximized: false });
  });

  it('centres a window whose title bar is above every display', () => {
    expect(restoreWindowState({ x: 100, y: -500, width: 1000, height: 1300, maximized: false }, [LAPTOP, MONITOR])).not.toHaveProperty('y');
  });

  it('never goes below the minimum size, and ignores garbage', () => {
    expect(restoreWindowState({ x: 10, y: 10, width: 200, height: 100, maximized: false }, [LAPTOP])).toMatchObject({ width: 960, height: 600 });
    for (const bad of [null, 'x', { width: '1000', height: 800 }, { width: 1.5, height: 800 }, { width: 1e12, height: 800 }]) {
      expect(restoreWindowState(bad, [LAPTOP])).toEqual(DEFAULT_WINDOW_STATE);
    }
  });
});

describe('readWindowState and trackWindowState', () => {
  function fakeWindow(bounds = { x: 50, y: 60, width: 1200, height: 800 }, maximized = false) {
    const listeners = new Map<string, () => void>();
    return {
      listeners,
      window: { on: (event: string, l: () => void) => listeners.set(event, l), getNormalBounds: () => bounds, isMaximized: () => maximized },
    };
  }

  it('remembers the bounds on close and restores them on the next start', async () => {
    const path = join(dir, 'window-state.json');
    expect(readWindowState(path, [LAPTOP])).toEqual(DEFAULT_WINDOW_STATE);
    const { window, listeners } = fakeWindow({ x: 50, y: 60, width: 1200, height: 800 }, true);
    trackWindowState(window, path);
    listeners.get('close')?.();
    expect(readWindowState(path, [LAPTOP])).toEqual({ x: 50, y: 60, width: 1200, height: 800, maximized: true });
  });

  it('saves while moving or resizing, debounced', async () => {
    vi.useFakeTimers();
    const path = join(dir, 'nested', 'window-state.json');
    const { window, listeners } = fakeWindow();
    trackWindowState(window, path, 500);
    listeners.get('move')?.();
    listeners.get('resize')?.();
    await expect(readFile(path, 'utf8')).rejects.toThrow();
    vi.advanceTimersByTime(500);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ x: 50, width: 1200 });
  });

  it('a damaged file gives the default window', async () => {
    const path = join(dir, 'window-state.json');
    await writeFile(path, '{"x": 1, "wid');
    expect(readWindowState(path, [LAPTOP])).toEqual(DEFAULT_WINDOW_STATE);
  });
});
