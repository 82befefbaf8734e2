/**
 * Dates typed by hand as YYYY-MM-DD: one reading and one set of messages for every date field
 * (Year-end period, login-source reach-back), whatever the browser's own date format would be.
 */

export const DATE_FORMAT = 'YYYY-MM-DD';
const EXAMPLE = '2025-01-31';

export type DateTextCheck = { readonly ok: true; readonly date: string } | { readonly ok: false; readonly message: string };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A calendar date as YYYY-MM-DD, or a message naming the field, what is wrong and the expected form. */
export function checkDateText(text: string, field: string): DateTextCheck {
  const trimmed = text.trim();
  const form = `Enter it as ${DATE_FORMAT}, e.g. ${EXAMPLE}.`;
  if (trimmed === '') return { ok: false, message: `${field} is empty. ${form}` };
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (!m) return { ok: false, message: `${field} "${trimmed}" is not a date in the form ${DATE_FORMAT}. ${form}` };
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12) return { ok: false, message: `${field} ${trimmed} has no month ${month} (months are 01 to 12). ${form}` };
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (day < 1 || day > days) {
    return { ok: false, message: `${field} ${trimmed} does not exist: ${MONTHS[month - 1]} ${year} has ${days} days. ${form}` };
  }
  return { ok: true, date: trimmed };
}
