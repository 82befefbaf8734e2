/**
 * Date text for exports: UTC forms for CSV files, calendar dates in the period's time zone for
 * Beancount (whose balance assertions work on dates), and the period's slug for file names.
 */
import type { Period } from '../recon/types';

const DAY_MS = 86_400_000;
let cachedDay = Number.NaN;
let cachedDayText = '';
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** UTC date and time parts; Date#toISOString per row is a measurable cost over a million rows. */
function utcParts(ms: number): { day: string; time: string; millis: number } {
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDayText = new Date(day * DAY_MS).toISOString().slice(0, 10);
  }
  const inDay = ms - day * DAY_MS;
  const seconds = Math.floor(inDay / 1000);
  const time = `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
  return { day: cachedDayText, time, millis: inDay - seconds * 1000 };
}

/**
 * A time no calendar can hold (a cache written before the sync refused such rows may hold 9e15) is
 * written as its number, so one bad row cannot make a whole export throw.
 */
function unusualIso(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : `invalid-time:${ms}`;
}

/** 2025-01-05T10:00:00.000Z */
export function isoUtc(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0 || ms >= 253402300800000) return unusualIso(ms);
  const { day, time, millis } = utcParts(ms);
  return `${day}T${time}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

/** 2025-01-05 10:00:00 (UTC), the form Koinly and CoinTracking read. */
export function spaceSeparatedUtc(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0 || ms >= 253402300800000) {
    const iso = unusualIso(ms);
    return iso.startsWith('invalid') ? iso : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  const { day, time } = utcParts(ms);
  return `${day} ${time}`;
}

// Every zone offset and every DST switch in use falls on a quarter hour, so all instants of one
// UTC quarter hour share a local date: cache per quarter hour (rows arrive roughly in time order).
const QUARTER_HOUR_MS = 900_000;

/** Local calendar date (YYYY-MM-DD) of instants in one IANA zone, cached. */
export class ZonedDates {
  private readonly format: Intl.DateTimeFormat | null;
  private lastBucket = Number.NaN;
  private lastDate = '';

  constructor(readonly timeZone: string) {
    this.format =
      timeZone === 'UTC'
        ? null
        : new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hourCycle: 'h23' });
  }

  dateOf(ms: number): string {
    const bucket = Math.floor(ms / QUARTER_HOUR_MS);
    if (bucket !== this.lastBucket) {
      this.lastBucket = bucket;
      this.lastDate = this.compute(ms);
    }
    return this.lastDate;
  }

  private compute(ms: number): string {
    if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return unusualIso(ms);
    if (this.format === null) return new Date(ms).toISOString().slice(0, 10);
    let year = '';
    let month = '';
    let day = '';
    for (const part of this.format.formatToParts(ms)) {
      if (part.type === 'year') year = part.value;
      else if (part.type === 'month') month = part.value;
      else if (part.type === 'day') day = part.value;
    }
    return `${year.padStart(4, '0')}-${month}-${day}`;
  }
}

/** Calendar arithmetic on a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/** First and last calendar day of the period in its zone. */
export function periodDays(period: Period, dates = new ZonedDates(period.timeZone)): { first: string; last: string } {
  return { first: dates.dateOf(period.fromMs), last: dates.dateOf(period.toMs - 1) };
}

/** "2025-UTC" for a calendar year, "2025-03-01_2025-06-30-Europe-Paris" otherwise: safe in file names. */
export function periodSlug(period: Period): string {
  const { first, last } = periodDays(period);
  const wholeYear = first.endsWith('-01-01') && last.endsWith('-12-31') && first.slice(0, 4) === last.slice(0, 4);
  const span = wholeYear ? first.slice(0, 4) : `${first}_${last}`;
  const zone = period.timeZone.replace(/[^A-Za-z0-9+-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${span}-${zone || 'zone'}`;
}
