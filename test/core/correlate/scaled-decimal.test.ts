import { describe, expect, it } from 'vitest';
import { ceilAtScale, compareScaled, formatScaled, magnitudeText, parseScaled } from '../../../src/core/correlate/scaled-decimal';

describe('scaled decimals', () => {
  it.each([
    ['1.5', 15n, 1],
    ['-0.00000001', -1n, 8],
    ['1e-8', 1n, 8],
    ['-2.5E+3', -2500n, 0],
    ['12', 12n, 0],
    ['.5', 5n, 1],
  ])('parses %s exactly', (text, int, scale) => {
    expect(parseScaled(text)).toEqual({ int, scale });
  });

  it('rejects what is not a number', () => {
    expect(() => parseScaled('abc')).toThrow(RangeError);
    expect(() => parseScaled('')).toThrow(RangeError);
    expect(() => parseScaled('1.2.3')).toThrow(RangeError);
  });

  it('rounds a threshold up to a coarser scale, so |x| ≥ threshold stays exact', () => {
    expect(ceilAtScale(parseScaled('0.123'), 2)).toBe(13n);
    expect(ceilAtScale(parseScaled('0.120'), 2)).toBe(12n);
    expect(ceilAtScale(parseScaled('1.5'), 4)).toBe(15000n);
  });

  it('compares across scales and formats without trailing zeros', () => {
    expect(compareScaled(parseScaled('1.10'), parseScaled('1.1'))).toBe(0);
    expect(compareScaled(parseScaled('-2'), parseScaled('-1.99999999'))).toBe(-1);
    expect(formatScaled(-150000000n, 8)).toBe('-1.5');
    expect(formatScaled(1n, 8)).toBe('0.00000001');
    expect(formatScaled(0n, 8)).toBe('0');
    expect(magnitudeText('-1.50')).toBe('1.50');
  });
});
