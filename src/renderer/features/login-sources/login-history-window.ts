/** The pure parts of a login source's history window: what was asked for, and the reach-back date field. */
import { utcDate } from '../../../core/logins/source-retention';
import { DEFAULT_LOGIN_LOOKBACK_MS, type LoginStreamState } from '../../../core/sync/login-sync';

/** The oldest time the syncs have asked this source for (null: never synced). */
export function askedFromOf(state: LoginStreamState | null): number | null {
  if (state === null) return null;
  if (state.coveredFrom !== undefined && state.coveredFrom !== null) return state.coveredFrom;
  // The first window, still running.
  if (state.watermark === null) return state.windowStart;
  // Saved before windows could reach back: its first window was a year before a sync no later than the watermark.
  return state.watermark - DEFAULT_LOGIN_LOOKBACK_MS;
}

/** `YYYY-MM-DD` from a date input → UTC midnight ms; null when empty or not a date. */
export function parseDateInput(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(ms) || utcDate(ms) !== text.trim() ? null : ms;
}
