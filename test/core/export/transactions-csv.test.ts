import { beforeAll, describe, expect, it } from 'vitest';
import { contextFor, Dx, encodeFile, HAND_LABEL, inPeriod, loadFixtureRows, sha256Hex, UTC_2025, type Fixture } from './export-fixture';
import { csvObjects, parseCsv } from '../../support/csv-parse';

let fixture: Fixture;
beforeAll(async () => {
  fixture = await loadFixtureRows();
});

describe('transactions CSV', () => {
  it('has every in-period row with every field exactly as cached, in chain order', () => {
    const ctx = contextFor(fixture, UTC_2025);
    const file = encodeFile('transactions-csv', ctx, fixture.rows);
    const { header, rows } = csvObjects(file.text);
    expect(header).toEqual([
      'account', 'account_key', 'user_id', 'username', 'currency', 'id', 'user_seq', 'timestamp', 'date', 'type', 'kind',
      'instrument', 'side', 'amount', 'price', 'position', 'change', 'balance', 'cashflow', 'commission', 'equity',
      'trade_id', 'order_id', 'ip', 'info', 'usd_price', 'usd_price_source', 'usd_value', 'raw',
    ]);
    const expected = inPeriod(fixture.rows, UTC_2025);
    expect(expected.length).toBeGreaterThan(500);
    expect(rows).toHaveLength(expected.length);
    expect(file.encoder.section().rowsExported).toBe(expected.length);
    const text = (v: string | null): string => v ?? '';
    rows.forEach((line, i) => {
      const r = expected[i]!;
      expect(line).toEqual({
        account: r.accountLabel, account_key: r.accountKey, user_id: String(r.userId), username: text(r.username),
        currency: r.currency, id: String(r.id), user_seq: String(r.userSeq), timestamp: String(r.timestamp),
        date: new Date(r.timestamp).toISOString(), type: r.type, kind: r.kind, instrument: text(r.instrumentName),
        side: text(r.side), amount: text(r.amount), price: text(r.price), position: text(r.position), change: r.change,
        balance: r.balance, cashflow: text(r.cashflow), commission: text(r.commission), equity: text(r.equity),
        trade_id: text(r.tradeId), order_id: text(r.orderId), ip: text(r.ip), info: text(r.infoText),
        // This context carries no price data: the USD cells stay empty (never 0).
        usd_price: '', usd_price_source: '', usd_value: '', raw: r.raw,
      });
    });
  });

  it('round-trips commas, quotes and newlines (RFC 4180) and keeps exponent amounts as sent', () => {
    const ctx = contextFor(fixture, UTC_2025);
    const { rows } = csvObjects(encodeFile('transactions-csv', ctx, fixture.rows).text);
    const hand = rows.filter((r) => r.account_key === 'acc_hand');
    expect(hand.map((r) => r.id)).toEqual(['502', '503', '504', '505', '506', '507', '508', '509', '510', '512', '511']);
    expect(new Set(hand.map((r) => r.account))).toEqual(new Set([HAND_LABEL]));
    expect(hand.find((r) => r.id === '508')?.info).toBe('{"program":"x, \\"y\\"\\nz"}');
    expect(hand.find((r) => r.id === '505')?.change).toBe('-1e-8');
    expect(hand.find((r) => r.id === '509')?.change).toBe('-2.5E-3');
    expect(hand.find((r) => r.id === '508')?.kind).toBe('bonus');
  });

  it('balances chain per account, user and currency from the summary opening to its closing', () => {
    const ctx = contextFor(fixture, UTC_2025);
    const { rows } = csvObjects(encodeFile('transactions-csv', ctx, fixture.rows).text);
    for (const s of ctx.summaries) {
      const chain = rows.filter((r) => r.account_key === s.chain.accountKey && r.user_id === String(s.chain.userId) && r.currency === s.chain.currency);
      expect(chain).toHaveLength(s.rows);
      let balance = new Dx(s.opening);
      for (const r of chain) {
        balance = balance.plus(r.change!);
        expect(balance.eq(r.balance!)).toBe(true);
      }
      expect(balance.eq(s.closing)).toBe(true);
      const byKind = new Map<string, InstanceType<typeof Dx>>();
      for (const r of chain) byKind.set(r.kind!, (byKind.get(r.kind!) ?? new Dx(0)).plus(r.change!));
      const total = [...byKind.values()].reduce((a, b) => a.plus(b), new Dx(0));
      expect(total.eq(s.sumOfChanges)).toBe(true);
    }
  });

  it('uses CRLF record ends and no BOM; the digest covers exactly the data rows; the sidecar carries the section', () => {
    const ctx = contextFor(fixture, UTC_2025);
    const file = encodeFile('transactions-csv', ctx, fixture.rows);
    expect(file.text.charCodeAt(0)).not.toBe(0xfeff);
    expect(() => parseCsv(file.text.replace('\r\n', '\n'))).toThrow();
    expect(file.footer).toBe('');
    const section = file.encoder.section();
    expect(section.sha256).toBe(sha256Hex(file.body));
    expect(file.encoder.fileName).toBe('deribit-transactions-2025-UTC.csv');
    expect(file.encoder.mimeType).toBe('text/csv;charset=utf-8');
    const sidecar = file.encoder.sidecar() ?? '';
    expect(sidecar).toContain(`SHA-256 of the exported rows: ${section.sha256}`);
    expect(sidecar).toContain(`Rows exported: ${section.rowsExported}`);
    expect(sidecar).toContain('live balance not fetched');
    expect(sidecar).toContain('[warning] tie-out-difference acc_hand / 77 ops.desk / BTC row 513');
    expect(sidecar).toContain('Live balance differs from cache');
  });
});
