/**
 * CSV fields written straight into a UTF-8 buffer, byte for byte what `csvField` / `csvNumber` /
 * `csvRecord` give after TextEncoder: the transactions CSV's hot path (a million rows of ~30 fields).
 * Building each row as one string and encoding it costs about twice as much (V8 flattens the
 * concatenation, then copies it again; most of the cost is that garbage). ASCII is copied char by char;
 * any other text goes through TextEncoder, so UTF-8 (lone surrogates included) stays TextEncoder's.
 */
import { csvField } from './csv-text';

const QUOTE = 34;
const COMMA = 44;

export class CsvBytes {
  private buffer: Uint8Array;
  private at = 0;
  private readonly utf8 = new TextEncoder();

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

  get length(): number {
    return this.at;
  }

  /** A copy of the bytes written from `start` on. */
  copy(start: number): Uint8Array {
    return this.buffer.slice(start, this.at);
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
    const n = s.length;
    this.reserve(n * 3);
    const buffer = this.buffer;
    let at = this.at;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 128) {
        this.at += this.utf8.encodeInto(s, buffer.subarray(this.at)).written;
        return;
      }
      buffer[at++] = c;
    }
    this.at = at;
  }

  /** Text of any kind through TextEncoder (a whole row built as a string). */
  encoded(s: string): void {
    this.reserve(s.length * 3);
    this.at += this.utf8.encodeInto(s, this.buffer.subarray(this.at)).written;
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

  /** A JS number as String() writes it (ids, counts, times): digits straight in for small integers. */
  integer(n: number): void {
    // Beyond 31 bits (millisecond times) the digit loop would run on doubles (fmod): String() is cheaper.
    if (!(n >= 0 && n <= 0x7fffffff && (n | 0) === n)) {
      this.text(String(n));
      return;
    }
    this.reserve(10);
    const buffer = this.buffer;
    let digits = 1;
    for (let p = 10; p <= n; p *= 10) digits++;
    let at = this.at + digits;
    this.at = at;
    let v = n | 0;
    do {
      const rest = (v / 10) | 0;
      buffer[--at] = 48 + v - rest * 10;
      v = rest;
    } while (v > 0);
  }

  /** csvField(value). */
  field(value: string | number | null): void {
    if (value === null) return;
    // Typed text, but a cache written by older code may hold a number: csvField's own path.
    if (typeof value !== 'string') {
      this.text(csvField(value));
      return;
    }
    const n = value.length;
    if (n === 0) return;
    // Quoting doubles every quote: at most 2 bytes per ASCII unit plus the quotes and the `'`.
    this.reserve(n * 3 + 3);
    const c0 = value.charCodeAt(0);
    // FORMULA_START (=, +, -, @, tab, CR) except a lone "-".
    const formula = (c0 === 61 || c0 === 43 || c0 === 64 || c0 === 9 || c0 === 13 || c0 === 45) && !(n === 1 && c0 === 45);
    const buffer = this.buffer;
    const start = this.at;
    let at = start;
    if (!formula) {
      let i = 0;
      for (; i < n; i++) {
        const c = value.charCodeAt(i);
        if (c >= 128 || c === QUOTE || c === COMMA || c === 13 || c === 10) break;
        buffer[at++] = c;
      }
      if (i === n) {
        this.at = at;
        return;
      }
      if (value.charCodeAt(i) >= 128) {
        this.slowField(value, start);
        return;
      }
      at = start;
    }
    // Quoted: `"` (+ `'` for formula-like text), quotes doubled, `"`.
    buffer[at++] = QUOTE;
    if (formula) buffer[at++] = 39;
    for (let i = 0; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c >= 128) {
        this.slowField(value, start);
        return;
      }
      if (c === QUOTE) buffer[at++] = QUOTE;
      buffer[at++] = c;
    }
    buffer[at++] = QUOTE;
    this.at = at;
  }

  /** csvNumber(value) for text: exact decimal text as it is, anything else as a text field. */
  number(value: string | number | null): void {
    if (value === null) return;
    if (typeof value !== 'string') {
      this.text(String(value));
      return;
    }
    // DECIMAL_TEXT (-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?) checked while copying: a regex test per amount costs as much as the copy.
    const n = value.length;
    this.reserve(n);
    const buffer = this.buffer;
    const start = this.at;
    let at = start;
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
    if (digits > 0 && i === n) {
      this.at = at;
      return;
    }
    this.at = start;
    this.field(value);
  }

  /** Non-ASCII text: the string path, from `start` on. */
  private slowField(value: string, start: number): void {
    this.at = start;
    this.text(csvField(value));
  }
}
