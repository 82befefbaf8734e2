/**
 * A counter bumped whenever cached rows change (a sync page landed, an account's data was deleted):
 * grids and counts watch it and re-read, throttled on their side.
 */
import { create } from 'zustand';

interface CacheChangeState {
  readonly version: number;
  bump(): void;
}

export const useCacheChanges = create<CacheChangeState>()((set) => ({
  version: 0,
  bump: () => set((state) => ({ version: state.version + 1 })),
}));
