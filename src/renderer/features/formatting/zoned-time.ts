/**
 * Times as the grids show them: "2024-05-12 19:31:02" in the zone the user chose (the zone is named
 * in the column header, not on every row). Details keep the full ISO text with milliseconds.
 */

export const UTC_ZONE = 'UTC';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
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

/** True when Intl knows the IANA zone name ("Europe/Berlin", "UTC"). */
export function isValidTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
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
