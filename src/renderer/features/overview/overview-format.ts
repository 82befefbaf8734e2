import { formatZonedTimeNamed } from '../formatting/zoned-time';

/** Times on the Overview: "2026-03-01 12:00:05 Asia/Tokyo", in the display zone and named. Months stay UTC calendar months. */
export function overviewTime(ms: number, zone: string): string {
  return formatZonedTimeNamed(ms, zone);
}

/** "2026-03" → "Mar 2026" (a UTC calendar month, as the worker buckets them). */
export function monthName(month: string): string {
  const [y, m] = month.split('-').map(Number);
  if (y === undefined || m === undefined || !Number.isFinite(y) || !Number.isFinite(m)) return month;
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** Month start (ms) of "2026-03". */
export function monthStart(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, 1);
}
