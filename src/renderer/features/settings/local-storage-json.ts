/**
 * A small synchronous localStorage binding for zustand stores: the saved value is read while the store
 * is created (so the first render already shows it — zustand's persist middleware hydrates after
 * creation, and anything written before that would overwrite what was saved), and every change is
 * written back. No storage (tests, a locked-down profile) means nothing is remembered, nothing fails.
 */
import type { StoreApi } from 'zustand';

export function readStoredJson(key: string): unknown {
  try {
    const text = typeof localStorage === 'undefined' ? null : localStorage.getItem(key);
    return text === null ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

export function writeStoredJson(key: string, value: unknown): void {
  try {
    if (typeof localStorage !== 'undefined') localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Full or unavailable: the setting lasts for this session only.
  }
}

/** Saves `pick(state)` under `key` whenever it changes. */
export function saveOnChange<S, P>(store: StoreApi<S>, key: string, pick: (state: S) => P): () => void {
  let last = JSON.stringify(pick(store.getState()));
  return store.subscribe((state) => {
    const value = pick(state);
    const text = JSON.stringify(value);
    if (text === last) return;
    last = text;
    writeStoredJson(key, value);
  });
}
