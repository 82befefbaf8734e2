/**
 * Pulse `date` values: documented only as "datetime". Accepts ISO 8601 with or without a fraction (any
 * number of digits, truncated to ms), `Z`, `±hh:mm`, `±hhmm` or no zone (read as UTC), a space instead
 * of `T`, and epoch numbers (seconds below 1e11, else ms). Null when unreadable.
 */
import { isLosslessNumber } from 'lossless-json';

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

export function parsePulseDate(value: unknown): number | null {
  if (isLosslessNumber(value) || typeof value === 'number') {
    const n = Number(value.toString());
    if (!Number.isFinite(n)) return null;
    return Math.floor(Math.abs(n) < 1e11 ? n * 1000 : n);
  }
  if (typeof value !== 'string') return null;
  const m = ISO.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = Number((frac ?? '').padEnd(3, '0').slice(0, 3));
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? '0'), ms);
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
    t -= sign * offsetMin * 60_000;
  }
  return Number.isFinite(t) ? t : null;
}

export function formatPulseDate(ms: number): string {
  return new Date(ms).toISOString();
}
