/**
 * Exact decimal text <-> BigInt fixed point (value = int / 10^scale). Reconciliation keeps amounts as
 * BigInt at a per-page (or per-chain) scale so the hot loops never build Decimal objects or strings;
 * text is produced only for findings and summaries.
 */
import type { DecimalText } from '../providers/deribit/types';

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

interface ParsedDecimal {
  readonly negative: boolean;
  /** All significant digits, point removed. */
  readonly digits: string;
  /** Digits after the point once the exponent is applied (may be negative: "1e3" → -3). */
  readonly fractionDigits: number;
}

function parseDecimal(text: string): ParsedDecimal {
  const m = DECIMAL.exec(text);
  const whole = m?.[2] ?? '';
  const fraction = m?.[3] ?? '';
  if (!m || (whole === '' && fraction === '')) throw new Error(`Not a decimal number: "${text}"`);
  const exponent = m[4] === undefined ? 0 : Number(m[4]);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 10_000) throw new Error(`Decimal exponent out of range: "${text}"`);
  return { negative: m[1] === '-', digits: whole + fraction, fractionDigits: fraction.length - exponent };
}

/** Digits after the point of the exact value ("3001.22270418" → 8, "1e-8" → 8, "-2.5E+3" → 0). */
export function decimalScale(text: DecimalText): number {
  return Math.max(0, parseDecimal(text).fractionDigits);
}

/** The exact integer text × 10^scale; throws on non-decimal text or when the value needs more places. */
export function toFixed(text: DecimalText, scale: number): bigint {
  const { negative, digits, fractionDigits } = parseDecimal(text);
  const shift = scale - fractionDigits;
  let magnitude: bigint;
  if (shift >= 0) {
    magnitude = BigInt(digits === '' ? '0' : digits) * 10n ** BigInt(shift);
  } else {
    const kept = digits.slice(0, digits.length + shift);
    const dropped = digits.slice(digits.length + shift);
    if (/[1-9]/.test(dropped)) throw new RangeError(`${text} has more than ${scale} decimal places`);
    magnitude = BigInt(kept === '' ? '0' : kept);
  }
  return negative ? -magnitude : magnitude;
}

/** Plain decimal text: no exponent, trailing zeros trimmed, "0" for zero, "-0.5" style. */
export function formatFixed(value: bigint, scale: number): DecimalText {
  if (scale <= 0) return (scale === 0 ? value : value * 10n ** BigInt(-scale)).toString();
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  const text = fraction === '' ? whole : `${whole}.${fraction}`;
  return negative && text !== '0' ? `-${text}` : text;
}

export function fitsInt64(v: bigint): boolean {
  return v >= INT64_MIN && v <= INT64_MAX;
}

/** The canonical text of a decimal ("1e-8" → "0.00000001", "2.50" → "2.5", "-0" → "0"). */
export function normalizeDecimal(text: DecimalText): DecimalText {
  const scale = decimalScale(text);
  return formatFixed(toFixed(text, scale), scale);
}

/** Exact a − b as canonical text. */
export function subtractDecimal(a: DecimalText, b: DecimalText): DecimalText {
  const scale = Math.max(decimalScale(a), decimalScale(b));
  return formatFixed(toFixed(a, scale) - toFixed(b, scale), scale);
}

/** Exact a + b as canonical text. */
export function addDecimal(a: DecimalText, b: DecimalText): DecimalText {
  const scale = Math.max(decimalScale(a), decimalScale(b));
  return formatFixed(toFixed(a, scale) + toFixed(b, scale), scale);
}

/** Exact comparison: negative, zero or positive. */
export function compareDecimal(a: DecimalText, b: DecimalText): number {
  const scale = Math.max(decimalScale(a), decimalScale(b));
  const d = toFixed(a, scale) - toFixed(b, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** 10^n as BigInt, cached for the small exponents rescaling uses. */
const POWERS: bigint[] = [];
export function pow10(n: number): bigint {
  if (n < 0) throw new RangeError('negative power of ten');
  let p = POWERS[n];
  if (p === undefined) {
    p = 10n ** BigInt(n);
    if (n < 64) POWERS[n] = p;
  }
  return p;
}
