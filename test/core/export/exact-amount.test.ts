import { describe, expect, it } from 'vitest';
import { addAmounts, formatAmount, negatedWire, parseAmount, wireMagnitude, wireOrPlain } from '../../../src/core/export/exact-amount';
import { isoUtc, spaceSeparatedUtc } from '../../../src/core/export/export-dates';
import { rawIntegerField, rawStringField, transferCounterparty, txHashOfRaw } from '../../../src/core/export/raw-row-fields';

describe('exact amounts', () => {
  it.each([
    ['3001.22270418', '3001.22270418'],
    ['-0.10759', '-0.10759'],
    ['1e-8', '0.00000001'],
    ['-2.5E-3', '-0.0025'],
    ['-2.5E+3', '-2500'],
    ['1520', '1520'],
    ['0.500', '0.5'],
    ['-0.0', '0'],
    ['.5', '0.5'],
  ])('%s is exactly %s', (text, plain) => {
    expect(formatAmount(parseAmount(text))).toBe(plain);
  });

  it('adds exactly across scales, beyond float precision', () => {
    // 0.1 + 0.2 = 0.3 exactly; 9007199254740993.1 would round as a double.
    expect(formatAmount(addAmounts(parseAmount('0.1'), parseAmount('0.2')))).toBe('0.3');
    expect(formatAmount(addAmounts(parseAmount('9007199254740993.1'), parseAmount('1e-9')))).toBe('9007199254740993.100000001');
    expect(formatAmount(addAmounts(parseAmount('-0.10759'), parseAmount('0.0003')))).toBe('-0.10729');
  });

  it('keeps wire text when plain, spells out exponents, negates by sign', () => {
    expect(wireOrPlain('0.650', parseAmount('0.650'))).toBe('0.650');
    expect(wireOrPlain('1E-8', parseAmount('1E-8'))).toBe('0.00000001');
    expect(wireMagnitude('-2.5', parseAmount('-2.5'))).toBe('2.5');
    expect(negatedWire('0.65', parseAmount('0.65'))).toBe('-0.65');
    expect(negatedWire('-1e-8', parseAmount('-1e-8'))).toBe('0.00000001');
    expect(negatedWire('0', parseAmount('0'))).toBe('0');
  });

  it.each(['', '-', '1.2.3', 'abc', 'NaN', '1e'])('rejects %j', (text) => {
    expect(() => parseAmount(text)).toThrow(/not a decimal amount/);
  });
});

describe('raw row fields', () => {
  const transfer = '{"id":1,"info":{"transfer_type":"subaccount","other_user_id":27,"other_user":"Sub \\"A\\""},"change":-2.5}';
  it('reads info fields by string search, decoding JSON escapes', () => {
    expect(transferCounterparty(transfer)).toEqual({ userId: 27, username: 'Sub "A"' });
    expect(txHashOfRaw('{"info": {"transaction" : "de6e", "addr":"2N8"}}')).toBe('de6e');
    expect(txHashOfRaw('{"info":"Source: api"}')).toBeNull();
    expect(rawIntegerField('{"other_user_id":"12"}', 'other_user_id')).toBe(12);
    expect(rawStringField('{"transaction":null}', 'transaction')).toBeNull();
  });
});

describe('UTC date text', () => {
  it('matches Date#toISOString for instants across days, years and milliseconds', () => {
    const samples = [0, 1, 999, 1000, 86_399_999, 86_400_000, Date.UTC(2024, 1, 29, 23, 59, 59, 7), Date.UTC(2025, 11, 31, 23, 30), 1613657734620];
    for (let i = 0; i < 2000; i++) samples.push(Math.floor(Date.UTC(2020, 0, 1) + i * 7_919_999.37));
    for (const ms of samples) {
      const iso = new Date(ms).toISOString();
      expect(isoUtc(ms)).toBe(iso);
      expect(spaceSeparatedUtc(ms)).toBe(`${iso.slice(0, 10)} ${iso.slice(11, 19)}`);
    }
  });
});
