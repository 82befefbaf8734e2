import { beforeAll, describe, expect, it } from 'vitest';
import type { ExportRow } from '../../../src/core/export';
import { csvObjects, parseCsv } from '../../support/csv-parse';
import { contextFor, Dx, encodeFile, inPeriod, loadFixtureRows, sha256Hex, UTC_2025, type Fixture } from './export-fixture';

let fixture: Fixture;
beforeAll(async () => {
  fixture = await loadFixtureRows();
});

const TYPES = new Set([
  'Derivatives / Futures Profit', 'Derivatives / Futures Loss', 'Margin Fee', 'Deposit', 'Withdrawal', 'Income', 'Other Fee',
  'Reward / Bonus', 'Trade', 'Income (non taxable)', 'Expense (non taxable)',
]);
const utc = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

describe('CoinTracking CSV', () => {
  it('has the CoinTracking header, known types, unique Tx-IDs, one exchange per Deribit user and one group per account/user', () => {
    const file = encodeFile('cointracking-csv', contextFor(fixture, UTC_2025), fixture.rows);
    expect(parseCsv(file.text)[0]).toEqual(['Type', 'Buy', 'Cur.', 'Sell', 'Cur.', 'Fee', 'Cur.', 'Exchange', 'Trade-Group', 'Comment', 'Date', 'Tx-ID', 'Buy Value in USD', 'Sell Value in USD']);
    const { rows } = csvObjects(file.text);
    const byId = new Map(inPeriod(fixture.rows, UTC_2025).map((r) => [r.id, r]));
    const txIds = rows.map((l) => l['Tx-ID']!);
    expect(new Set(txIds).size).toBe(txIds.length);
    for (const l of rows) {
      const row = byId.get(Number(/^(\d+)/.exec(l['Tx-ID']!)?.[1])) as ExportRow;
      expect(row, l['Tx-ID']).toBeDefined();
      expect(TYPES).toContain(l.Type);
      expect(l.Exchange).toBe(`Deribit ${row.username}`);
      expect(l.Date).toBe(utc(row.timestamp));
      expect(l['Trade-Group']).toBe(`${row.accountLabel.replace(/\n/g, ' ')} / ${row.username}`);
      expect(l.Comment).toContain(`Deribit id ${row.id} `);
      expect(l['Cur.']).toBe(l.Buy === '' ? '' : row.currency);
      expect(l['Cur.#2']).toBe(l.Sell === '' ? '' : row.currency);
      expect(l['Cur.#3']).toBe(l.Fee === '' ? '' : row.currency);
    }
  });

  it('per currency, Buy − Sell − Fee equals the sum of change exactly', () => {
    const { rows } = csvObjects(encodeFile('cointracking-csv', contextFor(fixture, UTC_2025), fixture.rows).text);
    const expected = new Map<string, InstanceType<typeof Dx>>();
    for (const r of inPeriod(fixture.rows, UTC_2025)) expected.set(r.currency, (expected.get(r.currency) ?? new Dx(0)).plus(r.change));
    const actual = new Map<string, InstanceType<typeof Dx>>();
    const add = (currency: string, amount: string, sign: 1 | -1): void => {
      if (amount !== '') actual.set(currency, (actual.get(currency) ?? new Dx(0)).plus(new Dx(amount).times(sign)));
    };
    for (const l of rows) {
      add(l['Cur.']!, l.Buy!, 1);
      add(l['Cur.#2']!, l.Sell!, -1);
      add(l['Cur.#3']!, l.Fee!, -1);
    }
    for (const [currency, sum] of expected) expect(actual.get(currency)?.toFixed(), currency).toBe(sum.toFixed());
  });

  it('types each kind of row as CoinTracking expects', () => {
    const file = encodeFile('cointracking-csv', contextFor(fixture, UTC_2025), fixture.rows);
    const { rows } = csvObjects(file.text);
    const lines = (id: string): string[][] => rows.filter((l) => l['Tx-ID']!.split('-')[0] === id).map((l) => [l.Type!, l.Buy!, l.Sell!, l.Fee!, l['Tx-ID']!]);
    expect(lines('502')).toEqual([['Deposit', '1.5', '', '', '502']]);
    expect(lines('503')).toEqual([['Derivatives / Futures Loss', '', '0.10729', '0.0003', '503']]);
    expect(lines('504')).toEqual([['Reward / Bonus', '0.00001', '', '', '504']]); // fee rebate: income
    expect(lines('508')).toEqual([['Reward / Bonus', '0.00000001', '', '', '508']]); // bonus_distribution
    expect(lines('505')).toEqual([['Margin Fee', '', '0.00000001', '', '505']]);
    expect(lines('506')).toEqual([]);
    expect(lines('507')).toEqual([['Withdrawal', '', '0.5', '0.0005', '507']]);
    expect(lines('509')).toEqual([['Other Fee', '', '0.0025', '', '509']]);
    expect(lines('510')).toEqual([['Withdrawal', '', '0.1', '', '510']]);
    expect(lines('511')).toEqual([['Deposit', '0.1', '', '', '511']]);
    expect(lines('512')).toEqual([['Derivatives / Futures Profit', '0.2', '', '0.0001', '512']]);
    expect(rows.find((l) => l['Tx-ID'] === '507')?.Comment).toContain('tx cc33');
    expect(file.encoder.section().sha256).toBe(sha256Hex(file.body));
  });
});
