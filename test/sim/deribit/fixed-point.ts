/**
 * Amounts live as BigInt fixed point (scaled by 10^decimals) so balance[n] = balance[n-1] + change[n]
 * holds exactly; they leave the simulator only as plain decimal text (never exponent form).
 */

const DECIMALS: Readonly<Record<string, number>> = { BTC: 8, ETH: 8, USDC: 6, USDT: 6, EURR: 6 };

export function currencyDecimals(currency: string): number {
  return DECIMALS[currency] ?? 8;
}

/** Fixed-point value -> shortest exact decimal text ("0.00004467", "-2.5", "0"). */
export function formatFixed(value: bigint, decimals: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '');
  const text = fraction === '' ? whole : `${whole}.${fraction}`;
  return negative && text !== '0' ? `-${text}` : text;
}
