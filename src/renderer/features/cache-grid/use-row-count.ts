/**
 * The row count for the current filter, recomputed when the filter or the cache changes. Null while
 * counting; a superseded count is cancelled, and a count for an old filter is never shown.
 */
import { useEffect, useState } from 'react';

export function useRowCount(count: (isCancelled: () => boolean) => Promise<number | null>, key: string, version: number): number | null {
  const [result, setResult] = useState<{ key: string; count: number } | null>(null);
  useEffect(() => {
    let cancelled = false;
    count(() => cancelled).then(
      (n) => {
        if (!cancelled && n !== null) setResult({ key, count: n });
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
    // `count` is rebuilt on every render; `key` names the filter it counts, so key + version suffice.
  }, [key, version]);
  return result !== null && result.key === key ? result.count : null;
}
