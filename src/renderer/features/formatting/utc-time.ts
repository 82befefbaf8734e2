/**
 * Relative times and counts. Times themselves are shown in the display zone (zoned-time.ts), with the
 * full-precision UTC instant in details and tooltips (fullPrecisionTime).
 */
import { currentNumberLocale } from '../settings/settings-store';
import { groupInteger } from './decimal-text';

/** "just now", "5 min ago", "3 h ago", "2 days ago" — for "last synced" next to the exact time. */
export function formatTimeAgo(ms: number, now: number): string {
  const elapsed = Math.max(0, now - ms);
  const minutes = Math.floor(elapsed / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/**
 * "1 transaction", "3,930 transactions": every count in the app grouped the same way, in the number
 * locale chosen in Settings (en-US unless changed).
 */
export function formatCount(count: number, singular: string, plural: string, locale: string = currentNumberLocale()): string {
  return `${groupInteger(count, locale)} ${count === 1 ? singular : plural}`;
}
