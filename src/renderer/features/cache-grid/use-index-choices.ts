/**
 * Filter choices read from an index (accounts, currencies, types, events), reloaded when the cache
 * changes. The array keeps its identity while the values stay the same, so nothing downstream
 * (query plans, the grid's datasource) is rebuilt for nothing.
 */
import { useEffect, useState } from 'react';

export function useIndexChoices(load: () => Promise<readonly string[]>, version: number): readonly string[] {
  const [choices, setChoices] = useState<readonly string[]>([]);
  useEffect(() => {
    let cancelled = false;
    load().then(
      (next) => {
        if (cancelled) return;
        setChoices((previous) => (previous.length === next.length && previous.every((v, i) => v === next[i]) ? previous : next));
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
    // `load` is a fresh closure each render; the cache version is what changes its answer.
  }, [version]);
  return choices;
}
