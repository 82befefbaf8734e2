/**
 * Rows encoded apart (createSegmentEncoderFor, the split export's encoders) and put together in export
 * order (adopt + addTally) give the file one encoder gives: bytes, digest, notes. Paired swaps whose legs
 * sit in two chains of one user are what a 'user' split must keep together.
 */
import { parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import type { ExportContext, ExportFormat, ExportRow } from '../../../src/core/export';
import { createExportEncoder, createSegmentEncoderFor } from '../../../src/core/export/export-encoder';
import { UsdValuer } from '../../../src/core/fiat';
import { toTransactionLogRow } from '../../../src/core/providers/deribit/lossless-response';
import { classifyRow } from '../../../src/core/recon/classify';
import type { Period } from '../../../src/core/recon/types';
import { chainOrder, chainStatuses, summarize } from './export-fixture';

const ACCOUNT = 'acc_seg';
const Y2025: Period = { fromMs: Date.UTC(2025, 0, 1), toMs: Date.UTC(2026, 0, 1), timeZone: 'UTC', label: '2025 (UTC)' };
const USERS: readonly [number, string][] = [[1, 'main'], [2, 'main_sub1'], [3, 'main_sub2']];

function history(): ExportRow[] {
  const seq = new Map<string, number>();
  const rows: ExportRow[] = [];
  let id = 5000;
  const add = (user: [number, string], currency: string, day: string, type: string, change: string, balance: string, extra: Record<string, string> = {}): void => {
    const key = `${user[0]}|${currency}`;
    const userSeq = (seq.get(key) ?? 0) + 1;
    seq.set(key, userSeq);
    const fields: Record<string, string> = {
      id: String(id++), user_id: String(user[0]), username: JSON.stringify(user[1]), user_seq: String(userSeq), currency: JSON.stringify(currency),
      timestamp: String(Date.parse(`${day}T12:00:00.000Z`)), type: JSON.stringify(type), side: '"-"', change, cashflow: change, balance, commission: '0', ...extra,
    };
    const r = toTransactionLogRow(parse(`{${Object.entries(fields).map(([k, v]) => `"${k}":${v}`).join(',')}}`), currency);
    rows.push({ ...r, accountKey: ACCOUNT, accountLabel: 'Seg', username: r.username, kind: classifyRow(r) });
  };
  for (const user of USERS) {
    add(user, 'BTC', '2025-01-05', 'deposit', '1', '1', { info: '{"transaction":"dd01"}' });
    add(user, 'USDC', '2025-01-06', 'deposit', '100', '100', { info: '{"transaction":"dd02"}' });
    // A swap: BTC leg in the BTC chain, USDC leg in the USDC chain, same time and rate.
    add(user, 'BTC', '2025-03-01', 'swap', '-0.1001', '0.8999', { commission: '0.0001', info: '{"swap_type":"currency_conversion","rate":50000}' });
    add(user, 'USDC', '2025-03-01', 'swap', '5000', '5100', { info: '{"swap_type":"currency_conversion","rate":50000}' });
    add(user, 'BTC', '2025-05-01', 'trade', '0.00002', '0.89992', { commission: '-0.00002', instrument_name: '"BTC-PERPETUAL"', index_price: '50000.5' });
    add(user, 'BTC', '2025-06-01', 'bonus_distribution', '0.001', '0.90092', { info: '{"program":"staking_rewards"}' });
    add(user, 'USDC', '2025-09-01', 'swap', '-10', '5090', { info: '{"swap_type":"currency_conversion","rate":0.1234}' });
  }
  return rows.sort(chainOrder);
}

function context(rows: readonly ExportRow[]): ExportContext {
  const usernames = new Map(USERS.map(([id, name]) => [`${ACCOUNT}|${id}`, name]));
  const summaries = summarize(rows, Y2025, usernames);
  const valuer = new UsdValuer(
    [{ indexName: 'btc_usd', date: '2025-01-05', price: '40000' }, { indexName: 'btc_usd', date: '2025-03-01', price: '43000' }],
    new Map([['btc_usd', { indexName: 'btc_usd', oldest: '2025-01-05', newest: '2025-03-01', unavailable: null }]]),
  );
  return {
    period: Y2025, summaries, chains: chainStatuses(summaries, rows), findings: [], accountLabels: new Map([[ACCOUNT, 'Seg']]), usernames,
    usd: { valuer, totals: null, coverage: ['btc_usd: test prices'] },
  };
}

const utf8 = new TextDecoder();

function serialFile(format: ExportFormat, ctx: ExportContext, rows: readonly ExportRow[]) {
  const encoder = createExportEncoder(format, ctx);
  const text = encoder.header() + rows.map((r) => utf8.decode(encoder.encode([r]))).join('') + encoder.footer();
  return { text, sidecar: encoder.sidecar(), section: encoder.section() };
}

/** Rows cut into shares at `cuts`, each encoded by an encoder of its own, put together in order. */
function splitFile(format: ExportFormat, ctx: ExportContext, rows: readonly ExportRow[], cuts: readonly number[]) {
  const encoder = createExportEncoder(format, ctx);
  let text = encoder.header();
  const bounds = [0, ...cuts, rows.length];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const segment = createSegmentEncoderFor(format, ctx);
    if (segment === null) throw new Error(`${format} cannot be split`);
    encoder.adopt?.(segment.encode(rows.slice(bounds[i], bounds[i + 1])), (bytes) => {
      text += utf8.decode(bytes);
    });
    encoder.addTally?.(segment.tally());
  }
  return { text: text + encoder.footer(), sidecar: encoder.sidecar(), section: encoder.section() };
}

describe('rows encoded apart, put together in order', () => {
  const rows = history();
  const ctx = context(rows);
  const userStarts = rows.flatMap((r, i) => (i > 0 && r.userId !== rows[i - 1]?.userId ? [i] : []));

  it('the history pairs swaps across chains (what a split inside a user would break)', () => {
    const { sidecar } = serialFile('koinly-csv', ctx, rows);
    expect(sidecar).toContain('Swaps as one trade line (Sent + Received): 3; swap legs whose counterpart is not in this export, as plain lines: 3.');
    expect(userStarts).toHaveLength(2);
  });

  it.each(['koinly-csv', 'cointracking-csv'] as const)('%s split between users: the same file, digest and notes', (format) => {
    expect(createExportEncoder(format, ctx).split).toBe('user');
    expect(splitFile(format, ctx, rows, userStarts)).toEqual(serialFile(format, ctx, rows));
  });

  it('transactions CSV split anywhere: the same file, digest and notes', () => {
    expect(createExportEncoder('transactions-csv', ctx).split).toBe('rows');
    for (const cuts of [[1], [3, 4, 5], [7, 13, 20], userStarts]) expect(splitFile('transactions-csv', ctx, rows, cuts)).toEqual(serialFile('transactions-csv', ctx, rows));
  });

  it('Beancount and the summary CSV are never encoded apart', () => {
    expect(createSegmentEncoderFor('beancount', ctx)).toBeNull();
    expect(createSegmentEncoderFor('summary-csv', ctx)).toBeNull();
    expect(createExportEncoder('beancount', ctx).split ?? null).toBeNull();
    expect(createExportEncoder('summary-csv', ctx).split ?? null).toBeNull();
  });
});
