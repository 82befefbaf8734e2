/** Times as the app shows them: ISO 8601 in UTC, the same text everywhere (grids, exports, details). */
import { currentNumberLocale } from '../settings/settings-store';
import { groupInteger } from './decimal-text';

export function formatUtcTimestamp(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

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
