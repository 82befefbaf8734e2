/**
 * Countries as ISO 3166-1 alpha-2 codes, whatever a source wrote: a code ("gb", "GBR", "826"), a name in
 * any case ("United Kingdom", "ROMANIA", "Russian Federation"), or a common alias ("UK", "USA"). Names and
 * aliases come from i18n-iso-countries (its English names and their listed alternatives), never from a
 * table of our own. Text that names no country stays as it was written: nothing a source said is lost.
 * Only the English names are loaded (6 kB): the Deribit parser imports this, so it is in every bundle.
 */
import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };

countries.registerLocale(english);

/** What sources write when they do not know (GeoIP "XX"/"ZZ", Cloudflare "T1" for Tor, placeholders). */
const UNKNOWN = new Set(['', 'XX', 'ZZ', 'T1', 'A1', 'A2', 'O1', '--', '??', 'UNKNOWN', 'N/A', 'NA/NA', 'NONE', 'NULL', '-']);

const memo = new Map<string, string | null>();

/**
 * The alpha-2 code for what a source wrote; null for empty or "unknown" placeholders; the trimmed text
 * itself when it names no country (kept, shown as written, compared as written).
 */
export function toCountryCode(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const known = memo.get(text);
  if (known !== undefined) return known;
  const code = resolve(text);
  if (memo.size > 10_000) memo.clear(); // bounded: a hostile log cannot grow it forever
  memo.set(text, code);
  return code;
}

function resolve(text: string): string | null {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  const upper = trimmed.toUpperCase();
  if (UNKNOWN.has(upper)) return null;
  if (/^[A-Z]{2}$/.test(upper)) {
    if (countries.isValid(upper)) return upper;
    // "UK" (and other aliases of two letters) are listed as English names.
    return countries.getAlpha2Code(upper, 'en') ?? upper;
  }
  if (/^[A-Z]{3}$/.test(upper)) {
    const alpha2 = countries.alpha3ToAlpha2(upper);
    if (alpha2 !== undefined) return alpha2;
  }
  if (/^\d{3}$/.test(upper)) {
    const alpha2 = countries.numericToAlpha2(upper);
    if (alpha2 !== undefined) return alpha2;
  }
  // "The Netherlands", "Republic of Korea": i18n-iso-countries' simplified match drops such words.
  return countries.getAlpha2Code(trimmed, 'en') ?? countries.getSimpleAlpha2Code(trimmed, 'en') ?? trimmed;
}

/** True when `code` is an ISO 3166-1 alpha-2 code (what toCountryCode returns for every recognised country). */
export function isCountryCode(code: string | null): code is string {
  return code !== null && /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

/** "United Kingdom" for GB (the first English name); text that is not a code comes back as it is. */
export function countryName(code: string | null): string | null {
  if (code === null) return null;
  if (!isCountryCode(code)) return code;
  return countries.getName(code, 'en') ?? code;
}

/** "United Kingdom (GB)": a name people read with the code they can search for. */
export function countryLabel(code: string | null): string | null {
  if (code === null) return null;
  const name = countryName(code);
  return name === code ? code : `${name} (${code})`;
}
