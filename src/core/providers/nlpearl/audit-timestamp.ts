/**
 * NLPearl's `timestamp` is a .NET date-time: the number of fraction digits varies (none up to 7, trailing
 * zeros trimmed) and the offset may be `Z`, `+00:00` or missing (a UTC DateTime serialized without its kind).
 * The doc says UTC, so a missing offset means UTC. Sub-millisecond digits are truncated, not rounded, so an
 * event always falls in the millisecond that contains it and window bounds stay exact.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(Z|z|[+-]\d{2}:?\d{2})?$/;

/** Epoch ms (floored) of a date-time text; null when it is not one. */
export function parseAuditTimestamp(text: string): number | null {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const ms = Number(((m[7] ?? '') + '000').slice(0, 3));
  let offsetMin = 0;
  const zone = m[8];
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    const digits = zone.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    offsetMin = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMin * 60_000;
  return Number.isFinite(utc) ? utc : null;
}

/** The request's `from`/`to`: ISO 8601 UTC with milliseconds, which ASP.NET binds to a UTC DateTime. */
export function formatRequestTime(ms: number): string {
  return new Date(ms).toISOString();
}
