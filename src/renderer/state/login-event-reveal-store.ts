/**
 * A request to show one cached login event in the Login events grid (from a correlation finding, a
 * timeline item, ...): the view opens, filters to the event's source, scrolls to it, selects it and opens
 * its details. `key` makes a repeated request for the same event count again.
 */
import { create } from 'zustand';
import { useNavigation } from './navigation-store';

export interface LoginEventRevealRequest {
  /** The event's primary key: `${sourceKey}|${id}`. */
  readonly eventKey: string;
  readonly key: number;
}

interface LoginEventRevealState {
  readonly request: LoginEventRevealRequest | null;
  reveal(eventKey: string): void;
  /** The view took the request (so coming back to the tab later does not reveal again). */
  handled(key: number): void;
}

let nextKey = 1;

export const useLoginEventReveal = create<LoginEventRevealState>()((set) => ({
  request: null,
  reveal(eventKey) {
    set({ request: { eventKey, key: nextKey++ } });
    useNavigation.getState().open('login-events');
  },
  handled(key) {
    set((state) => (state.request?.key === key ? { request: null } : state));
  },
}));
