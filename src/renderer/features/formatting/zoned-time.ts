/**
 * Times as the grids show them: "2024-05-12 19:31:02" in the zone the user chose (the zone is named
 * in the column header, not on every row). Details keep the full ISO text with milliseconds.
 */

export const UTC_ZONE = 'UTC';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's year, month, day, hour, minute and second as 2-digit parts (24-hour clock); one per zone. */
export function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

const known = new Map<string, boolean>();

/** True when Intl knows the IANA zone name ("Europe/Berlin", "UTC"). Remembered: every formatted time asks. */
export function isValidTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  let valid = known.get(zone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      valid = true;
    } catch {
      valid = false;
    }
    known.set(zone, valid);
  }
  return valid;
}

/** The zone this computer runs in (falls back to UTC when unknown). */
export function systemTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isValidTimeZone(zone) ? zone : UTC_ZONE;
}

/** "2024-05-12 19:31:02" in `zone`; '' for a missing or impossible time. */
export function formatZonedTime(ms: number | null | undefined, zone: string): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || Number.isNaN(new Date(ms).getTime())) return '';
  const parts = formatterFor(isValidTimeZone(zone) ? zone : UTC_ZONE).formatToParts(ms);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/** "2024-05-12 19:31" in `zone` (readouts whose precision is a minute); '' for an impossible time. */
export function formatZonedMinute(ms: number | null | undefined, zone: string): string {
  return formatZonedTime(ms, zone).slice(0, 16);
}

/** "2024-05-12" in `zone`; '' for an impossible time. */
export function formatZonedDate(ms: number | null | undefined, zone: string): string {
  return formatZonedTime(ms, zone).slice(0, 10);
}

/** "2024-05-12 19:31:02 UTC": a time standing alone, with its zone named beside it. */
export function formatZonedTimeNamed(ms: number | null | undefined, zone: string): string {
  const text = formatZonedTime(ms, zone);
  return text === '' ? '' : `${text} ${isValidTimeZone(zone) ? zone : UTC_ZONE}`;
}

/**
 * The full-precision time for details and tooltips: ISO 8601 in UTC with milliseconds
 * ("2024-05-12T19:31:02.705Z"); '' for a missing or impossible time.
 */
export function fullPrecisionTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
