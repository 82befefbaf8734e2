import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDecimal, compareDecimal, decimalScale, fitsInt64, formatFixed, normalizeDecimal, subtractDecimal, toFixed } from '../../../src/core/recon/fixed-point';

describe('decimalScale', () => {
  it.each([
    ['3001.22270418', 8],
    ['0', 0],
    ['-2.5', 1],
    ['1e-8', 8],
    ['1E-8', 8],
    ['-2.5E+3', 0], // -2500
    ['1.23e2', 0], // 123
    ['1.234e2', 1], // 123.4
    ['5e-324', 324],
    ['.5', 1],
    ['7.', 0],
    ['0.10', 2], // digits as written
  ])('%s → %i', (text, scale) => {
    expect(decimalScale(text)).toBe(scale);
  });

  it.each(['', '-', 'abc', '1.2.3', '0x10', '1e', '--1', 'NaN', ' 1'])('rejects %j', (text) => {
    expect(() => decimalScale(text)).toThrow();
  });
});

describe('toFixed', () => {
  it.each([
    ['3001.22270418', 8, 300122270418n],
    ['-2.5', 1, -25n],
    ['-2.5', 3, -2500n],
    ['1e-8', 8, 1n],
    ['-2.5E+3', 0, -2500n],
    ['-2.5E+3', 2, -250000n],
    ['0.00215706', 10, 21570600n],
    ['2.50', 1, 25n], // a trailing zero beyond the scale is exact
    ['0', 5, 0n],
  ])('%s at %i → %s', (text, scale, value) => {
    expect(toFixed(text, scale)).toBe(value);
  });

  it('refuses to round', () => {
    expect(() => toFixed('0.123', 2)).toThrow(RangeError);
  });

  it('throws on non-decimal text', () => {
    expect(() => toFixed('1,5', 2)).toThrow(/Not a decimal/);
  });
});

describe('formatFixed', () => {
  it.each([
    [0n, 8, '0'],
    [-50n, 2, '-0.5'],
    [300122270418n, 8, '3001.22270418'],
    [1n, 8, '0.00000001'],
    [-2500n, 0, '-2500'],
    [120n, 1, '12'],
    [7n, -2, '700'],
  ])('%s at %i → %s', (value, scale, text) => {
    expect(formatFixed(value, scale)).toBe(text);
  });

  it('round-trips any fixed value', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 20 }), (v, s) => {
      const text = formatFixed(v, s);
      expect(text).not.toMatch(/e/i);
      expect(toFixed(text, s)).toBe(v);
    }));
  });
});

describe('decimal text arithmetic', () => {
  it('is exact where floats are not', () => {
    expect(addDecimal('0.1', '0.2')).toBe('0.3');
    expect(subtractDecimal('3003.72270418', '2.5')).toBe('3001.22270418');
    expect(subtractDecimal('1e-8', '0.00000001')).toBe('0');
    expect(normalizeDecimal('-2.5E+3')).toBe('-2500');
    expect(normalizeDecimal('-0.000')).toBe('0');
    expect(compareDecimal('2.50', '2.5')).toBe(0);
    expect(compareDecimal('-1', '1e-30')).toBe(-1);
  });

  it('fitsInt64 at the edges', () => {
    expect(fitsInt64(9223372036854775807n)).toBe(true);
    expect(fitsInt64(9223372036854775808n)).toBe(false);
    expect(fitsInt64(-9223372036854775808n)).toBe(true);
    expect(fitsInt64(-9223372036854775809n)).toBe(false);
  });
});
