/** The valuation rules one by one, and the fast cents arithmetic against decimal.js. */
import fc from 'fast-check';
import { parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { usdAmount, UsdValuer } from '../../../src/core/fiat/usd-valuer';
import { toTransactionLogRow } from '../../../src/core/providers/deribit/lossless-response';

function row(currency: string, day: string, fields: Record<string, string> = {}) {
  const all: Record<string, string> = {
    id: '1', user_id: '1', user_seq: '1', currency: JSON.stringify(currency), timestamp: String(Date.parse(`${day}T05:00:00Z`)),
    type: '"trade"', change: '-0.5', balance: '1', ...fields,
  };
  return toTransactionLogRow(parse(`{${Object.entries(all).map(([k, v]) => `"${k}":${v}`).join(',')}}`), currency);
}

const valuer = new UsdValuer(
  [
    { indexName: 'btc_usd', date: '2025-01-01', price: '90000.1234' },
    { indexName: 'btc_usd', date: '2025-01-10', price: '95000' },
    { indexName: 'eth_usd', date: '2025-01-01', price: '3300.5' },
  ],
  new Map([
    ['btc_usd', { indexName: 'btc_usd', oldest: '2025-01-01', newest: '2025-01-10', unavailable: null }],
    ['sol_usd', { indexName: 'sol_usd', oldest: null, newest: null, unavailable: 'Deribit publishes no USD delivery price for SOL (no sol_usd index)' }],
  ]),
);

describe('USD valuation rules', () => {
  it('a row of the currency\'s own instrument uses its index_price, else its USD price; otherwise the day\'s delivery price', () => {
    const own = row('BTC', '2025-01-01', { instrument_name: '"BTC-PERPETUAL"', index_price: '91000.5', price: '91010', price_currency: '"USD"' });
    expect(valuer.value(own)).toMatchObject({ priced: true, usd: '-45500.25', price: { source: 'row-index-price', price: '91000.5' } });
    const priced = row('BTC', '2025-01-01', { instrument_name: '"BTC-27JUN25"', price: '92000', price_currency: '"USD"' });
    expect(valuer.value(priced)).toMatchObject({ usd: '-46000.00', price: { source: 'row-price' } });
    const option = row('BTC', '2025-01-01', { instrument_name: '"BTC-27JUN25-100000-C"', price: '0.05', price_currency: '"BTC"' });
    expect(valuer.value(option)).toMatchObject({ usd: '-45000.06', price: { source: 'delivery-price', label: 'Deribit btc_usd delivery price of 2025-01-01' } });
  });

  it('never takes a linear instrument\'s price for the settlement currency, nor a zero or garbage price', () => {
    const linear = row('USDC', '2025-01-01', { instrument_name: '"BTC_USDC-PERPETUAL"', index_price: '91000', price: '91000', price_currency: '"USD"', change: '-12.5' });
    expect(valuer.value(linear)).toMatchObject({ usd: '-12.50', price: { source: 'par', label: 'USDC counted as 1 USD (par)' } });
    const zero = row('BTC', '2025-01-01', { instrument_name: '"BTC-PERPETUAL"', index_price: '0', price: '"abc"', price_currency: '"USD"' });
    expect(valuer.value(zero)).toMatchObject({ price: { source: 'delivery-price' } });
  });

  it('a day without a price takes the previous day\'s up to 3 days back, named; further back it is unpriced, with the reason', () => {
    expect(valuer.value(row('BTC', '2025-01-04'))).toMatchObject({ price: { label: 'Deribit btc_usd delivery price of 2025-01-01' } });
    expect(valuer.value(row('BTC', '2025-01-05'))).toEqual({ priced: false, reason: 'no USD price: Deribit published no btc_usd price within 3 days before 2025-01-05' });
    expect(valuer.value(row('BTC', '2024-12-31'))).toEqual({ priced: false, reason: "no USD price: Deribit's btc_usd history starts on 2025-01-01, after this row (2024-12-31)" });
    expect(valuer.value(row('BTC', '2025-02-01'))).toEqual({ priced: false, reason: 'no USD price: btc_usd prices are downloaded up to 2025-01-10; update prices to value this row (2025-02-01)' });
    expect(valuer.value(row('SOL', '2025-01-01'))).toEqual({ priced: false, reason: 'no USD price: Deribit publishes no USD delivery price for SOL (no sol_usd index)' });
    expect(valuer.value(row('XRP', '2025-01-01'))).toEqual({ priced: false, reason: 'no USD price: the xrp_usd price history has not been downloaded' });
  });

  it('rounds half-up (away from zero) to cents and never writes -0.00', () => {
    expect(valuer.times('0.001', '44005')).toBe('44.01');
    expect(valuer.times('-0.001', '44005')).toBe('-44.01');
    expect(valuer.times('-0.0000001', '100')).toBe('0.00');
    expect(valuer.times('1e-8', '50000')).toBe('0.00');
    expect(valuer.times('2', '1e3')).toBe('2000.00');
  });

  it('the fast cents product equals decimal.js on any plain amounts and prices', () => {
    const decimalText = (maxInt: number, maxDecimals: number) =>
      fc.tuple(fc.boolean(), fc.integer({ min: 0, max: maxInt }), fc.integer({ min: 0, max: maxDecimals }), fc.bigInt({ min: 0n, max: 10n ** 18n }))
        .map(([neg, whole, decimals, fraction]) => `${neg ? '-' : ''}${whole}${decimals === 0 ? '' : `.${fraction.toString().padStart(18, '0').slice(0, decimals)}`}`);
    fc.assert(
      fc.property(decimalText(10_000_000, 12), decimalText(200_000, 10), (amount, price) => {
        expect(valuer.times(amount, price.replace('-', ''))).toBe(usdAmount(amount, price.replace('-', '')));
      }),
      { numRuns: 3000 },
    );
  });
});
