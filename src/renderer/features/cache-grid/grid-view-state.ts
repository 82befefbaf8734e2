/**
 * What each grid view remembers across tab switches and restarts (localStorage, read as the store is created): its
 * filters and search text, its sort, its column widths and whether the row details are open. Keyed
 * by view id ('transactions', 'access-log', 'login-events'); never in the URL.
 */
import { create } from 'zustand';
import { readStoredJson, saveOnChange } from '../settings/local-storage-json';

export interface GridSortState {
  readonly colId: string;
  readonly descending: boolean;
}

export interface GridViewState {
  /** Filter id → chosen value (absent = all). */
  readonly filters: Readonly<Record<string, string>>;
  readonly search: string;
  readonly sort: GridSortState | null;
  /** Column id → width in px, only for columns the user resized. */
  readonly widths: Readonly<Record<string, number>>;
  /** null = the default for the window width. */
  readonly detailsOpen: boolean | null;
}

export const EMPTY_GRID_VIEW_STATE: GridViewState = { filters: {}, search: '', sort: null, widths: {}, detailsOpen: null };

interface GridViewStore {
  readonly views: Readonly<Record<string, GridViewState>>;
  update(viewId: string, change: Partial<GridViewState>): void;
  reset(viewId: string): void;
}

export const GRID_VIEW_STORAGE_KEY = 'deribit-reconciler.grid-views';

export const useGridViews = create<GridViewStore>()((set) => ({
  views: sanitizeViews(readStoredJson(GRID_VIEW_STORAGE_KEY)),
  update: (viewId, change) =>
    set((state) => ({ views: { ...state.views, [viewId]: { ...(state.views[viewId] ?? EMPTY_GRID_VIEW_STATE), ...change } } })),
  reset: (viewId) =>
    set((state) => {
      const views = { ...state.views };
      delete views[viewId];
      return { views };
    }),
}));

saveOnChange(useGridViews, GRID_VIEW_STORAGE_KEY, ({ views }) => ({ views }));

function isRecordOf<V>(value: unknown, check: (v: unknown) => v is V): value is Record<string, V> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(check);
}

/** A damaged entry loses only what is damaged. */
export function sanitizeViews(persisted: unknown): Record<string, GridViewState> {
  const views = (persisted as { views?: unknown } | null)?.views;
  if (typeof views !== 'object' || views === null) return {};
  const out: Record<string, GridViewState> = {};
  for (const [id, raw] of Object.entries(views as Record<string, unknown>)) {
    if (typeof raw !== 'object' || raw === null) continue;
    const v = raw as Record<string, unknown>;
    const sort = v.sort as { colId?: unknown; descending?: unknown } | null | undefined;
    out[id] = {
      filters: isRecordOf(v.filters, (x): x is string => typeof x === 'string') ? v.filters : {},
      search: typeof v.search === 'string' ? v.search : '',
      sort: sort && typeof sort.colId === 'string' && typeof sort.descending === 'boolean' ? { colId: sort.colId, descending: sort.descending } : null,
      widths: isRecordOf(v.widths, (x): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0) ? v.widths : {},
      detailsOpen: typeof v.detailsOpen === 'boolean' ? v.detailsOpen : null,
    };
  }
  return out;
}

export function useGridViewState(viewId: string): GridViewState {
  return useGridViews((s) => s.views[viewId] ?? EMPTY_GRID_VIEW_STATE);
}
