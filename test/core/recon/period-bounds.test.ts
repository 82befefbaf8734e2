/** The period a person expects by default, and the periods refused because they cannot hold a row. */
import { describe, expect, it } from 'vitest';
import { defaultExportYear, periodForRange, periodForYear, periodOutOfRange, type HistoryBounds } from '../../../src/core/recon/period';

const at = (iso: string): number => Date.parse(iso);
const span = (first: string, last: string): HistoryBounds => ({ firstMs: at(first), lastMs: at(last) });
const NOW = at('2026-12-07T09:00:00Z');

describe('default export year', () => {
  it.each([
    ['rows last year and this year: last year, the most recent complete one', span('2025-05-19T00:00:00Z', '2026-10-01T00:00:00Z'), NOW, [], 2025],
    ['rows only in an earlier year: that year', span('2023-02-01T00:00:00Z', '2023-11-30T00:00:00Z'), NOW, [], 2023],
    ['rows over several past years: the newest complete one', span('2019-01-01T00:00:00Z', '2024-06-30T00:00:00Z'), NOW, [], 2024],
    ['rows only in the current year: the current year', span('2026-03-01T00:00:00Z', '2026-11-01T00:00:00Z'), NOW, [], 2026],
    ['no rows at all: the current year', null, NOW, [], 2026],
    ['last year has no row (a gap): the year before it', span('2023-01-05T00:00:00Z', '2026-10-01T00:00:00Z'), NOW, [2025, 2024], 2023],
    ['every complete year empty: the current year', span('2024-12-31T00:00:00Z', '2026-10-01T00:00:00Z'), NOW, [2025, 2024], 2026],
    ['on New Year’s Day the year just ended is complete', span('2025-05-19T00:00:00Z', '2026-12-31T23:00:00Z'), at('2027-01-01T00:30:00Z'), [], 2026],
    ['a last row stamped after now does not make a future year', span('2025-05-19T00:00:00Z', '2027-01-02T00:00:00Z'), NOW, [], 2025],
  ] as const)('%s', (_case, bounds, now, empty, expected) => {
    expect(defaultExportYear(bounds, now, new Set(empty))).toBe(expected);
  });
});

describe('periods refused as out of range', () => {
  const bounds = span('2025-05-19T10:00:00Z', '2026-10-01T00:00:00Z');
  it.each([
    ['a year before the first row', periodForYear(1999), /^1999 \(UTC\) ends before the accounts' first row \(2025-05-19 UTC\): there is nothing to export\. Choose 2025 or later\.$/],
    ['the year just before the first row', periodForYear(2024), /ends before the accounts' first row/],
    ['a year after today', periodForYear(2030), /^2030 \(UTC\) starts after today \(2026-12-07 UTC\): there are no rows yet\. Choose 2026 or earlier\.$/],
    ['a range starting tomorrow', periodForRange('2026-12-08', '2026-12-31'), /starts after today/],
    ['a range ending the day before the first row', periodForRange('2025-01-01', '2025-05-18'), /ends before the accounts' first row/],
  ] as const)('%s', (_case, period, message) => {
    expect(periodOutOfRange(period, bounds, NOW)).toMatch(message);
  });

  it.each([
    ['the first row’s year', periodForYear(2025)],
    ['the current year (partly past)', periodForYear(2026)],
    ['a range ending on the first row’s day', periodForRange('2025-01-01', '2025-05-19')],
    ['a range after the last row, up to today (no rows: a warning, not a refusal)', periodForRange('2026-10-02', '2026-12-07')],
    ['a range running past today', periodForRange('2026-12-01', '2027-01-31')],
    ['a year in a zone west of UTC that starts before the first row’s UTC day', periodForYear(2025, 'America/New_York')],
  ] as const)('accepts %s', (_case, period) => {
    expect(periodOutOfRange(period, bounds, NOW)).toBeNull();
  });

  it('with nothing cached, only the future is refused', () => {
    expect(periodOutOfRange(periodForYear(1999), null, NOW)).toBeNull();
    expect(periodOutOfRange(periodForYear(2027), null, NOW)).toMatch(/starts after today/);
  });
});
