import { describe, expect, it } from 'vitest';
import {
  formatZonedDate,
  formatZonedMinute,
  formatZonedTime,
  formatZonedTimeNamed,
  fullPrecisionTime,
  isValidTimeZone,
} from '../../../../src/renderer/features/formatting/zoned-time';

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

describe('the shorter and the named forms', () => {
  it('cuts to the minute or the day in the zone (the day can differ from the UTC day)', () => {
    expect(formatZonedMinute(T, 'UTC')).toBe('2024-05-12 19:31');
    expect(formatZonedMinute(T, 'Asia/Kolkata')).toBe('2024-05-13 01:01');
    expect(formatZonedDate(T, 'UTC')).toBe('2024-05-12');
    expect(formatZonedDate(T, 'Asia/Tokyo')).toBe('2024-05-13');
    expect(formatZonedMinute(null, 'UTC')).toBe('');
  });

  it('names the zone beside a time standing alone', () => {
    expect(formatZonedTimeNamed(T, 'Asia/Tokyo')).toBe('2024-05-13 04:31:02 Asia/Tokyo');
    expect(formatZonedTimeNamed(T, 'Mars/Olympus')).toBe('2024-05-12 19:31:02 UTC');
    expect(formatZonedTimeNamed(undefined, 'UTC')).toBe('');
  });
});

describe('fullPrecisionTime', () => {
  it('keeps ISO 8601 in UTC with milliseconds for details and tooltips', () => {
    expect(fullPrecisionTime(T)).toBe('2024-05-12T19:31:02.705Z');
    expect(fullPrecisionTime(1_793_491_200_123)).toBe('2026-11-01T00:00:00.123Z');
  });
  it('is empty for a missing or impossible time', () => {
    expect(fullPrecisionTime(null)).toBe('');
    expect(fullPrecisionTime(Number.NaN)).toBe('');
    expect(fullPrecisionTime(9e15)).toBe('');
  });
});
