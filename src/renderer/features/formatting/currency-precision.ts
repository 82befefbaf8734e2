/**
 * How many decimals a currency's amounts carry on Deribit, so a column can line up its decimal points:
 * shorter values are padded on screen (never in the value), longer ones are shown in full.
 */
const DECIMALS: Readonly<Record<string, number>> = { BTC: 8, ETH: 8, USDC: 6, USDT: 6, EURR: 6, USD: 2, EUR: 2 };

/** Deribit's settlement currencies: 8 decimals unless known otherwise. */
export function currencyPrecision(currency: string | null | undefined): number {
  return (currency ? DECIMALS[currency.toUpperCase()] : undefined) ?? 8;
}

/**
 * The empty places after a value's last digit that keep its decimal point in line with the
 * currency's: missing fraction digits, plus one for the point itself when there is none.
 */
export function alignmentPadding(places: number | null, precision: number): number {
  if (places === null) return 0;
  if (places === 0) return precision > 0 ? precision + 1 : 0;
  return Math.max(0, precision - places);
}
