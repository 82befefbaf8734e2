import { describe, expect, it } from 'vitest';
import { defaultPeriodChoice, knownTimeZones, periodFromChoice } from '../../../../src/renderer/features/reconciliation/period-choice';

describe('period picker choice', () => {
  it('defaults to the current calendar year in UTC', () => {
    const choice = defaultPeriodChoice(Date.UTC(2026, 10, 22, 8));
    expect(choice).toMatchObject({ mode: 'year', year: '2026', timeZone: 'UTC' });
    const { period } = periodFromChoice(choice);
    expect(period).toMatchObject({ fromMs: Date.UTC(2026, 0, 1), toMs: Date.UTC(2027, 0, 1), timeZone: 'UTC' });
  });

  it('a range in a zone: local midnights, end date inclusive', () => {
    const { period, error } = periodFromChoice({ mode: 'range', year: '', from: '2025-03-01', to: '2025-06-30', timeZone: 'Europe/Paris' });
    expect(error).toBeNull();
    // Paris is UTC+1 on 1 March and UTC+2 (summer time) on 1 July.
    expect(period?.fromMs).toBe(Date.UTC(2025, 1, 28, 23));
    expect(period?.toMs).toBe(Date.UTC(2025, 5, 30, 22));
  });

  it('says what is wrong: bad year, unknown zone, impossible date, reversed range', () => {
    expect(periodFromChoice({ mode: 'year', year: '25', from: '', to: '', timeZone: 'UTC' }).error).toMatch(/four digits/);
    expect(periodFromChoice({ mode: 'year', year: '2025', from: '', to: '', timeZone: 'Mars/Olympus' }).error).toMatch(/Mars\/Olympus/);
    expect(periodFromChoice({ mode: 'range', year: '', from: '2025-02-30', to: '2025-03-01', timeZone: 'UTC' }).error).not.toBeNull();
    expect(periodFromChoice({ mode: 'range', year: '', from: '2025-05-01', to: '2025-03-01', timeZone: 'UTC' }).error).not.toBeNull();
    expect(periodFromChoice({ mode: 'range', year: '', from: '', to: '2025-03-01', timeZone: 'UTC' }).error).toMatch(/both/);
  });

  it('lists UTC first, then the runtime zones', () => {
    const zones = knownTimeZones();
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain('Europe/Paris');
  });
});
