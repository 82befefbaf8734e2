import { describe, expect, it } from 'vitest';
import { formatZonedTime, isValidTimeZone } from '../../../../src/renderer/features/formatting/zoned-time';

const T = Date.UTC(2024, 4, 12, 19, 31, 2, 705);

describe('formatZonedTime', () => {
  it('shows "YYYY-MM-DD HH:MM:SS" in the zone, without milliseconds', () => {
    expect(formatZonedTime(T, 'UTC')).toBe('2024-05-12 19:31:02');
    expect(formatZonedTime(T, 'Asia/Tokyo')).toBe('2024-05-13 04:31:02');
    expect(formatZonedTime(T, 'America/New_York')).toBe('2024-05-12 15:31:02');
  });

  it('uses 00 for midnight, never 24', () => {
    expect(formatZonedTime(Date.UTC(2024, 0, 1, 0, 0, 0), 'UTC')).toBe('2024-01-01 00:00:00');
  });

  it('follows daylight saving', () => {
    expect(formatZonedTime(Date.UTC(2024, 0, 15, 12), 'Europe/Berlin')).toBe('2024-01-15 13:00:00');
    expect(formatZonedTime(Date.UTC(2024, 6, 15, 12), 'Europe/Berlin')).toBe('2024-07-15 14:00:00');
  });

  it('is empty for missing or impossible times, and falls back to UTC for an unknown zone', () => {
    expect(formatZonedTime(null, 'UTC')).toBe('');
    expect(formatZonedTime(9e15, 'UTC')).toBe('');
    expect(formatZonedTime(T, 'Mars/Olympus')).toBe('2024-05-12 19:31:02');
  });
});

describe('isValidTimeZone', () => {
  it('knows IANA names and refuses others', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});
