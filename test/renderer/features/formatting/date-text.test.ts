import { describe, expect, it } from 'vitest';
import { checkDateText } from '../../../../src/renderer/features/formatting/date-text';

describe('checkDateText', () => {
  it('accepts a real date as YYYY-MM-DD (spaces around it ignored)', () => {
    expect(checkDateText('2025-01-31', 'The start date')).toEqual({ ok: true, date: '2025-01-31' });
    expect(checkDateText(' 2024-02-29 ', 'The start date')).toEqual({ ok: true, date: '2024-02-29' });
    expect(checkDateText('2000-02-29', 'The start date').ok).toBe(true);
  });

  it('refuses a month that does not exist, naming the field, the month and the expected form', () => {
    const check = checkDateText('2025-13-01', 'The start date');
    expect(check).toEqual({ ok: false, message: 'The start date 2025-13-01 has no month 13 (months are 01 to 12). Enter it as YYYY-MM-DD, e.g. 2025-01-31.' });
    expect(checkDateText('2025-00-10', 'The end date').ok).toBe(false);
  });

  it('refuses a day the month does not have, leap years counted', () => {
    expect(checkDateText('2025-02-29', 'The end date')).toEqual({
      ok: false,
      message: 'The end date 2025-02-29 does not exist: February 2025 has 28 days. Enter it as YYYY-MM-DD, e.g. 2025-01-31.',
    });
    expect(checkDateText('1900-02-29', 'The end date').ok).toBe(false);
    expect(checkDateText('2025-04-31', 'The end date').ok).toBe(false);
    expect(checkDateText('2025-04-00', 'The end date').ok).toBe(false);
  });

  it('refuses other forms (the browser-style mm/dd/yyyy included) and says which form it wants', () => {
    for (const bad of ['01/31/2025', '2025-1-31', '31.01.2025', 'yesterday']) {
      const check = checkDateText(bad, 'The reach-back date');
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.message).toBe(`The reach-back date "${bad}" is not a date in the form YYYY-MM-DD. Enter it as YYYY-MM-DD, e.g. 2025-01-31.`);
    }
    expect(checkDateText('  ', 'The start date')).toEqual({ ok: false, message: 'The start date is empty. Enter it as YYYY-MM-DD, e.g. 2025-01-31.' });
  });
});
