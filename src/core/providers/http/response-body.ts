/**
 * Reading an answer's body: lossless JSON (big ids and unknown numeric fields keep their exact text), a
 * Retry-After header, and a list whose every item must be an object.
 */
import { parse } from 'lossless-json';
import type { ProviderError } from '../deribit/errors';
import { isJsonObject, losslessJson, type JsonObject } from '../deribit/lossless-response';
import { failureReason } from './http-exchange';

export type LosslessParse = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

export function parseLossless(text: string): LosslessParse {
  try {
    return { ok: true, value: parse(text) };
  } catch (e) {
    return { ok: false, reason: failureReason(e) };
  }
}

/** Retry-After in seconds or as an HTTP-date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The items as objects; the first that is not one is a malformed answer, named by `where(i)` (e.g. "data[3]"). */
export function requireObjects(
  items: readonly unknown[],
  where: (i: number) => string,
  malformed: (detail: string) => ProviderError,
): JsonObject[] {
  return items.map((item, i) => {
    if (!isJsonObject(item)) throw malformed(`${where(i)} is not an object: ${losslessJson(item).slice(0, 80)}`);
    return item;
  });
}
