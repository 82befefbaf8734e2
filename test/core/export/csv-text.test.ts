import { describe, expect, it } from 'vitest';
import { parse } from 'lossless-json';
import type { ExportFormat, ExportRow } from '../../../src/core/export';
import { csvField, csvLine, csvNumber, csvRecord } from '../../../src/core/export/csv-text';
import { toTransactionLogRow } from '../../../src/core/providers/deribit/lossless-response';
import { classifyRow } from '../../../src/core/recon/classify';
import { csvObjects, parseCsv } from '../../support/csv-parse';
import { contextFor, encodeFile, UTC_2025, type Fixture } from './export-fixture';

describe('csvField: text', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', `"'+1"`],
    ['-1+2', `"'-1+2"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tfoo', `"'\tfoo"`],
    ['\rfoo', `"'\rfoo"`],
    ['=a,"b"\nc', `"'=a,""b""\nc"`],
  ])('%j is neutralised: a leading quote, and quoted', (text, encoded) => {
    expect(csvField(text)).toBe(encoded);
    expect(parseCsv(`${encoded}\r\n`)).toEqual([[`'${text}`]]);
  });

  it.each([
    ['BTC-PERPETUAL', 'BTC-PERPETUAL'],
    ['Source: api', 'Source: api'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['', ''],
    // Deribit's side of transfers and deposits: a lone minus is no formula.
    ['-', '-'],
    [' =not at the start', ' =not at the start'],
  ])('%j stays text as before', (text, encoded) => {
    expect(csvField(text)).toBe(encoded);
  });

  it('writes numbers and null as they are', () => {
    expect(csvField(-12)).toBe('-12');
    expect(csvField(null)).toBe('');
  });
});

describe('csvNumber: amounts', () => {
  it.each(['-0.5', '0.5', '-1e-8', '-2.5E-3', '123', '.5', '-0'])('%s stays a plain number', (amount) => {
    expect(csvNumber(amount)).toBe(amount);
  });

  it('treats anything that is not decimal text as text', () => {
    expect(csvNumber('-1+2')).toBe(`"'-1+2"`);
    expect(csvNumber('=1')).toBe(`"'=1"`);
    expect(csvNumber('+1')).toBe(`"'+1"`);
    expect(csvNumber(null)).toBe('');
    expect(csvNumber(-3)).toBe('-3');
  });

  it('csvRecord joins encoded fields; csvLine encodes text fields', () => {
    expect(csvRecord([csvNumber('-0.5'), csvField('@x')])).toBe(`-0.5,"'@x"\r\n`);
    expect(csvLine(['=a', 2, null])).toBe(`"'=a",2,\r\n`);
  });
});

/** Rows whose every text field is formula-like, with negative amounts. */
const LABEL = "=cmd|' /C calc'!A0";
const USER = '=HYPERLINK("http://x")';
const t = (iso: string): string => String(Date.parse(iso));
const HOSTILE_ROWS = [
  `{"id":901,"user_id":5,"username":${JSON.stringify(USER)},"user_seq":1,"currency":"BTC","timestamp":${t('2025-02-01T00:00:00Z')},"type":"deposit","side":"-","change":0.75,"cashflow":0.75,"balance":0.75,"commission":0,"info":{"transaction":"@SUM(A1)","addr":"-1+2"}}`,
  `{"id":902,"user_id":5,"username":${JSON.stringify(USER)},"user_seq":2,"currency":"BTC","timestamp":${t('2025-03-01T00:00:00Z')},"type":"trade","instrument_name":"+1","side":"-1+2","change":-0.5,"cashflow":-0.5,"balance":0.25,"commission":0.001,"amount":-0.5,"price":-0.5,"trade_id":"@SUM(A1)","order_id":"\\tfoo","ip":"\\rbar","info":"=1+1"}`,
  `{"id":903,"user_id":5,"username":${JSON.stringify(USER)},"user_seq":3,"currency":"BTC","timestamp":${t('2025-04-01T00:00:00Z')},"type":"=evil","side":"-","change":0.25,"balance":0.5}`,
];

function hostileFixture(): Fixture {
  const rows: ExportRow[] = HOSTILE_ROWS.map((raw) => {
    const row = toTransactionLogRow(parse(raw), 'BTC');
    return { ...row, accountKey: 'acc_x', accountLabel: LABEL, username: row.username, kind: classifyRow(row) };
  });
  return { rows, usernames: new Map([['acc_x|5', USER]]), accountLabels: new Map([['acc_x', LABEL]]) };
}

const FORMULA_START = /^[=+\-@\t\r]/;
const DECIMAL = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

describe('every CSV export neutralises formula-like text and keeps amounts as numbers', () => {
  it.each(['transactions-csv', 'summary-csv', 'koinly-csv', 'cointracking-csv'] satisfies ExportFormat[])('%s', (format) => {
    const fixture = hostileFixture();
    const file = encodeFile(format, contextFor(fixture, UTC_2025), fixture.rows);
    const cells = parseCsv(file.text).flat();
    // No cell a spreadsheet would run: formula-like text starts with ' now; numbers and a lone "-" stay.
    const risky = cells.filter((c) => FORMULA_START.test(c) && c !== '-' && !DECIMAL.test(c));
    expect(risky).toEqual([]);
    expect(cells.some((c) => /^'[=+\-@\t\r]/.test(c))).toBe(true);
  });

  it('transactions-csv: each hostile field exported as text, amounts unchanged', () => {
    const fixture = hostileFixture();
    const file = encodeFile('transactions-csv', contextFor(fixture, UTC_2025), fixture.rows);
    const trade = csvObjects(file.text).rows.find((r) => r.id === '902')!;
    expect(trade).toMatchObject({
      account: `'${LABEL}`, username: `'${USER}`, instrument: "'+1", side: "'-1+2", trade_id: "'@SUM(A1)", order_id: "'\tfoo",
      ip: "'\rbar", info: "'=1+1", change: '-0.5', amount: '-0.5', price: '-0.5', balance: '0.25', commission: '0.001',
    });
    // Amounts are written bare (unquoted, unprefixed) in the file itself.
    expect(file.body).toContain(`,"'+1","'-1+2",-0.5,-0.5,,-0.5,0.25,-0.5,0.001,,"'@SUM(A1)",`);
    const deposit = csvObjects(file.text).rows.find((r) => r.id === '901')!;
    expect(deposit.side).toBe('-');
    expect(csvObjects(file.text).rows.find((r) => r.id === '903')!.type).toBe("'=evil");
  });

  it('summary-csv: negative totals stay plain numbers, names are neutralised', () => {
    const fixture = hostileFixture();
    const file = encodeFile('summary-csv', contextFor(fixture, UTC_2025), fixture.rows);
    const { rows } = csvObjects(file.header + file.footer);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ account: `'${LABEL}`, user: `'${USER}`, opening: '0', closing: '0.5', sum_of_changes: '0.5', 'trade-future': '-0.499' });
    expect(file.footer).toContain(',-0.499');
  });

  it('koinly-csv and cointracking-csv: a hostile tx hash and owner name are neutralised', () => {
    const fixture = hostileFixture();
    const koinly = csvObjects(encodeFile('koinly-csv', contextFor(fixture, UTC_2025), fixture.rows).text).rows;
    expect(koinly.find((r) => r.Description!.startsWith('Deribit id 901 '))?.TxHash).toBe("'@SUM(A1)");
    const coinTracking = csvObjects(encodeFile('cointracking-csv', contextFor(fixture, UTC_2025), fixture.rows).text).rows;
    expect(coinTracking[0]?.['Trade-Group']).toBe(`'${LABEL} / ${USER}`);
    expect(coinTracking.find((r) => r['Tx-ID'] === '902')?.Sell).toBe('0.499');
  });
});
