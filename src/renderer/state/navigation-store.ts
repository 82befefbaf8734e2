/** Which view is open; any view may send the user to another (e.g. "Go to Sync" after adding a key). */
import { create } from 'zustand';

export type ViewId = 'overview' | 'accounts' | 'sync' | 'transactions' | 'access-log' | 'reconciliation' | 'login-sources' | 'login-events' | 'timeline' | 'findings' | 'settings';

export const VIEWS: readonly { readonly id: ViewId; readonly label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'accounts', label: 'Accounts' },
  { id: 'sync', label: 'Sync' },
  { id: 'transactions', label: 'Transactions' },
  { id: 'access-log', label: 'Access log' },
  { id: 'reconciliation', label: 'Reconciliation' },
  { id: 'login-sources', label: 'Login sources' },
  { id: 'login-events', label: 'Login events' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'findings', label: 'Findings' },
  { id: 'settings', label: 'Settings' },
];

/** The open tab is remembered across restarts (localStorage; never the URL). */
const OPEN_VIEW_STORAGE_KEY = 'deribit-reconciler.open-view';

function rememberedView(): ViewId | null {
  try {
    const saved = localStorage.getItem(OPEN_VIEW_STORAGE_KEY);
    return VIEWS.find((v) => v.id === saved)?.id ?? null;
  } catch {
    return null;
  }
}

function rememberView(view: ViewId): void {
  try {
    localStorage.setItem(OPEN_VIEW_STORAGE_KEY, view);
  } catch {
    // No storage (tests, a locked-down profile): the tab is simply not remembered.
  }
}

interface NavigationState {
  readonly view: ViewId;
  open(view: ViewId): void;
}

export const useNavigation = create<NavigationState>()((set) => ({
  view: rememberedView() ?? 'accounts',
  open: (view) => {
    rememberView(view);
    set({ view });
  },
}));
