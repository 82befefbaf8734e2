/**
 * RFC 3339 times as Cloudflare writes them: 0–9 fraction digits, `Z` or a numeric offset. Parsed by hand
 * because Date.parse is only specified for exactly 3 fraction digits; the sub-millisecond part is kept
 * separately so records inside one millisecond still order correctly.
 */

export interface ExactTime {
  /** Epoch milliseconds, the fraction truncated (never rounded up into the next millisecond). */
  readonly ms: number;
  /** Nanoseconds within that millisecond, 0–999,999. */
  readonly subMsNanos: number;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/** Null when the text is not an RFC 3339 date-time (or names an impossible date). */
export function parseRfc3339(text: string): ExactTime | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, fraction = '', zone = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  const base = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59));
  // Date.UTC rolls 31 February over into March: reject instead of silently moving the event.
  if (new Date(base).getUTCDate() !== day) return null;
  let offsetMs = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    offsetMs = sign * (Number(zone.slice(1, 3)) * 3_600_000 + Number(zone.slice(4, 6)) * 60_000);
  }
  const nanos = Number(fraction.padEnd(9, '0'));
  return { ms: base - offsetMs + Math.floor(nanos / 1_000_000), subMsNanos: nanos % 1_000_000 };
}

export function compareExactTime(a: ExactTime, b: ExactTime): number {
  return a.ms - b.ms || a.subMsNanos - b.subMsNanos;
}

/** `2026-05-01T12:00:00.123Z`: millisecond precision, what the connector sends as since/until. */
export function formatRfc3339Ms(ms: number): string {
  return new Date(ms).toISOString();
}
