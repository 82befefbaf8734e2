import { beforeAll, describe, expect, it } from 'vitest';
import { csvObjects } from '../../support/csv-parse';
import { SUMMARY_CSV_FIXED_COLUMNS } from '../../../src/core/export/summary-csv';
import { contextFor, Dx, encodeFile, loadFixtureRows, PARIS_2025, sha256Hex, type Fixture } from './export-fixture';

let fixture: Fixture;
beforeAll(async () => {
  fixture = await loadFixtureRows();
});

describe('summary CSV', () => {
  it('has one line per chain with the summary figures, the identity and every kind total exact', () => {
    const ctx = contextFor(fixture, PARIS_2025);
    const file = encodeFile('summary-csv', ctx, fixture.rows);
    const { header, rows } = csvObjects(file.text);
    const kinds = header.slice(SUMMARY_CSV_FIXED_COLUMNS.length);
    expect(new Set(kinds)).toEqual(new Set(ctx.summaries.flatMap((s) => s.totals.map((t) => t.kind))));
    expect(kinds.indexOf('trade-option')).toBe(0);
    expect(kinds.indexOf('transfer-in:77')).toBeLessThan(kinds.indexOf('transfer-in:2100'));
    expect(rows).toHaveLength(ctx.summaries.length);
    for (const s of ctx.summaries) {
      const line = rows.find((l) => l.account_key === s.chain.accountKey && l.user_id === String(s.chain.userId) && l.currency === s.chain.currency);
      expect(line).toMatchObject({
        user: s.username ?? '', period: '2025 (Europe/Paris)', time_zone: 'Europe/Paris', from: '2024-12-31T23:00:00.000Z',
        to: '2025-12-31T23:00:00.000Z', opening: s.opening, opening_basis: s.openingBasis, closing: s.closing,
        sum_of_changes: s.sumOfChanges, identity_holds: 'true', rows: String(s.rows),
      });
      for (const k of kinds) expect(line?.[k], k).toBe(s.totals.find((t) => t.kind === k)?.amount ?? '');
      const sum = kinds.reduce((acc, k) => acc.plus(line?.[k] || 0), new Dx(0));
      expect(sum.eq(s.sumOfChanges)).toBe(true);
      expect(new Dx(s.opening).plus(sum).eq(s.closing)).toBe(true);
    }
    expect(rows.find((l) => l.account_key === 'acc_hand')?.account).toBe('Hand "desk", Paris\nB');
  });

  it('counts and digests its summary lines; names the file after the period and zone', () => {
    const ctx = contextFor(fixture, PARIS_2025);
    const file = encodeFile('summary-csv', ctx, fixture.rows);
    expect(file.body).toBe('');
    const section = file.encoder.section();
    expect(section.rowsExported).toBe(ctx.summaries.length);
    expect(section.sha256).toBe(sha256Hex(file.footer));
    expect(file.encoder.fileName).toBe('deribit-summary-2025-Europe-Paris.csv');
    expect(file.encoder.sidecar()).toContain('time zone Europe/Paris');
  });
});
