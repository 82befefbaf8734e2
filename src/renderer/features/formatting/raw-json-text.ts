/**
 * A row's raw JSON, indented for the details panel without touching a single digit: lossless-json
 * keeps every number as its original text (JSON.parse would round amounts like 0.1000000000000000055).
 */
import { parse, stringify } from 'lossless-json';

export function formatRawJson(raw: string): string {
  try {
    return stringify(parse(raw), null, 2) ?? raw;
  } catch {
    // Not valid JSON (should not happen): show it exactly as stored.
    return raw;
  }
}
