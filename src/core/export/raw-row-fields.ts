/**
 * The few `info` fields exports need, read from a row's raw JSON text by string search: parsing a
 * million rows' JSON would cost more than the whole export. Keys are unique enough in Deribit rows
 * (`transaction` and `other_user_id`/`other_user` only occur inside `info`).
 */

/** The JSON value text after `"key":` (whitespace allowed), or null when the key is absent. */
function valueStart(raw: string, key: string): number {
  const needle = `"${key}"`;
  let from = 0;
  for (;;) {
    const at = raw.indexOf(needle, from);
    if (at < 0) return -1;
    let i = at + needle.length;
    while (i < raw.length && isSpace(raw.charCodeAt(i))) i++;
    if (raw.charCodeAt(i) === 58 /* : */) {
      i++;
      while (i < raw.length && isSpace(raw.charCodeAt(i))) i++;
      return i;
    }
    from = at + 1;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** A string value (JSON escapes decoded); null when absent or not a string. */
export function rawStringField(raw: string, key: string): string | null {
  const start = valueStart(raw, key);
  if (start < 0 || raw.charCodeAt(start) !== 34 /* " */) return null;
  let i = start + 1;
  let escaped = false;
  for (; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 92 /* \ */) {
      escaped = true;
      i++;
    } else if (c === 34) break;
  }
  if (i >= raw.length) return null;
  const body = raw.slice(start + 1, i);
  if (!escaped) return body;
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return null;
  }
}

/** A safe-integer value (number or digit string); null otherwise. */
export function rawIntegerField(raw: string, key: string): number | null {
  const start = valueStart(raw, key);
  if (start < 0) return null;
  const m = /^"?(-?\d+)"?/.exec(raw.slice(start, start + 24));
  if (!m?.[1]) return null;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) ? n : null;
}

/** On-chain hash of a deposit/withdrawal (`info.transaction`). */
export function txHashOfRaw(raw: string): string | null {
  const hash = rawStringField(raw, 'transaction');
  return hash === null || hash === '' ? null : hash;
}

/** Counterparty of a subaccount transfer: `info.other_user_id` and `info.other_user`. */
export function transferCounterparty(raw: string): { userId: number | null; username: string | null } {
  return { userId: rawIntegerField(raw, 'other_user_id'), username: rawStringField(raw, 'other_user') };
}

/** A number value's exact text (a JSON number or a numeric string); null when absent, null or not numeric. */
export function rawNumberText(raw: string, key: string): string | null {
  const start = valueStart(raw, key);
  if (start < 0) return null;
  const quoted = raw.charCodeAt(start) === 34;
  const m = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(raw.slice(quoted ? start + 1 : start, start + 48));
  if (!m) return null;
  if (quoted && raw.charCodeAt(start + 1 + m[0].length) !== 34) return null;
  return m[0];
}

/**
 * A settlement row's funding: its `interest_pl` as exact text; null for other rows, and when absent or zero.
 * The USD totals (core/fiat/usd-totals.ts) and the Overview's monthly funding use this one rule.
 */
export function fundingOf(row: { readonly type: string; readonly raw: string }): string | null {
  if (row.type !== 'settlement') return null;
  const text = rawNumberText(row.raw, 'interest_pl');
  if (text === null || !/[1-9]/.test(text.replace(/[eE].*$/, ''))) return null;
  return text;
}
