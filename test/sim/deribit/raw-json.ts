/**
 * JSON text writer where amounts are pre-formatted number literals (RawJson) so no float ever
 * touches an amount. Everything else (strings, ids, booleans) goes through JSON.stringify.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

export const raw = (text: string): RawJson => new RawJson(text);

export type JsonValue =
  | RawJson
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined };

/** Serialises a value; object keys whose value is undefined are omitted (absent fields). */
export function toJsonText(value: JsonValue): string {
  if (value instanceof RawJson) return value.text;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item: JsonValue) => toJsonText(item)).join(',')}]`;
  const parts: string[] = [];
  for (const [key, item] of Object.entries(value as { readonly [key: string]: JsonValue | undefined })) {
    if (item !== undefined) parts.push(`${JSON.stringify(key)}:${toJsonText(item)}`);
  }
  return `{${parts.join(',')}}`;
}
