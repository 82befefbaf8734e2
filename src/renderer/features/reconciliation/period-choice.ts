/**
 * The period picker's state as the user typed it, and the Period it means (or why it means none):
 * a calendar year (by default the most recent complete year with rows: defaultExportYear) or an
 * inclusive date range, in an IANA time zone.
 */
import { periodForRange, periodForYear } from '../../../core/recon/period';
import type { Period } from '../../../core/recon/types';
import { checkDateText } from '../formatting/date-text';

export interface PeriodChoice {
  readonly mode: 'year' | 'range';
  readonly year: string;
  /** YYYY-MM-DD, inclusive. */
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
}

export function defaultPeriodChoice(now: number): PeriodChoice {
  return yearChoice(new Date(now).getUTCFullYear());
}

/** A calendar year in UTC (the range fields preset to the same year). */
export function yearChoice(year: number, timeZone = 'UTC'): PeriodChoice {
  return { mode: 'year', year: String(year), from: `${year}-01-01`, to: `${year}-12-31`, timeZone };
}

export type PeriodResult = { readonly period: Period; readonly error: null } | { readonly period: null; readonly error: string };

export function periodFromChoice(choice: PeriodChoice): PeriodResult {
  const timeZone = choice.timeZone.trim() === '' ? 'UTC' : choice.timeZone.trim();
  try {
    if (choice.mode === 'year') {
      if (!/^\d{4}$/.test(choice.year.trim())) return { period: null, error: 'Enter a year with four digits, e.g. 2025.' };
      return { period: periodForYear(Number(choice.year.trim()), timeZone), error: null };
    }
    if (choice.from.trim() === '' || choice.to.trim() === '') return { period: null, error: 'Enter both a start and an end date, as YYYY-MM-DD.' };
    const from = checkDateText(choice.from, 'The start date');
    if (!from.ok) return { period: null, error: from.message };
    const to = checkDateText(choice.to, 'The end date');
    if (!to.ok) return { period: null, error: to.message };
    return { period: periodForRange(from.date, to.date, timeZone), error: null };
  } catch (error) {
    return { period: null, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Which range fields do not hold a YYYY-MM-DD date (marked invalid beside the period's message). */
export function invalidDateFields(choice: PeriodChoice): { readonly from: boolean; readonly to: boolean } {
  if (choice.mode !== 'range') return { from: false, to: false };
  return { from: !checkDateText(choice.from, '').ok, to: !checkDateText(choice.to, '').ok };
}

/** Every IANA zone the runtime knows (for the datalist), UTC first. */
export function knownTimeZones(): string[] {
  const intl = Intl as { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}
