import { describe, expect, it } from 'vitest';
import { countryLabel, countryName, isCountryCode, toCountryCode } from '../../../src/core/logins/country-code';

describe('toCountryCode', () => {
  it.each([
    ['GB', 'GB'], ['gb', 'GB'], [' Gb ', 'GB'], ['GBR', 'GB'], ['gbr', 'GB'], ['United Kingdom', 'GB'], ['UNITED KINGDOM', 'GB'],
    ['UK', 'GB'], ['Great Britain', 'GB'], ['ROMANIA', 'RO'], ['Romania', 'RO'], ['RO', 'RO'], ['ROU', 'RO'],
    ['Russian Federation', 'RU'], ['Russia', 'RU'], ['USA', 'US'], ['United States of America', 'US'], ['Vietnam', 'VN'], ['The Netherlands', 'NL'],
    ['Germany', 'DE'], ['DEU', 'DE'], ['826', 'GB'], ['United  Kingdom', 'GB'],
  ])('%s → %s', (input, code) => {
    expect(toCountryCode(input)).toBe(code);
  });

  it('reads placeholders for "unknown" as no country', () => {
    for (const text of ['', '  ', 'XX', 'zz', 'T1', 'Unknown', 'N/A', '--']) expect(toCountryCode(text)).toBeNull();
    expect(toCountryCode(null)).toBeNull();
    expect(toCountryCode(undefined)).toBeNull();
  });

  it('keeps text that names no country as written', () => {
    expect(toCountryCode('Atlantis')).toBe('Atlantis');
    expect(toCountryCode(' Atlantis ')).toBe('Atlantis');
    expect(isCountryCode('Atlantis')).toBe(false);
  });
});

describe('countryName', () => {
  it('names codes in English and leaves other text alone', () => {
    expect(countryName('GB')).toBe('United Kingdom');
    expect(countryName('RU')).toBe('Russian Federation');
    expect(countryName('Atlantis')).toBe('Atlantis');
    expect(countryName(null)).toBeNull();
    expect(countryLabel('DE')).toBe('Germany (DE)');
  });
});
