/**
 * Wall-clock arithmetic in an IANA zone. Axis ticks fall on round local moments (the hour, midnight,
 * the first of the month) by stepping on the zone's wall clock, kept as "UTC-shaped" ms, and
 * converting each tick back to the instant it names.
 */
import { formatterFor, isValidTimeZone, UTC_ZONE } from './zoned-time';

/** How far the zone's clock is ahead of UTC at instant `ms` (+9 h for Tokyo, −4 h for New York in summer). */
export function zoneOffsetMs(ms: number, zone: string): number {
  if (zone === UTC_ZONE || !isValidTimeZone(zone)) return 0;
  const parts = formatterFor(zone).formatToParts(ms);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The zone's wall clock at `ms`, as the UTC ms that would read the same (getUTC* then give local fields). */
export function toWallClock(ms: number, zone: string): number {
  return ms + zoneOffsetMs(ms, zone);
}

/**
 * The instant a wall-clock reading names in the zone. A reading skipped by a daylight-saving jump maps
 * to the instant just after it; a repeated one to one of its two instants.
 */
export function fromWallClock(wall: number, zone: string): number {
  const guess = wall - zoneOffsetMs(wall, zone);
  return wall - zoneOffsetMs(guess, zone);
}
