/**
 * Exact decimal arithmetic for the formats that split a row (premium vs fee): BigInt fixed point,
 * parsed straight from the wire text (exponent forms such as "1e-8" included). Never `number`.
 */
import type { DecimalText } from '../providers/deribit/types';

export interface ExactAmount {
  /** value = units / 10^scale */
  readonly units: bigint;
  readonly scale: number;
}

export const ZERO: ExactAmount = { units: 0n, scale: 0 };

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const PLAIN = /^-?\d+(?:\.\d+)?$/;
const POW10: bigint[] = [];

export function pow10(n: number): bigint {
  let p = POW10[n];
  if (p === undefined) {
    p = 10n ** BigInt(n);
    POW10[n] = p;
  }
  return p;
}

/** Exact value of a decimal text; throws on anything that is not a decimal number. */
export function parseAmount(text: DecimalText): ExactAmount {
  const m = DECIMAL.exec(text);
  const whole = m?.[2] ?? '';
  const fraction = m?.[3] ?? '';
  if (!m || whole.length + fraction.length === 0) throw new Error(`not a decimal amount: "${text}"`);
  let units = BigInt(whole + fraction);
  if (m[1] === '-') units = -units;
  let scale = fraction.length - (m[4] === undefined ? 0 : Number(m[4]));
  if (scale < 0) {
    units *= pow10(-scale);
    scale = 0;
  }
  return { units, scale };
}

/** null (absent commission) counts as zero. */
export function parseOptionalAmount(text: DecimalText | null): ExactAmount {
  return text === null ? ZERO : parseAmount(text);
}

export function addAmounts(a: ExactAmount, b: ExactAmount): ExactAmount {
  if (a.scale === b.scale) return { units: a.units + b.units, scale: a.scale };
  if (a.scale > b.scale) return { units: a.units + b.units * pow10(a.scale - b.scale), scale: a.scale };
  return { units: a.units * pow10(b.scale - a.scale) + b.units, scale: b.scale };
}

export function negateAmount(a: ExactAmount): ExactAmount {
  return { units: -a.units, scale: a.scale };
}

export function signOf(a: ExactAmount): -1 | 0 | 1 {
  return a.units > 0n ? 1 : a.units < 0n ? -1 : 0;
}

export function absAmount(a: ExactAmount): ExactAmount {
  return a.units < 0n ? { units: -a.units, scale: a.scale } : a;
}

/** Plain decimal text: no exponent, trailing fraction zeros trimmed, "0" for zero, never "-0". */
export function formatAmount(a: ExactAmount): string {
  if (a.units === 0n) return '0';
  const negative = a.units < 0n;
  let digits = (negative ? -a.units : a.units).toString();
  let text: string;
  if (a.scale === 0) text = digits;
  else {
    if (digits.length <= a.scale) digits = '0'.repeat(a.scale - digits.length + 1) + digits;
    const cut = digits.length - a.scale;
    const fraction = digits.slice(cut).replace(/0+$/, '');
    text = fraction === '' ? digits.slice(0, cut) : `${digits.slice(0, cut)}.${fraction}`;
  }
  return negative ? `-${text}` : text;
}

/**
 * The text to write for a value that came straight from the wire: the exchange's own text when it is
 * plain decimal (kept exactly as sent), otherwise the exact value in plain form (exponents spelled out).
 */
export function wireOrPlain(text: DecimalText, value: ExactAmount): string {
  return PLAIN.test(text) && !/^-0+(?:\.0+)?$/.test(text) ? text : formatAmount(value);
}

/** Magnitude text of a wire value: its own digits without the sign when plain, else the exact plain form. */
export function wireMagnitude(text: DecimalText, value: ExactAmount): string {
  const plain = wireOrPlain(text, value);
  return plain.startsWith('-') ? plain.slice(1) : plain;
}

/** Negated wire value as text ("-2.5" → "2.5", "0.65" → "-0.65", "0" stays "0"). */
export function negatedWire(text: DecimalText, value: ExactAmount): string {
  const plain = wireOrPlain(text, value);
  if (plain.startsWith('-')) return plain.slice(1);
  return value.units === 0n ? plain : `-${plain}`;
}
