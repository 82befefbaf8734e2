/** A Dexie liveQuery as React state: re-runs when the tables it read change (small queries only). */
import { liveQuery } from 'dexie';
import { useEffect, useState, type DependencyList } from 'react';

export function useLiveQuery<T>(query: () => Promise<T>, deps: DependencyList, initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (next) => setValue(next),
      // A failed read keeps the last value; the views say what they cannot show.
      error: () => undefined,
    });
    return () => subscription.unsubscribe();
    // The caller lists what the query depends on.
  }, deps);
  return value;
}
