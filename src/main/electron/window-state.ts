/**
 * The main window's size, position and maximized state, remembered in `<userData>/window-state.json`.
 * A saved position is used only while it still lies on a connected display (a laptop unplugged from its
 * second monitor must not open the window off screen); otherwise the size is kept and the window centred.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  /** Position is absent when the window should be centred. */
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1360, height: 860, maximized: false };
export const MIN_WINDOW_SIZE = { width: 960, height: 600 } as const;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 1_000_000;

/** How much of `a` lies inside `b`, in square pixels. */
function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** The saved state made safe for today's displays; the default when nothing usable was saved. */
export function restoreWindowState(saved: unknown, workAreas: readonly Rect[]): WindowState {
  const s = saved as Partial<Record<keyof WindowState, unknown>> | null;
  if (typeof s !== 'object' || s === null || !isInt(s.width) || !isInt(s.height)) return DEFAULT_WINDOW_STATE;
  const largest = workAreas.reduce((m, a) => ({ width: Math.max(m.width, a.width), height: Math.max(m.height, a.height) }), { width: 0, height: 0 });
  const width = Math.max(MIN_WINDOW_SIZE.width, largest.width > 0 ? Math.min(s.width, largest.width) : s.width);
  const height = Math.max(MIN_WINDOW_SIZE.height, largest.height > 0 ? Math.min(s.height, largest.height) : s.height);
  const maximized = s.maximized === true;
  if (!isInt(s.x) || !isInt(s.y)) return { width, height, maximized };
  const rect = { x: s.x, y: s.y, width, height };
  // At least half the window on one display, and its top edge (the title bar) on some display.
  const visible = workAreas.some((a) => overlap(rect, a) >= (width * height) / 2) &&
    workAreas.some((a) => overlap({ x: rect.x, y: rect.y, width, height: 32 }, a) > 0);
  return visible ? { x: s.x, y: s.y, width, height, maximized } : { width, height, maximized };
}

export function readWindowState(path: string, workAreas: readonly Rect[]): WindowState {
  try {
    return restoreWindowState(JSON.parse(readFileSync(path, 'utf8')) as unknown, workAreas);
  } catch {
    return DEFAULT_WINDOW_STATE; // first start, or a damaged file: the default is all we lose
  }
}

/** The part of BrowserWindow this module needs. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
}

/**
 * Saves the state when the window closes (synchronously: the app may quit right after) and, debounced,
 * while it is moved or resized, so a crash still keeps the last layout.
 */
export function trackWindowState(window: TrackedWindow, path: string, debounceMs = 1000): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    const { x, y, width, height } = window.getNormalBounds();
    const state: WindowState = { x, y, width, height, maximized: window.isMaximized() };
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(`${path}.tmp`, JSON.stringify(state));
      renameSync(`${path}.tmp`, path);
    } catch {
      // Not remembering the window's place is no reason to disturb the user.
    }
  };
  const later = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, debounceMs);
    timer.unref?.();
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('close', save);
}
