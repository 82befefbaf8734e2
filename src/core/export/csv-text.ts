/**
 * RFC 4180 text: CRLF line ends, fields quoted only when they hold a comma, quote, CR or LF.
 *
 * Text fields come from Deribit (info, instrument, username, trade ids) and from the user (account
 * labels): a spreadsheet opening the file would run one starting with `=`, `+`, `-`, `@`, tab or CR as a
 * formula (`=HYPERLINK(…)` leaks data on a click, `@SUM(…)` and `-1+2` compute). Such text gets a leading
 * `'` and quotes, as OWASP advises ("CSV Injection"): the cell shows the text, never runs it. Amounts are
 * numbers and must stay numbers (`-0.5`), so numeric columns go through `csvNumber`, which writes exact
 * decimal text as is and treats anything else as text.
 */

export const CSV_EOL = '\r\n';
const NEEDS_QUOTES = /[",\r\n]/;
/** What a spreadsheet may read as the start of a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Exact decimal text as Deribit sends amounts (`-0.5`, `1e-8`); the same shape the lossless reader accepts. */
const DECIMAL_TEXT = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A text field: quoted when it must be, and `'`-prefixed (and quoted) when it could be read as a formula.
 * A lone "-" (Deribit's `side` of transfers and deposits) is no formula and stays as it is. Numbers
 * (JS numbers: ids, counts) are written as they are.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (FORMULA_START.test(value) && value !== '-') return `"'${value.replaceAll('"', '""')}"`;
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A numeric field (amount, price, total): exact decimal text as is, e.g. `-0.5`; anything else as text (csvField). */
export function csvNumber(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return DECIMAL_TEXT.test(value) ? value : csvField(value);
}

/** One record of fields already encoded by csvField / csvNumber, with its line end. */
export function csvRecord(encoded: readonly string[]): string {
  return encoded.join(',') + CSV_EOL;
}

/** One record of text fields (headers, labels), each through csvField, with its line end. */
export function csvLine(fields: readonly (string | number | null)[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) line += ',';
    line += csvField(fields[i] ?? null);
  }
  return line + CSV_EOL;
}
