import { describe, expect, it } from 'vitest';
import { periodForRange, periodForYear } from '../../../src/core/recon/period';

describe('periods', () => {
  it('a UTC year', () => {
    expect(periodForYear(2025)).toEqual({ fromMs: Date.UTC(2025, 0, 1), toMs: Date.UTC(2026, 0, 1), timeZone: 'UTC', label: '2025 (UTC)' });
  });

  it('a year in Paris starts at local midnight (UTC+1 in winter)', () => {
    const p = periodForYear(2025, 'Europe/Paris');
    expect(new Date(p.fromMs).toISOString()).toBe('2024-12-31T23:00:00.000Z');
    expect(new Date(p.toMs).toISOString()).toBe('2025-12-31T23:00:00.000Z');
  });

  it('ranges across DST changes use each day’s own offset', () => {
    // New York: 2025-03-09 is the spring-forward day (EST −5 → EDT −4); 2025-11-02 falls back.
    const p = periodForRange('2025-03-01', '2025-11-02', 'America/New_York');
    expect(new Date(p.fromMs).toISOString()).toBe('2025-03-01T05:00:00.000Z');
    // End: midnight starting 2025-11-03, EST again.
    expect(new Date(p.toMs).toISOString()).toBe('2025-11-03T05:00:00.000Z');
    expect(p.label).toBe('2025-03-01 – 2025-11-02 (America/New_York)');
    const summer = periodForRange('2025-07-01', '2025-07-01', 'America/New_York');
    expect(summer.toMs - summer.fromMs).toBe(86_400_000);
    expect(new Date(summer.fromMs).toISOString()).toBe('2025-07-01T04:00:00.000Z');
  });

  it('a midnight that does not exist becomes the first instant of the day', () => {
    // America/Santiago springs forward at 24:00 on 2024-09-07: 2024-09-08 starts at 01:00 local (−03) = 04:00Z.
    const p = periodForRange('2024-09-08', '2024-09-08', 'America/Santiago');
    expect(new Date(p.fromMs).toISOString()).toBe('2024-09-08T04:00:00.000Z');
    expect(p.toMs - p.fromMs).toBe(23 * 3_600_000);
  });

  it('rejects bad input with messages a user understands', () => {
    expect(() => periodForYear(2025, 'Mars/Olympus')).toThrow('Unknown time zone "Mars/Olympus"');
    expect(() => periodForRange('2025-02-30', '2025-03-01')).toThrow('The start date 2025-02-30 does not exist');
    expect(() => periodForRange('2025-01-01', '2025-13-01')).toThrow('The end date 2025-13-01 does not exist');
    expect(() => periodForRange('2025-3-1', '2025-03-01')).toThrow('not in the form YYYY-MM-DD');
    expect(() => periodForRange('2025-03-02', '2025-03-01')).toThrow('The start date 2025-03-02 is after the end date 2025-03-01');
    expect(() => periodForYear(25)).toThrow('four-digit year');
  });
});
