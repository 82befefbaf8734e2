import { beforeAll, describe, expect, it } from 'vitest';
import type { ExportRow } from '../../../src/core/export';
import { csvObjects } from '../../support/csv-parse';
import { contextFor, Dx, encodeFile, inPeriod, loadFixtureRows, sha256Hex, UTC_2025, type Fixture } from './export-fixture';

let fixture: Fixture;
beforeAll(async () => {
  fixture = await loadFixtureRows();
});

const PNL = new Set(['trade-option', 'trade-future', 'trade', 'settlement', 'delivery']);
const idOf = (description: string): number => Number(/^Deribit id (\d+) /.exec(description)?.[1]);
const utc = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

describe('Koinly universal CSV', () => {
  it('has exactly the Koinly header and one line per cash movement, traced to its Deribit row', () => {
    const file = encodeFile('koinly-csv', contextFor(fixture, UTC_2025), fixture.rows);
    const { header, rows } = csvObjects(file.text);
    expect(header).toEqual([
      'Date', 'Sent Amount', 'Sent Currency', 'Received Amount', 'Received Currency', 'Fee Amount', 'Fee Currency',
      'Net Worth Amount', 'Net Worth Currency', 'Label', 'Description', 'TxHash',
    ]);
    const byId = new Map(inPeriod(fixture.rows, UTC_2025).map((r) => [r.id, r]));
    const seen = new Set<number>();
    for (const line of rows) {
      const row = byId.get(idOf(line.Description!)) as ExportRow;
      expect(row, line.Description).toBeDefined();
      seen.add(row.id);
      expect(line.Date).toBe(utc(row.timestamp));
      for (const [amount, currency] of [['Sent Amount', 'Sent Currency'], ['Received Amount', 'Received Currency'], ['Fee Amount', 'Fee Currency']] as const) {
        expect(line[currency]).toBe(line[amount] === '' ? '' : row.currency);
        if (line[amount] !== '') expect(line[amount]).toMatch(/^\d+(\.\d+)?$/);
      }
      expect(line['Sent Amount'] === '' || line['Received Amount'] === '').toBe(true);
      expect(line.Description).not.toMatch(/[\r\n]/);
      // Rebates and staking/bonus distributions are income ("reward"); own transfers, deposits, withdrawals plain.
      if (line.Description!.endsWith('(fee rebate)') || row.kind === 'bonus') expect(line.Label).toBe('reward');
      else if (PNL.has(row.kind)) expect(['realized gain', 'cost']).toContain(line.Label);
      else expect(line.Label).toBe('');
      const hash = /"transaction":"([^"]+)"/.exec(row.raw)?.[1];
      expect(line.TxHash).toBe((row.kind === 'deposit' || row.kind === 'withdrawal') && hash ? hash : '');
      // Amounts that are the wire value itself keep its exact text.
      if ((row.commission === null || new Dx(row.commission).isZero()) && /^-?\d+(\.\d+)?$/.test(row.change)) {
        expect(line['Sent Amount'] || line['Received Amount']).toBe(row.change.replace(/^-/, ''));
      }
    }
    const silent = [...byId.values()].filter((r) => !seen.has(r.id));
    expect(silent.every((r) => new Dx(r.change).isZero() && new Dx(r.commission ?? 0).isZero())).toBe(true);
    expect(file.encoder.sidecar()).toContain(`have no line: ${silent.length}.`);
  });

  it('per currency, Received − Sent − Fee equals the sum of change exactly', () => {
    const { rows } = csvObjects(encodeFile('koinly-csv', contextFor(fixture, UTC_2025), fixture.rows).text);
    const expected = new Map<string, InstanceType<typeof Dx>>();
    for (const r of inPeriod(fixture.rows, UTC_2025)) expected.set(r.currency, (expected.get(r.currency) ?? new Dx(0)).plus(r.change));
    const actual = new Map<string, InstanceType<typeof Dx>>();
    const add = (currency: string, amount: string, sign: 1 | -1): void => {
      if (amount === '') return;
      actual.set(currency, (actual.get(currency) ?? new Dx(0)).plus(new Dx(amount).times(sign)));
    };
    for (const l of rows) {
      add(l['Received Currency']!, l['Received Amount']!, 1);
      add(l['Sent Currency']!, l['Sent Amount']!, -1);
      add(l['Fee Currency']!, l['Fee Amount']!, -1);
    }
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [currency, sum] of expected) expect(actual.get(currency)?.toFixed(), currency).toBe(sum.toFixed());
  });

  it('splits trades into realized gain and fee, and words transfers and rebates plainly', () => {
    const { rows } = csvObjects(encodeFile('koinly-csv', contextFor(fixture, UTC_2025), fixture.rows).text);
    const lines = (id: number): string[][] =>
      rows.filter((l) => idOf(l.Description!) === id).map((l) => [l['Sent Amount']!, l['Received Amount']!, l['Fee Amount']!, l.Label!, l.TxHash!]);
    expect(lines(503)).toEqual([['0.10729', '', '0.0003', 'realized gain', '']]); // -0.10759 = -0.10729 - 0.0003
    expect(lines(504)).toEqual([['', '0.00001', '', 'reward', '']]); // fee rebate: income, like bonus distributions
    expect(lines(508)).toEqual([['', '0.00000001', '', 'reward', '']]); // bonus_distribution (staking reward)
    expect(lines(505)).toEqual([['0.00000001', '', '', 'cost', '']]); // "-1e-8" spelled out
    expect(lines(506)).toEqual([]); // nothing moved
    expect(lines(507)).toEqual([['0.5', '', '0.0005', '', 'cc33']]);
    expect(lines(512)).toEqual([['', '0.2', '0.0001', 'realized gain', '']]);
    expect(rows.find((l) => idOf(l.Description!) === 510)?.Description).toContain('transfer to ops-desk (own account)');
    expect(rows.find((l) => idOf(l.Description!) === 511)?.Description).toContain('transfer from ops.desk (own account)');
  });

  it('digests the data lines', () => {
    const file = encodeFile('koinly-csv', contextFor(fixture, UTC_2025), fixture.rows);
    expect(file.encoder.section().sha256).toBe(sha256Hex(file.body));
    expect(file.encoder.fileName).toBe('deribit-koinly-2025-UTC.csv');
  });
});
