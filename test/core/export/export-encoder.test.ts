import { beforeAll, describe, expect, it } from 'vitest';
import { createExportEncoder, EXPORT_FORMATS, formatReconciliationSection, type ExportFormat } from '../../../src/core/export';
import { contextFor, encodeFile, loadFixtureRows, PARIS_2025, sha256Hex, UTC_2025, type Fixture } from './export-fixture';

let fixture: Fixture;
beforeAll(async () => {
  fixture = await loadFixtureRows();
});

const ROW_FORMATS: readonly ExportFormat[] = ['transactions-csv', 'koinly-csv', 'cointracking-csv', 'beancount'];

describe('export encoders', () => {
  it('lists every format once, with a file name per period and zone', () => {
    expect(EXPORT_FORMATS.map((f) => f.format)).toEqual(['transactions-csv', 'summary-csv', 'koinly-csv', 'cointracking-csv', 'beancount']);
    const names = EXPORT_FORMATS.map((f) => createExportEncoder(f.format, contextFor(fixture, UTC_2025)).fileName);
    expect(names).toEqual([
      'deribit-transactions-2025-UTC.csv', 'deribit-summary-2025-UTC.csv', 'deribit-koinly-2025-UTC.csv',
      'deribit-cointracking-2025-UTC.csv', 'deribit-ledger-2025-UTC.beancount',
    ]);
    const range = { ...UTC_2025, toMs: Date.UTC(2025, 6, 1), label: 'H1 2025' };
    expect(createExportEncoder('koinly-csv', contextFor(fixture, range)).fileName).toBe('deribit-koinly-2025-01-01_2025-06-30-UTC.csv');
    expect(createExportEncoder('beancount', contextFor(fixture, PARIS_2025)).sidecar()).toBeNull();
  });

  it.each(EXPORT_FORMATS.map((f) => f.format))('%s: same inputs give the same bytes and digest, whatever the batch size', (format) => {
    const a = encodeFile(format, contextFor(fixture, PARIS_2025), fixture.rows, 1000);
    const b = encodeFile(format, contextFor(fixture, PARIS_2025), fixture.rows, 7);
    expect(b.text).toBe(a.text);
    expect(b.encoder.section().sha256).toBe(a.encoder.section().sha256);
    expect(b.encoder.sidecar()).toBe(a.encoder.sidecar());
    expect(a.encoder.section().sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each(ROW_FORMATS)('%s: one changed amount changes the digest, which matches an independent SHA-256', (format) => {
    const ctx = contextFor(fixture, UTC_2025);
    const original = encodeFile(format, ctx, fixture.rows);
    // Same context (as if the ledger were stale): only the row bytes differ.
    const altered = encodeFile(format, ctx, fixture.rows.map((r) => (r.id === 509 ? { ...r, change: '-2.6E-3', raw: r.raw.replace('-2.5E-3', '-2.6E-3') } : r)));
    expect(altered.encoder.section().sha256).not.toBe(original.encoder.section().sha256);
    expect(altered.encoder.section().sha256).toBe(sha256Hex(altered.body));
    expect(original.encoder.section().sha256).toBe(sha256Hex(original.body));
  });

  it.each(ROW_FORMATS)('%s: rows outside the period are not exported or counted', (format) => {
    const ctx = contextFor(fixture, UTC_2025);
    const within = fixture.rows.filter((r) => r.timestamp >= UTC_2025.fromMs && r.timestamp < UTC_2025.toMs);
    const all = encodeFile(format, ctx, fixture.rows);
    const only = encodeFile(format, ctx, within);
    expect(all.body).toBe(only.body);
    expect(all.encoder.section().rowsExported).toBe(within.length);
  });

  it('formats the reconciliation section deterministically with the given comment prefix', () => {
    const section = encodeFile('transactions-csv', contextFor(fixture, UTC_2025), fixture.rows).encoder.section();
    const text = formatReconciliationSection(section, '# ');
    expect(text.split('\n').slice(0, 5)).toEqual([
      '# Reconciliation',
      `# Generated from: ${section.generatedFrom}`,
      '# Period: 2025 (UTC); from 2025-01-01T00:00:00.000Z (inclusive) to 2026-01-01T00:00:00.000Z (exclusive); time zone UTC',
      `# Rows exported: ${section.rowsExported}`,
      `# SHA-256 of the exported rows: ${section.sha256}`,
    ]);
    expect(text).toContain('# Balance chains: 11; balance-chain breaks: 0; sequence gaps: 0');
    expect(text).toContain('#   acc_hand / 77 ops.desk / BTC: opening 1 (previous-row), closing 1.98932, sum of changes 0.98932, rows 10; closing = opening + sum(change): holds');
    expect(text.split('\n').filter((l) => l !== '' && l !== '#').every((l) => l.startsWith('# '))).toBe(true);
    expect(formatReconciliationSection(section, '# ')).toBe(text);
  });

  it('says a chain is not fully downloaded rather than calling its history incomplete', () => {
    const section = encodeFile('transactions-csv', contextFor(fixture, UTC_2025), fixture.rows).encoder.section();
    const [first, ...rest] = section.chains;
    if (first === undefined) throw new Error('fixture has no chain');
    const partial = { ...first, complete: false, download: { complete: false, missing: [{ from: 0, to: 1 }], percentDone: 42 } };
    const text = formatReconciliationSection({ ...section, chains: [partial, ...rest] }, '# ');
    expect(text).toContain('not fully downloaded (sync 42 % done): not checked yet');
    expect(text.split('\n').find((l) => l.includes('not fully downloaded'))).not.toContain('history incomplete');
  });
});
