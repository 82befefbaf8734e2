/**
 * CSV fields written straight into a UTF-8 buffer, byte for byte what `csvField` / `csvNumber` /
 * `csvRecord` give after TextEncoder: the transactions CSV's hot path (a million rows of ~30 fields).
 * Building each row as one string and encoding it costs about twice as much (V8 flattens the
 * concatenation, then copies it again; most of the cost is that garbage). ASCII is copied char by char;
 * any other text goes through TextEncoder, so UTF-8 (lone surrogates included) stays TextEncoder's.
 *
 * Two ways in: CsvBytes's methods (one field at a time, each making room for itself), and the put*
 * functions, which write at a position of a buffer the caller made room in and return the position
 * after: a row writer that reserves once per row keeps the buffer and position in locals (about a
 * third cheaper over a million rows than a method call per field, measured in Node).
 */
import { csvField } from './csv-text';
import { isoUtc } from './export-dates';

const QUOTE = 34;
const COMMA = 44;
const UTF8 = new TextEncoder();

/**
 * Room a csvField / csvNumber of `value` needs at most: quoting doubles a quote (2 bytes), a UTF-16
 * unit is at most 3 bytes of UTF-8, plus the two quotes and a `'`. Numbers (older caches) as text.
 */
export function fieldRoom(value: string | number | null): number {
  if (value === null) return 0;
  return typeof value === 'string' ? value.length * 3 + 3 : NUMBER_ROOM;
}

/** The room putInteger of any JS number and putIsoUtc of any time need at most ("invalid-time:-1.7976931348623157e+308"). */
export const NUMBER_ROOM = 64;

/** Text of any kind through TextEncoder, at `at`. */
function putEncoded(buffer: Uint8Array, at: number, text: string): number {
  return at + UTF8.encodeInto(text, buffer.subarray(at)).written;
}

/** Text as it is. */
export function putText(buffer: Uint8Array, at: number, s: string): number {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) return putEncoded(buffer, at - i, s);
    buffer[at++] = c;
  }
  return at;
}

/** csvField(value). */
export function putField(buffer: Uint8Array, at: number, value: string | number | null): number {
  if (value === null) return at;
  // Typed text, but a cache written by older code may hold a number: csvField's own path.
  if (typeof value !== 'string') return putText(buffer, at, csvField(value));
  const n = value.length;
  if (n === 0) return at;
  const c0 = value.charCodeAt(0);
  // FORMULA_START (=, +, -, @, tab, CR) except a lone "-".
  const formula = (c0 === 61 || c0 === 43 || c0 === 64 || c0 === 9 || c0 === 13 || c0 === 45) && !(n === 1 && c0 === 45);
  const start = at;
  if (!formula) {
    let i = 0;
    for (; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c >= 128 || c === QUOTE || c === COMMA || c === 13 || c === 10) break;
      buffer[at++] = c;
    }
    if (i === n) return at;
    if (value.charCodeAt(i) >= 128) return putEncoded(buffer, start, csvField(value));
    at = start;
  }
  // Quoted: `"` (+ `'` for formula-like text), quotes doubled, `"`.
  buffer[at++] = QUOTE;
  if (formula) buffer[at++] = 39;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128) return putEncoded(buffer, start, csvField(value));
    if (c === QUOTE) buffer[at++] = QUOTE;
    buffer[at++] = c;
  }
  buffer[at++] = QUOTE;
  return at;
}

/** csvNumber(value) for text: exact decimal text as it is, anything else as a text field. */
export function putNumber(buffer: Uint8Array, at: number, value: string | number | null): number {
  if (value === null) return at;
  if (typeof value !== 'string') return putText(buffer, at, String(value));
  // DECIMAL_TEXT (-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?) checked while copying: a regex test per amount costs as much as the copy.
  const n = value.length;
  const start = at;
  let i = 0;
  let c = value.charCodeAt(0);
  if (c === 45) {
    buffer[at++] = c;
    c = value.charCodeAt(++i);
  }
  let digits = 0;
  while (c >= 48 && c <= 57) {
    buffer[at++] = c;
    digits++;
    c = value.charCodeAt(++i);
  }
  if (c === 46) {
    buffer[at++] = c;
    c = value.charCodeAt(++i);
    while (c >= 48 && c <= 57) {
      buffer[at++] = c;
      digits++;
      c = value.charCodeAt(++i);
    }
  }
  if (digits > 0 && (c === 101 || c === 69)) {
    buffer[at++] = c;
    c = value.charCodeAt(++i);
    if (c === 43 || c === 45) {
      buffer[at++] = c;
      c = value.charCodeAt(++i);
    }
    let exponent = 0;
    while (c >= 48 && c <= 57) {
      buffer[at++] = c;
      exponent++;
      c = value.charCodeAt(++i);
    }
    if (exponent === 0) digits = 0;
  }
  if (digits > 0 && i === n) return at;
  return putField(buffer, start, value);
}

/** Digits of a non-negative integer below 2^31. */
function putSmallInteger(buffer: Uint8Array, at: number, n: number): number {
  let digits = 1;
  for (let p = 10; p <= n; p *= 10) digits++;
  const end = at + digits;
  let next = end;
  let v = n | 0;
  do {
    const rest = (v / 10) | 0;
    buffer[--next] = 48 + v - rest * 10;
    v = rest;
  } while (v > 0);
  return end;
}

/** A JS number as String() writes it (ids, counts, times): digits straight in for safe non-negative integers. */
export function putInteger(buffer: Uint8Array, at: number, n: number): number {
  if (n >= 0 && n <= 0x7fffffff && (n | 0) === n) return putSmallInteger(buffer, at, n);
  // Millisecond times and large ids: high digits, then the low 8 (both below 2^31, so exact).
  if (!(Number.isSafeInteger(n) && n > 0)) return putText(buffer, at, String(n));
  const high = Math.floor(n / 1e8);
  let low = n - high * 1e8;
  at = putSmallInteger(buffer, at, high);
  for (let k = 7; k >= 0; k--) {
    const rest = (low / 10) | 0;
    buffer[at + k] = 48 + low - rest * 10;
    low = rest;
  }
  return at + 8;
}

const DAY_MS = 86_400_000;
/** The last UTC day written and its "YYYY-MM-DDT" (rows come in time order: one day serves thousands). */
let isoDay = NaN;
let isoDayBytes = new Uint8Array(0);

/** isoUtc(ms): 2025-01-05T10:00:00.000Z. */
export function putIsoUtc(buffer: Uint8Array, at: number, ms: number): number {
  if (!Number.isSafeInteger(ms) || ms < 0 || ms >= 253402300800000) return putText(buffer, at, isoUtc(ms));
  const day = Math.floor(ms / DAY_MS);
  if (day !== isoDay) {
    isoDayBytes = UTF8.encode(isoUtc(day * DAY_MS).slice(0, 11));
    isoDay = day;
  }
  buffer.set(isoDayBytes, at);
  at += 11;
  let t = ms - day * DAY_MS;
  const hours = (t / 3_600_000) | 0;
  t -= hours * 3_600_000;
  const minutes = (t / 60_000) | 0;
  t -= minutes * 60_000;
  const seconds = (t / 1000) | 0;
  const millis = t - seconds * 1000;
  buffer[at++] = 48 + ((hours / 10) | 0);
  buffer[at++] = 48 + (hours % 10);
  buffer[at++] = 58;
  buffer[at++] = 48 + ((minutes / 10) | 0);
  buffer[at++] = 48 + (minutes % 10);
  buffer[at++] = 58;
  buffer[at++] = 48 + ((seconds / 10) | 0);
  buffer[at++] = 48 + (seconds % 10);
  buffer[at++] = 46;
  buffer[at++] = 48 + ((millis / 100) | 0);
  buffer[at++] = 48 + (((millis / 10) | 0) % 10);
  buffer[at++] = 48 + (millis % 10);
  buffer[at++] = 90;
  return at;
}

export class CsvBytes {
  private buffer: Uint8Array;
  private at = 0;

  constructor(capacity = 1 << 20) {
    this.buffer = new Uint8Array(capacity);
  }

  /** Starts a new batch (the buffer is reused: take() copies out). */
  reset(): void {
    this.at = 0;
  }

  /** The bytes written since reset(), as a copy of their own (the caller may transfer it). */
  take(): Uint8Array {
    return this.buffer.slice(0, this.at);
  }

  /**
   * The bytes written since reset() as they are, with nothing copied: this buffer is handed over (the
   * caller may transfer it) and the next batch is written into a new one of the same size.
   */
  detach(): Uint8Array {
    const bytes = this.buffer.subarray(0, this.at);
    this.buffer = new Uint8Array(this.buffer.length);
    this.at = 0;
    return bytes;
  }

  get length(): number {
    return this.at;
  }

  /** A copy of the bytes written from `start` on. */
  copy(start: number): Uint8Array {
    return this.buffer.slice(start, this.at);
  }

  /**
   * For a writer of put* calls: the buffer, with room for `bytes` more from `length` on. Write from
   * `length`, then hand the position after the last byte to moveTo(). Valid until the next call.
   */
  room(bytes: number): Uint8Array {
    this.reserve(bytes);
    return this.buffer;
  }

  /** Where the next byte goes, after put* calls into room()'s buffer. */
  moveTo(at: number): void {
    this.at = at;
  }

  /** Bytes as they are. */
  bytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.at);
    this.at += bytes.length;
  }

  /** Room for `bytes` more. */
  private reserve(bytes: number): void {
    if (this.buffer.length - this.at >= bytes) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.at + bytes));
    grown.set(this.buffer.subarray(0, this.at));
    this.buffer = grown;
  }

  /** Text as it is. */
  text(s: string): void {
    this.reserve(s.length * 3);
    this.at = putText(this.buffer, this.at, s);
  }

  /** Text of any kind through TextEncoder (a whole row built as a string). */
  encoded(s: string): void {
    this.reserve(s.length * 3);
    this.at = putEncoded(this.buffer, this.at, s);
  }

  comma(): void {
    this.reserve(1);
    this.buffer[this.at++] = COMMA;
  }

  /** CSV_EOL (CRLF). */
  eol(): void {
    this.reserve(2);
    this.buffer[this.at++] = 13;
    this.buffer[this.at++] = 10;
  }

  /** A JS number as String() writes it (ids, counts, times). */
  integer(n: number): void {
    this.reserve(NUMBER_ROOM);
    this.at = putInteger(this.buffer, this.at, n);
  }

  /** isoUtc(ms). */
  isoUtc(ms: number): void {
    this.reserve(NUMBER_ROOM);
    this.at = putIsoUtc(this.buffer, this.at, ms);
  }

  /** csvField(value). */
  field(value: string | number | null): void {
    this.reserve(fieldRoom(value));
    this.at = putField(this.buffer, this.at, value);
  }

  /** csvNumber(value) for text: exact decimal text as it is, anything else as a text field. */
  number(value: string | number | null): void {
    this.reserve(fieldRoom(value));
    this.at = putNumber(this.buffer, this.at, value);
  }
}
