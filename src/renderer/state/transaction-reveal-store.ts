/**
 * A request to show one cached transaction in the Transactions grid (from a reconciliation finding,
 * a timeline item, ...): the view opens, filters to the row's account and currency, scrolls to it,
 * selects it and opens its details. `key` makes a repeated request for the same row count again.
 */
import { create } from 'zustand';
import { useNavigation } from './navigation-store';

export interface TransactionRevealRequest {
  readonly accountKey: string;
  readonly id: number;
  readonly key: number;
}

interface TransactionRevealState {
  readonly request: TransactionRevealRequest | null;
  reveal(accountKey: string, id: number): void;
  /** The view took the request (so coming back to the tab later does not reveal again). */
  handled(key: number): void;
}

let nextKey = 1;

export const useTransactionReveal = create<TransactionRevealState>()((set) => ({
  request: null,
  reveal(accountKey, id) {
    set({ request: { accountKey, id, key: nextKey++ } });
    useNavigation.getState().open('transactions');
  },
  handled(key) {
    set((state) => (state.request?.key === key ? { request: null } : state));
  },
}));
