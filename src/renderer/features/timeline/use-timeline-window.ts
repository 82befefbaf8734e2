/**
 * The timeline's data hooks: the source keys with events (re-read when the cache changes) and the visible
 * window's lane data (re-read, debounced, when the window or the lanes change; a stale read is dropped).
 */
import { useEffect, useState } from 'react';
import type { LoginSourceKind } from '../../../core/logins/types';
import { db } from '../../db/db-instance';
import { useCacheChanges } from '../../state/cache-change-store';
import type { TimeRange } from './time-range';
import { readLaneWindows, readSourceKeys, type LaneWindow, type SourceKeyInfo } from './timeline-events';

const READ_DELAY_MS = 60;

export function useSourceKeys(): { readonly sourceKeys: readonly SourceKeyInfo[]; readonly loaded: boolean } {
  const version = useCacheChanges((s) => s.version);
  const [state, setState] = useState<{ sourceKeys: readonly SourceKeyInfo[]; loaded: boolean }>({ sourceKeys: [], loaded: false });
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void readSourceKeys(db).then(
        (sourceKeys) => live && setState({ sourceKeys, loaded: true }),
        () => live && setState((s) => ({ ...s, loaded: true })),
      );
    }, state.loaded ? 500 : 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [version]);
  return state;
}

export function useLaneWindows(lanes: ReadonlyMap<LoginSourceKind, readonly string[]>, range: TimeRange | null, lanesKey: string): readonly LaneWindow[] {
  const version = useCacheChanges((s) => s.version);
  const [windows, setWindows] = useState<readonly LaneWindow[]>([]);
  useEffect(() => {
    if (range === null) return;
    let live = true;
    const timer = setTimeout(() => {
      void readLaneWindows(db, lanes, range).then((next) => live && setWindows(next), () => undefined);
    }, READ_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [range?.from, range?.to, lanesKey, version]);
  return windows;
}
