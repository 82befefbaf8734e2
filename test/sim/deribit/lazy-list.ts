/**
 * A read-only array whose elements are built on access. Ground truth for a million-row stream would
 * otherwise hold every row's JSON text at once; this keeps it O(1) until a row is actually read.
 * Behaves as an array for indexing, length, iteration and the Array.prototype methods.
 */
export function lazyList<T>(length: number, at: (index: number) => T): readonly T[] {
  const indexOf = (key: string | symbol): number | undefined => {
    if (typeof key !== 'string' || !/^(0|[1-9]\d*)$/.test(key)) return undefined;
    const index = Number(key);
    return index < length ? index : undefined;
  };
  return new Proxy([] as T[], {
    get(target, key, receiver) {
      if (key === 'length') return length;
      const index = indexOf(key);
      if (index !== undefined) return at(index);
      return Reflect.get(target, key, receiver) as unknown;
    },
    has(target, key) {
      return key === 'length' || indexOf(key) !== undefined || Reflect.has(target, key);
    },
    ownKeys() {
      return [...Array.from({ length }, (_, i) => String(i)), 'length'];
    },
    getOwnPropertyDescriptor(target, key) {
      if (key === 'length') return { value: length, writable: true, enumerable: false, configurable: false };
      const index = indexOf(key);
      if (index !== undefined) return { value: at(index), writable: false, enumerable: true, configurable: true };
      return undefined;
    },
    set() {
      return false;
    },
    deleteProperty() {
      return false;
    },
  });
}
