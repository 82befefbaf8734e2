import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CsvBytes } from '../../../src/core/export/csv-bytes';
import { csvField, csvNumber } from '../../../src/core/export/csv-text';
import { isoUtc } from '../../../src/core/export/export-dates';
import { transactionsCsvFormat } from '../../../src/core/export/transactions-csv';
import type { ExportRow } from '../../../src/core/export';
import { UsdValuer } from '../../../src/core/fiat/usd-valuer';
import { contextFor, loadFixtureRows, UTC_2025, type Fixture } from './export-fixture';

const utf8 = new TextEncoder();

/** Small buffers, so growing is exercised too. */
function written(write: (out: CsvBytes) => void, capacity = 8): Uint8Array {
  const out = new CsvBytes(capacity);
  write(out);
  return out.take();
}

// Text as Deribit and users write it: formula starts, quotes, commas, line ends, accents, emoji, a lone surrogate.
const tricky = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', '1', '-', '=', '+', '@', '\t', '\r', '\n', '"', ',', ' ', '.', 'é', '€', '😀', '\ud800', "'") }),
  // Amount-like text: digits, sign, point, exponent in every order.
  fc.string({ unit: fc.constantFrom('0', '7', '-', '+', '.', 'e', 'E'), maxLength: 8 }),
  fc.string(),
  fc.constantFrom('-', '', '=', '"', '-1+2', '-0.5', '1e-8', '.5', '5.', '.', '-.', '1e', '1e+', '.e1', '-.5E+07', '5.e3', 'BTC-PERPETUAL', 'Hand "desk", Paris\nB'),
);

describe('CsvBytes: the same bytes as the string path', () => {
  it('field() writes csvField(text) as UTF-8', () => {
    fc.assert(fc.property(tricky, fc.integer({ min: 1, max: 64 }), (text, capacity) => {
      expect(written((out) => out.field(text), capacity)).toEqual(utf8.encode(csvField(text)));
    }), { numRuns: 3000 });
  });

  it('number() writes csvNumber(text) as UTF-8', () => {
    fc.assert(fc.property(tricky, (text) => {
      expect(written((out) => out.number(text))).toEqual(utf8.encode(csvNumber(text)));
    }), { numRuns: 2000 });
  });

  it('integer() writes String(n), for any number', () => {
    const numbers = fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double(), fc.constantFrom(0, -0, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53, 1e21, NaN, Infinity));
    fc.assert(fc.property(numbers, (n) => {
      expect(written((out) => out.integer(n))).toEqual(utf8.encode(String(n)));
    }), { numRuns: 3000 });
  });

  it('isoUtc() writes isoUtc(ms), for any time, one after another across days', () => {
    const times = fc.oneof(
      fc.integer({ min: 0, max: 253402300799999 }),
      fc.integer({ min: 1_700_000_000_000, max: 1_700_000_000_000 + 3 * 86_400_000 }),
      fc.constantFrom(-1, 253402300800000, 1.5, NaN, Infinity, -8.64e15, 8.64e15 + 1, Number.MAX_VALUE),
    );
    fc.assert(fc.property(fc.array(times, { minLength: 1, maxLength: 6 }), (list) => {
      expect(written((out) => { for (const ms of list) out.isoUtc(ms); })).toEqual(utf8.encode(list.map(isoUtc).join('')));
    }), { numRuns: 3000 });
  });

  it('detach() hands the bytes over: the next batch is written elsewhere', () => {
    const out = new CsvBytes(4);
    out.field('first batch');
    const first = out.detach();
    out.field('second');
    expect(new TextDecoder().decode(first)).toBe('first batch');
    expect(new TextDecoder().decode(out.detach())).toBe('second');
    expect(out.length).toBe(0);
  });

  it('null writes nothing; numbers in text columns (older caches) as csvField does', () => {
    expect(written((out) => { out.field(null); out.number(null); })).toEqual(new Uint8Array(0));
    expect(written((out) => out.field(-12 as unknown as string))).toEqual(utf8.encode(csvField(-12)));
    expect(written((out) => out.number(7 as unknown as string))).toEqual(utf8.encode(csvNumber(7)));
  });

  it('several fields in a row, across growth, then reset() starts over', () => {
    const out = new CsvBytes(4);
    out.field('a,b'); out.comma(); out.integer(42); out.comma(); out.text('é'); out.eol();
    expect(new TextDecoder().decode(out.take())).toBe('"a,b",42,é\r\n');
    out.reset();
    out.field('=x');
    expect(new TextDecoder().decode(out.take())).toBe(`"'=x"`);
  });
});

describe('transactions CSV: writeRow equals row()', () => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await loadFixtureRows();
  });

  const valuer = (): UsdValuer => new UsdValuer(
    [{ indexName: 'btc_usd', date: '2025-03-01', price: '84000.5' }, { indexName: 'eth_usd', date: '2025-03-01', price: '2200.25' }],
    new Map([['btc_usd', { indexName: 'btc_usd', oldest: '2025-03-01', newest: '2025-03-01', unavailable: null }]]),
  );

  it.each([['without price data', false], ['with prices (priced and unpriced rows)', true]])('%s', (_name, priced) => {
    const base = contextFor(fixture, UTC_2025);
    const ctx = priced ? { ...base, usd: { valuer: valuer(), totals: null, coverage: [] } } : base;
    const byString = transactionsCsvFormat(ctx);
    const byBytes = transactionsCsvFormat(ctx);
    const out = new CsvBytes(16);
    // Every row of every period, plus rows with the text that needs quoting, a formula, non-ASCII.
    const odd: ExportRow[] = fixture.rows.slice(0, 40).map((r, i) => ({
      ...r, accountLabel: ['=cmd', 'Zürich, "desk"', '-', '😀'][i % 4] as string, username: i % 3 === 0 ? null : `user\n${i}`,
      infoText: i % 2 === 0 ? '@SUM(A1)' : 'é', side: i % 5 === 0 ? '-' : r.side,
    }));
    const rows = [...fixture.rows, ...odd];
    expect(rows.some((r) => r.timestamp >= Date.UTC(2025, 2, 1) && r.timestamp < Date.UTC(2025, 2, 5) && r.currency !== 'USDC')).toBe(true);
    let expected = '';
    for (const r of rows) {
      expected += byString.row(r);
      byBytes.writeRow?.(r, out);
    }
    expect(new TextDecoder().decode(out.take())).toBe(expected);
    expect(out.take()).toEqual(utf8.encode(expected));
    expect(byBytes.sidecarNotes()).toEqual(byString.sidecarNotes());
  });
});
