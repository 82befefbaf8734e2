/**
 * The little exact arithmetic correlation needs: decimal text ↔ integer at a scale, for comparing a
 * change with a loss threshold and for printing a selected row's change. Accepts exponent forms
 * ("1e-8") because Deribit's texts are kept exactly as sent.
 */

export interface Scaled {
  /** value = int / 10^scale */
  readonly int: bigint;
  readonly scale: number;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export function parseScaled(text: string): Scaled {
  const match = DECIMAL.exec(text.trim());
  const whole = match?.[2] ?? '';
  const fraction = match?.[3] ?? '';
  if (!match || whole + fraction === '') throw new RangeError(`not a decimal number: "${text}"`);
  const digits = BigInt(whole + fraction);
  const signed = match[1] === '-' ? -digits : digits;
  const scale = fraction.length - Number(match[4] ?? '0');
  return scale >= 0 ? { int: signed, scale } : { int: signed * 10n ** BigInt(-scale), scale: 0 };
}

/** The smallest integer n with n / 10^scale ≥ value (so `|x| ≥ threshold` is exact at the page's scale). */
export function ceilAtScale(value: Scaled, scale: number): bigint {
  if (value.scale <= scale) return value.int * 10n ** BigInt(scale - value.scale);
  const divisor = 10n ** BigInt(value.scale - scale);
  const quotient = value.int / divisor;
  return value.int > 0n && quotient * divisor !== value.int ? quotient + 1n : quotient;
}

export function compareScaled(a: Scaled, b: Scaled): number {
  const scale = Math.max(a.scale, b.scale);
  const x = a.int * 10n ** BigInt(scale - a.scale);
  const y = b.int * 10n ** BigInt(scale - b.scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function formatScaled(int: bigint, scale: number): string {
  const negative = int < 0n;
  const digits = (negative ? -int : int).toString().padStart(scale + 1, '0');
  const point = digits.length - scale;
  let end = digits.length;
  while (end > point && digits.charCodeAt(end - 1) === 48 /* '0' */) end--;
  const whole = digits.slice(0, point);
  return `${negative ? '-' : ''}${end > point ? `${whole}.${digits.slice(point, end)}` : whole}`;
}

/** "-1.50" → "1.50": the magnitude as text, for sentences ("1.5 BTC left"). */
export function magnitudeText(text: string): string {
  const trimmed = text.trim();
  return trimmed.startsWith('-') || trimmed.startsWith('+') ? trimmed.slice(1) : trimmed;
}
