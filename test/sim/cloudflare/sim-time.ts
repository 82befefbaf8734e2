/**
 * The simulator's own RFC 3339 handling (it imports nothing from src/): times are [ms, nanos within the
 * ms] so comparisons are exact at any of the 0–9 fraction digits Cloudflare writes.
 */

export interface SimTime {
  ms: number;
  nanos: number;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

export function parseSimTime(text: string): SimTime | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, fraction = '', zone = 'Z'] = m;
  const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(base)) return null;
  const offset = zone.toUpperCase() === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  const nanos = Number(fraction.padEnd(9, '0'));
  return { ms: base - offset + Math.floor(nanos / 1e6), nanos: nanos % 1e6 };
}

export function compareSimTime(a: SimTime, b: SimTime): number {
  return a.ms - b.ms || a.nanos - b.nanos;
}

/** `2026-05-01T12:00:00Z` with `digits` (0–9) fraction digits, truncating the sub-ms part as needed. */
export function formatSimTime(ms: number, subMsNanos: number, digits: number): string {
  const iso = new Date(ms).toISOString(); // ...T12:00:00.123Z
  if (digits === 0) return `${iso.slice(0, 19)}Z`;
  const fraction = `${iso.slice(20, 23)}${String(subMsNanos).padStart(6, '0')}`.slice(0, digits);
  return `${iso.slice(0, 19)}.${fraction}Z`;
}
