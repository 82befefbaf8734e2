/**
 * Reading back a connector's cursor (JSON text the sync engine stored with a page). Anything unreadable,
 * of another version or corrupt, gives null and the caller restarts the window: re-reading only repeats
 * events (deduplicated by key), it never skips one.
 */
export function readJsonCursor<T>(text: string, accept: (value: Readonly<Record<string, unknown>>) => T | null): T | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? accept(value as Record<string, unknown>) : null;
}
