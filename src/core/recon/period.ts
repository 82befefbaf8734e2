/**
 * Reporting periods: [fromMs, toMs) between local midnights of an IANA time zone (UTC by default, as
 * Deribit reports in UTC). Offsets come from Intl, so DST transitions are handled; a midnight that does
 * not exist (a DST gap at 00:00) becomes the first instant of that day.
 */
import type { Period } from './types';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The canonical zone name; a clear error for a zone Intl does not know. */
export function validateTimeZone(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw new Error(`Unknown time zone "${timeZone}": use an IANA name such as "UTC" or "Europe/Paris"`);
  }
}

/** Zone offset (local − UTC, ms) at an instant. */
function offsetAt(timeZone: string, utcMs: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(utcMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** UTC ms of local midnight starting the given day in the zone. */
export function localMidnightUtc(year: number, month: number, day: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day);
  const candidates = [...new Set([offsetAt(timeZone, wall), offsetAt(timeZone, wall - 86_400_000), offsetAt(timeZone, wall + 86_400_000)])]
    .map((o) => wall - o);
  const exact = candidates.filter((t) => t + offsetAt(timeZone, t) === wall);
  // Ambiguous (clocks turned back over midnight): the first occurrence. None (a gap): the transition.
  return exact.length > 0 ? Math.min(...exact) : Math.max(...candidates.filter((t) => t + offsetAt(timeZone, t) > wall));
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new Error(`Year ${year} is not a four-digit year`);
}

export function periodForYear(year: number, timeZone = 'UTC'): Period {
  checkYear(year);
  const zone = validateTimeZone(timeZone);
  return {
    fromMs: localMidnightUtc(year, 1, 1, zone),
    toMs: localMidnightUtc(year + 1, 1, 1, zone),
    timeZone: zone,
    label: `${year} (${zone})`,
  };
}

function parseDay(text: string, which: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new Error(`The ${which} date "${text}" is not in the form YYYY-MM-DD`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  checkYear(year);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    throw new Error(`The ${which} date ${text} does not exist`);
  }
  return { year, month, day };
}

/** Whole days from `from` through `toInclusive`, local to the zone. */
export function periodForRange(from: string, toInclusive: string, timeZone = 'UTC'): Period {
  const a = parseDay(from, 'start');
  const b = parseDay(toInclusive, 'end');
  const zone = validateTimeZone(timeZone);
  if (from > toInclusive) throw new Error(`The start date ${from} is after the end date ${toInclusive}`);
  const next = new Date(Date.UTC(b.year, b.month - 1, b.day + 1));
  return {
    fromMs: localMidnightUtc(a.year, a.month, a.day, zone),
    toMs: localMidnightUtc(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), zone),
    timeZone: zone,
    label: `${from} – ${toInclusive} (${zone})`,
  };
}

/** When the cached rows of the accounts begin and end (ms), or null when nothing is cached. */
export interface HistoryBounds {
  readonly firstMs: number;
  readonly lastMs: number;
}

const utcYear = (ms: number): number => new Date(ms).getUTCFullYear();
const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * The year a person expects to export: the most recent complete calendar year (UTC) that has rows;
 * when the rows all lie in the current year, that year; with no rows at all, the current year.
 * `emptyYears` are years found to hold no row (a gap inside the history): they are stepped over.
 */
export function defaultExportYear(bounds: HistoryBounds | null, now: number, emptyYears: ReadonlySet<number> = new Set()): number {
  const current = utcYear(now);
  if (bounds === null) return current;
  const first = utcYear(bounds.firstMs);
  const last = Math.min(utcYear(bounds.lastMs), current);
  for (let year = Math.min(last, current - 1); year >= first; year--) if (!emptyYears.has(year)) return year;
  return Math.max(first, Math.min(last, current));
}

/**
 * Why a period cannot hold any row of the accounts, in a sentence, or null when it may: it ends before
 * the first cached row, or it starts after now. (A period that merely has no rows is a warning, not this.)
 */
export function periodOutOfRange(period: Period, bounds: HistoryBounds | null, now: number): string | null {
  if (period.fromMs > now) {
    return `${period.label} starts after today (${utcDay(now)} UTC): there are no rows yet. Choose ${utcYear(now)} or earlier.`;
  }
  if (bounds !== null && period.toMs <= bounds.firstMs) {
    return `${period.label} ends before the accounts' first row (${utcDay(bounds.firstMs)} UTC): there is nothing to export. Choose ${utcYear(bounds.firstMs)} or later.`;
  }
  return null;
}
