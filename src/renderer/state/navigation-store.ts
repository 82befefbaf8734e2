/** Which view is open; any view may send the user to another (e.g. "Go to Sync" after adding a key). */
import { create } from 'zustand';

export type ViewId = 'accounts' | 'sync' | 'transactions' | 'access-log' | 'reconciliation' | 'login-sources' | 'login-events' | 'timeline' | 'findings';

export const VIEWS: readonly { readonly id: ViewId; readonly label: string }[] = [
  { id: 'accounts', label: 'Accounts' },
  { id: 'sync', label: 'Sync' },
  { id: 'transactions', label: 'Transactions' },
  { id: 'access-log', label: 'Access log' },
  { id: 'reconciliation', label: 'Reconciliation' },
  { id: 'login-sources', label: 'Login sources' },
  { id: 'login-events', label: 'Login events' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'findings', label: 'Findings' },
];

interface NavigationState {
  readonly view: ViewId;
  open(view: ViewId): void;
}

export const useNavigation = create<NavigationState>()((set) => ({
  view: 'accounts',
  open: (view) => set({ view }),
}));
