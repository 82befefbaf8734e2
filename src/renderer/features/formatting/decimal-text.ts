/**
 * Amounts as decimal text, shown and compared without ever becoming a `number`: grouping comes from
 * Intl on the integer part as a BigInt (exact at any size), the fraction is copied digit for digit.
 */

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

interface LocaleMarks {
  readonly group: string;
  readonly decimal: string;
  readonly minus: string;
  readonly integer: Intl.NumberFormat;
}

const marksCache = new Map<string, LocaleMarks>();

function marksOf(locale: string): LocaleMarks {
  const cached = marksCache.get(locale);
  if (cached) return cached;
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, { useGrouping: true });
  } catch {
    format = new Intl.NumberFormat('en-US', { useGrouping: true });
  }
  const parts = format.formatToParts(-1234567.5);
  const find = (type: string, fallback: string): string => parts.find((p) => p.type === type)?.value ?? fallback;
  const marks = { group: find('group', ','), decimal: find('decimal', '.'), minus: find('minusSign', '-'), integer: format };
  marksCache.set(locale, marks);
  return marks;
}

/** Digits after the point ("1.50" → 2, "3" → 0); null when the text is not a plain decimal. */
export function decimalPlaces(text: string): number | null {
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  return match[3]?.length ?? 0;
}

/**
 * "-2718.139147" → "-2,718.139147" (en-US) or "-2.718,139147" (de-DE): grouped integer part, every
 * stored digit kept, nothing rounded or padded. Text that is not a plain decimal is returned unchanged.
 */
export function groupDecimal(text: string, locale: string): string {
  const match = DECIMAL.exec(text.trim());
  if (!match) return text;
  const [, sign, whole = '0', fraction] = match;
  const marks = marksOf(locale);
  const grouped = marks.integer.format(BigInt(whole));
  return `${sign === '-' ? marks.minus : ''}${grouped}${fraction !== undefined ? marks.decimal + fraction : ''}`;
}

/** A number as the locale groups it ("3,930"): counts, row totals. */
export function groupInteger(value: number, locale: string): string {
  return Number.isSafeInteger(value) ? marksOf(locale).integer.format(value) : String(value);
}

/** Undoes groupDecimal: the stored text back from what the grid shows (search, tests, clipboard checks). */
export function ungroupDecimal(shown: string, locale: string): string {
  const marks = marksOf(locale);
  let text = shown.trim().split(marks.group).join('');
  // Some locales group with a (narrow) no-break space: drop any space too.
  text = text.replace(/[\s\u00a0\u202f]/g, '');
  if (marks.minus !== '-') text = text.split(marks.minus).join('-');
  if (marks.decimal !== '.') text = text.split(marks.decimal).join('.');
  return text;
}

/** Exact order of two decimal texts; anything that is not a decimal sorts after every decimal. */
export function compareDecimalText(a: string | null, b: string | null): number {
  const ma = a === null ? null : DECIMAL.exec(a.trim());
  const mb = b === null ? null : DECIMAL.exec(b.trim());
  if (!ma || !mb) return ma ? -1 : mb ? 1 : 0;
  const scale = Math.max(ma[3]?.length ?? 0, mb[3]?.length ?? 0);
  const scaled = (m: RegExpExecArray): bigint => {
    const digits = BigInt((m[2] ?? '0') + (m[3] ?? '').padEnd(scale, '0'));
    return m[1] === '-' ? -digits : digits;
  };
  const x = scaled(ma);
  const y = scaled(mb);
  return x < y ? -1 : x > y ? 1 : 0;
}
