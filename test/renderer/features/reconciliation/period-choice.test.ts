import { describe, expect, it } from 'vitest';
import { defaultPeriodChoice, invalidDateFields, knownTimeZones, periodFromChoice } from '../../../../src/renderer/features/reconciliation/period-choice';

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

  it('reads dates typed as YYYY-MM-DD and names the field and the form when one is not a date', () => {
    const range = (from: string, to: string) => ({ mode: 'range' as const, year: '', from, to, timeZone: 'UTC' });
    expect(periodFromChoice(range('2025-01-31', '2025-01-31'))).toMatchObject({ error: null, period: { fromMs: Date.UTC(2025, 0, 31), toMs: Date.UTC(2025, 1, 1) } });
    expect(periodFromChoice(range('2025-13-01', '2025-12-31')).error).toBe(
      'The start date 2025-13-01 has no month 13 (months are 01 to 12). Enter it as YYYY-MM-DD, e.g. 2025-01-31.',
    );
    expect(periodFromChoice(range('2025-01-01', '12/31/2025')).error).toMatch(/^The end date "12\/31\/2025" is not a date in the form YYYY-MM-DD/);
    expect(invalidDateFields(range('2025-13-01', '2025-12-31'))).toEqual({ from: true, to: false });
    expect(invalidDateFields(range('2025-05-01', '2025-03-01'))).toEqual({ from: false, to: false });
  });

  it('lists UTC first, then the runtime zones', () => {
    const zones = knownTimeZones();
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain('Europe/Paris');
  });
});
