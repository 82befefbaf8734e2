/**
 * Withdrawal fees per currency: get_currencies advertises them, withdrawal rows charge them as
 * `commission` and get_withdrawals reports them as `fee`, so the three always agree.
 */
import { currencyDecimals } from './fixed-point';

const FEES: Readonly<Record<string, string>> = { BTC: '0.0001', ETH: '0.0015', USDC: '1', USDT: '1' };

export function withdrawalFeeText(currency: string): string {
  return FEES[currency] ?? '0.0015';
}

/** The fee scaled by 10^decimals of the currency. */
export function withdrawalFeeScaled(currency: string): bigint {
  // Asked once per generated row: parse once per currency.
  let fee = SCALED.get(currency);
  if (fee === undefined) {
    fee = parseFixed(withdrawalFeeText(currency), currencyDecimals(currency));
    SCALED.set(currency, fee);
  }
  return fee;
}

const SCALED = new Map<string, bigint>();

/** Plain decimal text -> BigInt scaled by 10^decimals; throws on anything else or on excess decimals. */
export function parseFixed(text: string, decimals: number): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`not a plain decimal: ${text}`);
  const fraction = match[3] ?? '';
  if (fraction.length > decimals) throw new Error(`${text} has more than ${decimals} decimals`);
  const value = BigInt((match[2] ?? '0') + fraction.padEnd(decimals, '0'));
  return match[1] === '-' ? -value : value;
}
