/**
 * One Beancount ledger across years: a standalone year, a standalone year followed by continuation
 * years (concatenated, or included by a main file), and one export of the whole history. Every file
 * is re-parsed and re-verified exactly (test/support/beancount-parse.ts) and, where Debian's
 * bean-check is installed, checked by it too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExportEncoder, type BeancountLayout, type ExportContext, type ExportRow } from '../../../src/core/export';
import { ZonedDates } from '../../../src/core/export/export-dates';
import type { Period } from '../../../src/core/recon/types';
import { balanceAt, beanCheckFiles, hasBeanCheck, parseBeancount, verifyBeancount, type BcLedger } from '../../support/beancount-parse';
import { contextFor, Dx, HAND_ACCOUNT, loadFixtureRows, type Fixture } from './export-fixture';

let fixture: Fixture;
let dir: string;
beforeAll(async () => {
  fixture = await loadFixtureRows();
  dir = mkdtempSync(join(tmpdir(), 'beancount-years-'));
  assets = assetNames();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Zone = 'UTC' | 'Europe/Paris';
/** Start of 1 January of `year` in the zone (Paris is UTC+1 in winter). */
const yearStart = (year: number, zone: Zone): number => (zone === 'UTC' ? Date.UTC(year, 0, 1) : Date.UTC(year - 1, 11, 31, 23));
const yearPeriod = (year: number, zone: Zone): Period => ({
  fromMs: yearStart(year, zone), toMs: yearStart(year + 1, zone), timeZone: zone, label: `${year} (${zone})`,
});
/** The whole history: from the epoch to the end of the fixture's last year. */
const wholeHistory = (zone: Zone): Period => ({ fromMs: 0, toMs: yearStart(2027, zone), timeZone: zone, label: `whole history (${zone})` });

function encode(ctx: ExportContext, layout: BeancountLayout, rows: readonly ExportRow[] = fixture.rows): string {
  const encoder = createExportEncoder('beancount', ctx, undefined, { beancount: { layout } });
  const utf8 = new TextDecoder();
  let text = encoder.header();
  for (let i = 0; i < rows.length; i += 97) text += utf8.decode(encoder.encode(rows.slice(i, i + 97)));
  return text + encoder.footer();
}

function yearFile(year: number, zone: Zone, layout: BeancountLayout): string {
  return encode(contextFor(fixture, yearPeriod(year, zone)), layout);
}

const chainKey = (r: { accountKey: string; userId: number; currency: string }): string => `${r.accountKey}|${r.userId}|${r.currency}`;
/** Chain → its asset account, read from the whole-history file (names do not depend on the period). */
let assets: Map<string, string>;
const assetOf = (r: ExportRow): string => {
  const name = assets.get(chainKey(r));
  if (name === undefined) throw new Error(`chain ${chainKey(r)} not in the ledger`);
  return name;
};
function assetNames(): Map<string, string> {
  const byId = new Map(fixture.rows.map((r) => [String(r.id), r]));
  const out = new Map<string, string>();
  for (const t of parseBeancount(encode(contextFor(fixture, wholeHistory('UTC')), 'standalone')).transactions) {
    const row = byId.get(t.meta['deribit-id'] ?? '');
    if (row !== undefined && t.meta['deribit-type'] !== undefined) out.set(chainKey(row), t.postings[0]?.account ?? '');
  }
  return out;
}
/** Chain → its first row (rows are in chain order). */
function firstRows(rows: readonly ExportRow[]): Map<string, ExportRow> {
  const out = new Map<string, ExportRow>();
  for (const r of rows) if (!out.has(chainKey(r))) out.set(chainKey(r), r);
  return out;
}
const openingTransactions = (ledger: BcLedger): number => ledger.transactions.filter((t) => t.narration.startsWith('Opening balance')).length;

describe('Beancount ledger across years', () => {
  it('a single year stands alone and opens each account on the day of its chain\'s first cached row', () => {
    const text = yearFile(2026, 'UTC', 'standalone');
    const ledger = parseBeancount(text);
    expect(verifyBeancount(ledger)).toEqual([]);
    const dates = new ZonedDates('UTC');
    for (const first of firstRows(fixture.rows).values()) {
      if (first.timestamp >= yearStart(2027, 'UTC')) continue;
      expect(ledger.opens.get(assetOf(first))?.date, chainKey(first)).toBe(dates.dateOf(first.timestamp));
    }
    if (hasBeanCheck) expect(beanCheckFiles(dir, { 'single-2026.beancount': text }, 'single-2026.beancount')).toBe('');
  });

  it.each<Zone>(['UTC', 'Europe/Paris'])('two consecutive years combine: 2025 standalone, then 2026 as a continuation (%s)', (zone) => {
    const y2025 = yearFile(2025, zone, 'standalone');
    const y2026 = yearFile(2026, zone, 'continuation');
    // The parser refuses a second open of an account; the exact re-check covers every assertion.
    const combined = parseBeancount(y2025 + y2026);
    expect(verifyBeancount(combined)).toEqual([]);
    // Opening balances are posted once, by the first file; the continuation asserts them only.
    expect(openingTransactions(parseBeancount(y2026))).toBe(0);
    expect(openingTransactions(combined)).toBe(openingTransactions(parseBeancount(y2025)));
    // Each asset ends 2026 at the summary's closing balance.
    const ctx2026 = contextFor(fixture, yearPeriod(2026, zone));
    const closeDay = '2027-01-01';
    for (const s of ctx2026.summaries) {
      const first = firstRows(fixture.rows).get(chainKey(s.chain)) as ExportRow;
      expect(balanceAt(combined, assetOf(first), s.chain.currency, closeDay).eq(s.closing), chainKey(s.chain)).toBe(true);
    }
    if (hasBeanCheck) {
      const files = { 'y2025.beancount': y2025, 'y2026.beancount': y2026, 'combined.beancount': y2025 + y2026, 'main.beancount': 'include "y2025.beancount"\ninclude "y2026.beancount"\n' };
      expect(beanCheckFiles(dir, files, 'combined.beancount')).toBe('');
      expect(beanCheckFiles(dir, files, 'main.beancount')).toBe('');
    }
    // Named apart from a standalone file of the same year.
    expect(createExportEncoder('beancount', contextFor(fixture, yearPeriod(2026, zone)), undefined, { beancount: { layout: 'continuation' } }).fileName)
      .toBe(`deribit-ledger-continued-2026-${zone.replace('/', '-')}.beancount`);
  });

  it('continuations open only the accounts whose history starts in their year, and add up to the whole-history file', () => {
    const files = [yearFile(2024, 'UTC', 'standalone'), yearFile(2025, 'UTC', 'continuation'), yearFile(2026, 'UTC', 'continuation')];
    const [y2024, y2025, y2026] = files.map(parseBeancount) as [BcLedger, BcLedger, BcLedger];
    const ops78 = fixture.rows.find((r) => r.accountKey === HAND_ACCOUNT && r.userId === 78) as ExportRow;
    expect([...y2025.opens.keys()]).toEqual([assetOf(ops78)]);
    expect([...y2026.opens.keys()]).toEqual([]);
    expect(y2024.opens.has('Income:Deribit:PnL')).toBe(true);

    const combined = parseBeancount(files.join(''));
    expect(verifyBeancount(combined)).toEqual([]);
    const whole = parseBeancount(encode(contextFor(fixture, wholeHistory('UTC')), 'standalone'));
    const opens = (l: BcLedger): string[] => [...l.opens].map(([name, o]) => `${o.date} ${name}`).sort();
    expect(opens(combined)).toEqual(opens(whole));
    const rowIds = (l: BcLedger): string[] => l.transactions.map((t) => t.meta['deribit-id'] ?? '').filter((id) => id !== '').sort();
    expect(rowIds(combined)).toEqual(rowIds(whole));
    for (const name of whole.opens.keys()) {
      for (const currency of ['BTC', 'ETH', 'USDC']) {
        for (const day of ['2025-01-01', '2026-01-01', '2027-01-01']) {
          expect(balanceAt(combined, name, currency, day).eq(balanceAt(whole, name, currency, day)), `${name} ${day}`).toBe(true);
        }
      }
    }
    if (hasBeanCheck) {
      const named = { 'c2024.beancount': files[0] as string, 'c2025.beancount': files[1] as string, 'c2026.beancount': files[2] as string };
      const main = 'option "title" "My books"\ninclude "c2024.beancount"\ninclude "c2025.beancount"\ninclude "c2026.beancount"\n';
      expect(beanCheckFiles(dir, { ...named, 'main3.beancount': main }, 'main3.beancount')).toBe('');
    }
  });

  it.each<Zone>(['UTC', 'Europe/Paris'])('a whole-history export opens each account once and asserts every balance at each 1 January (%s)', (zone) => {
    const text = encode(contextFor(fixture, wholeHistory(zone)), 'standalone');
    const ledger = parseBeancount(text);
    expect(verifyBeancount(ledger)).toEqual([]);
    const dates = new ZonedDates(zone);
    for (const first of firstRows(fixture.rows).values()) {
      const asset = assetOf(first);
      const chainRows = fixture.rows.filter((r) => chainKey(r) === chainKey(first));
      const expected: [string, string][] = [];
      for (const year of [2025, 2026]) {
        const boundary = `${year}-01-01`;
        // The account exists before that 1 January: the boundary asserts the last Deribit balance before it.
        if (dates.dateOf(first.timestamp) >= boundary) continue;
        const before = chainRows.filter((r) => r.timestamp < yearStart(year, zone));
        expected.push([boundary, (before[before.length - 1] as ExportRow).balance]);
      }
      const asserted = ledger.balances.filter((b) => b.account === asset && b.date < '2027-01-01').map((b) => [b.date, b.number]);
      expect(asserted.map(([d]) => d), asset).toEqual(expected.map(([d]) => d));
      asserted.forEach(([, n], i) => expect(new Dx(n as string).eq((expected[i] as [string, string])[1]), `${asset} ${expected[i]?.[0]}`).toBe(true));
      for (const [day, balance] of expected) expect(balanceAt(ledger, asset, first.currency, day).eq(balance), `${asset} ${day}`).toBe(true);
    }
    // Hand-made chain 77: its 2025-12-31T23:30Z row is 2026 in Paris, so the Paris boundary comes before it.
    const ops77 = fixture.rows.find((r) => r.id === 502) as ExportRow;
    const at2026 = ledger.balances.find((b) => b.account === assetOf(ops77) && b.date === '2026-01-01')?.number;
    expect(at2026).toBe(zone === 'UTC' ? '1.98932' : '1.78942');
    if (hasBeanCheck) expect(beanCheckFiles(dir, { 'whole.beancount': text }, 'whole.beancount')).toBe('');
  });

  it('history that starts with a balance (incomplete) posts it once, on its first row\'s day, in the file holding that row', () => {
    const rows = fixture.rows.filter((r) => r.id !== 501 && r.id !== 502);
    const incomplete = (period: Period): ExportContext => {
      const ctx = contextFor(fixture, period, rows);
      const summaries = ctx.summaries.map((s) =>
        s.chain.accountKey === HAND_ACCOUNT && s.chain.userId === 77 && s.openingBasis !== 'previous-row'
          ? { ...s, opening: '2.5', openingBasis: 'unknown-history-incomplete' as const, identityHolds: true }
          : s,
      );
      return { ...ctx, summaries };
    };
    const y2025 = encode(incomplete(yearPeriod(2025, 'UTC')), 'standalone', rows);
    const y2026 = encode(incomplete(yearPeriod(2026, 'UTC')), 'continuation', rows);
    const ledger = parseBeancount(y2025);
    const asset = assetOf(rows.find((r) => r.id === 503) as ExportRow);
    expect(ledger.opens.get(asset)?.date).toBe('2025-03-01');
    const opening = ledger.transactions.filter((t) => t.narration.startsWith('Opening balance') && t.postings[0]?.account === asset);
    expect(opening.map((t) => [t.date, t.postings[0]?.number])).toEqual([['2025-03-01', '2.5']]);
    // Not asserted on 1 January: the account does not exist before its first row.
    expect(ledger.balances.filter((b) => b.account === asset).map((b) => b.date)).toEqual(['2026-01-01']);
    const combined = parseBeancount(y2025 + y2026);
    expect(verifyBeancount(combined)).toEqual([]);
    expect(balanceAt(combined, asset, 'BTC', '2027-01-01').eq('4.98932')).toBe(true);
    if (hasBeanCheck) expect(beanCheckFiles(dir, { 'incomplete.beancount': y2025 + y2026 }, 'incomplete.beancount')).toBe('');
  });
});
