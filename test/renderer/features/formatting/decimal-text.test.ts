import { describe, expect, it } from 'vitest';
import { compareDecimalText, decimalPlaces, groupDecimal, groupInteger, ungroupDecimal } from '../../../../src/renderer/features/formatting/decimal-text';

describe('groupDecimal', () => {
  it.each([
    ['-2718.139147', 'en-US', '-2,718.139147'],
    ['1234567.12345678', 'en-US', '1,234,567.12345678'],
    ['0.00004467', 'en-US', '0.00004467'],
    ['999', 'en-US', '999'],
    ['-2718.139147', 'de-DE', '-2.718,139147'],
    ['12345678901234567890.1', 'en-US', '12,345,678,901,234,567,890.1'],
    ['1234567.5', 'en-IN', '12,34,567.5'],
  ])('%s in %s → %s', (text, locale, shown) => {
    expect(groupDecimal(text, locale)).toBe(shown);
  });

  it('never rounds: every stored digit survives, even past double precision', () => {
    const stored = '0.1000000000000000055511151231257827';
    expect(groupDecimal(stored, 'en-US')).toBe(stored);
    expect(ungroupDecimal(groupDecimal('-98765432.000000010', 'en-US'), 'en-US')).toBe('-98765432.000000010');
  });

  it('leaves text that is not a plain decimal alone', () => {
    expect(groupDecimal('1e-7', 'en-US')).toBe('1e-7');
    expect(groupDecimal('', 'en-US')).toBe('');
  });

  it('round-trips through ungroupDecimal in every offered locale', () => {
    for (const locale of ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'de-CH', 'en-IN']) {
      for (const value of ['-2718.139147', '1234567.12345678', '0.5', '-1000000']) {
        expect(ungroupDecimal(groupDecimal(value, locale), locale), `${value} in ${locale}`).toBe(value);
      }
    }
  });
});

describe('groupInteger', () => {
  it('groups counts the one way the app shows them', () => {
    expect(groupInteger(3930, 'en-US')).toBe('3,930');
    expect(groupInteger(1, 'en-US')).toBe('1');
  });
});

describe('decimalPlaces', () => {
  it('counts digits after the point', () => {
    expect(decimalPlaces('1.50')).toBe(2);
    expect(decimalPlaces('-3')).toBe(0);
    expect(decimalPlaces('abc')).toBeNull();
  });
});

describe('compareDecimalText', () => {
  it('orders exactly, across scales and signs', () => {
    const values = ['10', '-2718.139147', '0.1', '-0.00000001', '2718.1391469999', '0.10000000000000000001', '-2718.13914700001'];
    const sorted = [...values].sort(compareDecimalText);
    expect(sorted).toEqual(['-2718.13914700001', '-2718.139147', '-0.00000001', '0.1', '0.10000000000000000001', '10', '2718.1391469999']);
  });

  it('tells apart values a double cannot', () => {
    expect(compareDecimalText('9007199254740993', '9007199254740992')).toBe(1);
    expect(compareDecimalText('1.0', '1')).toBe(0);
  });

  it('puts missing values last', () => {
    expect([null, '1', '-1'].sort(compareDecimalText)).toEqual(['-1', '1', null]);
  });
});
