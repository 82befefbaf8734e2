import { describe, expect, it } from 'vitest';
import { fromWallClock, toWallClock, zoneOffsetMs } from '../../../../src/renderer/features/formatting/zone-clock';

const HOUR = 3_600_000;

describe('zoneOffsetMs', () => {
  it('is the zone clock minus UTC at that instant, daylight saving included', () => {
    expect(zoneOffsetMs(Date.UTC(2024, 0, 15, 12), 'UTC')).toBe(0);
    expect(zoneOffsetMs(Date.UTC(2024, 0, 15, 12), 'Asia/Tokyo')).toBe(9 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2024, 0, 15, 12), 'Asia/Kolkata')).toBe(5.5 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2024, 0, 15, 12), 'Europe/Berlin')).toBe(HOUR);
    expect(zoneOffsetMs(Date.UTC(2024, 6, 15, 12), 'Europe/Berlin')).toBe(2 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2024, 6, 15, 12), 'America/New_York')).toBe(-4 * HOUR);
    // Milliseconds of the instant do not leak into the offset.
    expect(zoneOffsetMs(Date.UTC(2024, 6, 15, 12, 0, 0, 999), 'America/New_York')).toBe(-4 * HOUR);
  });

  it('treats an unknown zone as UTC', () => {
    expect(zoneOffsetMs(Date.UTC(2024, 0, 15, 12), 'Mars/Olympus')).toBe(0);
  });
});

describe('wall clock round trip', () => {
  it('reads the zone fields as UTC fields and converts back', () => {
    const t = Date.UTC(2024, 4, 12, 19, 31, 2, 705);
    expect(new Date(toWallClock(t, 'Asia/Tokyo')).toISOString()).toBe('2024-05-13T04:31:02.705Z');
    for (const zone of ['UTC', 'Asia/Tokyo', 'Asia/Kolkata', 'Europe/Berlin', 'America/New_York']) {
      expect(fromWallClock(toWallClock(t, zone), zone)).toBe(t);
    }
  });

  it('local midnight across a daylight-saving change', () => {
    // Berlin springs forward on 2024-03-31: midnight is still 23:00 UTC the day before; a day later 22:00 UTC.
    expect(fromWallClock(Date.UTC(2024, 2, 31), 'Europe/Berlin')).toBe(Date.UTC(2024, 2, 30, 23));
    expect(fromWallClock(Date.UTC(2024, 3, 1), 'Europe/Berlin')).toBe(Date.UTC(2024, 2, 31, 22));
  });

  it('a reading skipped by the jump maps next to it, not to another day', () => {
    // 02:30 does not exist in Berlin on 2024-03-31.
    const t = fromWallClock(Date.UTC(2024, 2, 31, 2, 30), 'Europe/Berlin');
    expect(Math.abs(t - Date.UTC(2024, 2, 31, 1, 0))).toBeLessThanOrEqual(HOUR);
  });
});
