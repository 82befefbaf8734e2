import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportRow } from '../../../src/core/export';
import type { Period } from '../../../src/core/recon/types';
import { balanceAt, beanCheckFiles, hasBeanCheck, parseBeancount, verifyBeancount, type BcLedger } from '../../support/beancount-parse';
import { ZonedDates } from '../../../src/core/export/export-dates';
import { contextFor, Dx, encodeFile, inPeriod, loadFixtureRows, PARIS_2025, sha256Hex, UTC_2025, type Fixture } from './export-fixture';

let fixture: Fixture;
let dir: string;
beforeAll(async () => {
  fixture = await loadFixtureRows();
  dir = mkdtempSync(join(tmpdir(), 'beancount-export-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function beanCheck(text: string, name: string): string {
  return beanCheckFiles(dir, { [name]: text }, name);
}

function ledgerFor(period: Period, rows: readonly ExportRow[] = fixture.rows): { ledger: BcLedger; text: string; body: string; ctx: ReturnType<typeof contextFor>; sha: string } {
  const ctx = contextFor(fixture, period, rows);
  const file = encodeFile('beancount', ctx, rows);
  return { ledger: parseBeancount(file.text), text: file.text, body: file.body, ctx, sha: file.encoder.section().sha256 };
}

function assetOf(ledger: BcLedger, accountKeyPart: string, user: string, currency: string): string {
  const name = `Assets:Deribit:${accountKeyPart}:${user}:${currency}`;
  expect(ledger.opens.has(name), name).toBe(true);
  return name;
}

describe('Beancount ledger', () => {
  it.each([
    ['UTC', UTC_2025, '2024-12-31', '2025-01-01', '2026-01-01'],
    ['Europe/Paris', PARIS_2025, '2024-12-31', '2025-01-01', '2026-01-01'],
  ])('re-verifies every balance assertion exactly and ties them to the summaries (%s)', (_zone, period, openDate, firstDay, closeDay) => {
    const { ledger, ctx } = ledgerFor(period);
    expect(verifyBeancount(ledger)).toEqual([]);
    const rowTxns = ledger.transactions.filter((t) => t.meta['deribit-type'] !== undefined);
    const expected = inPeriod(fixture.rows, period);
    expect(rowTxns.map((t) => Number(t.meta['deribit-id']))).toEqual(expected.map((r) => r.id));
    const dates = new ZonedDates(period.timeZone);
    let assertions = 0;
    for (const s of ctx.summaries) {
      const account = s.chain.accountKey === 'acc_sim' ? 'Main-sim' : 'Hand-desk-Paris-B';
      const asset = `Assets:Deribit:${account}:${userPart(s.username, s.chain.userId)}:${s.chain.currency}`;
      const first = fixture.rows.find((r) => r.accountKey === s.chain.accountKey && r.userId === s.chain.userId && r.currency === s.chain.currency) as ExportRow;
      // Each account opens on the day of its chain's first cached row, whatever the period.
      expect(ledger.opens.get(asset)?.date, asset).toBe(dates.dateOf(first.timestamp));
      // A chain with rows before the period: opening asserted on the first day; else only the closing.
      const carried = first.timestamp < period.fromMs;
      if (carried) expect((ledger.opens.get(asset)?.date ?? '') <= openDate).toBe(true);
      const expected = carried ? [[firstDay, s.opening], [closeDay, s.closing]] : [[closeDay, s.closing]];
      assertions += expected.length;
      const assertionsOf = ledger.balances.filter((b) => b.account === asset);
      expect(assertionsOf.map((b) => [b.date, b.number])).toEqual(expected);
    }
    expect(ledger.balances).toHaveLength(assertions);
    // The fixed accounts open with the earliest chain.
    const earliest = [...ledger.opens.values()].map((o) => o.date).sort()[0];
    expect(ledger.opens.get('Equity:Opening-Balances')?.date).toBe(earliest);
  });

  it('dates rows in the period time zone: a row at 23:30 UTC on 31 December belongs to Paris 1 January', () => {
    const paris = ledgerFor(PARIS_2025).ledger;
    const utc = ledgerFor(UTC_2025).ledger;
    expect(paris.transactions.find((t) => t.meta['deribit-id'] === '501')?.date).toBe('2025-01-01');
    expect(utc.transactions.find((t) => t.meta['deribit-id'] === '501')).toBeUndefined();
    expect(utc.transactions.find((t) => t.meta['deribit-id'] === '512')?.date).toBe('2025-12-31');
    expect(paris.transactions.find((t) => t.meta['deribit-id'] === '512')).toBeUndefined();
  });

  it('splits trades into premium and fee exactly and posts each kind to its counter-account', () => {
    const { ledger } = ledgerFor(UTC_2025);
    const postings = (id: string): string[] =>
      (ledger.transactions.find((t) => t.meta['deribit-id'] === id)?.postings ?? []).map((p) => `${p.account} ${p.number} ${p.currency}`);
    const asset = assetOf(ledger, 'Hand-desk-Paris-B', 'Ops-desk', 'BTC');
    const other = assetOf(ledger, 'Hand-desk-Paris-B', 'Ops-desk-78', 'BTC');
    // -0.10759 = premium -0.10729 - fee 0.0003
    expect(postings('503')).toEqual([`${asset} -0.10759 BTC`, 'Expenses:Deribit:Fees 0.0003 BTC', 'Income:Deribit:Options 0.10729 BTC']);
    // a rebate: change 0.00001 is all fee (-0.00001), no premium
    expect(postings('504')).toEqual([`${asset} 0.00001 BTC`, 'Expenses:Deribit:Fees -0.00001 BTC']);
    // exponent forms are written as plain decimals
    expect(postings('505')).toEqual([`${asset} -0.00000001 BTC`, 'Expenses:Deribit:Fees 0.00000001 BTC']);
    expect(postings('506')).toEqual([`${asset} 0 BTC`]);
    expect(postings('507')).toEqual([`${asset} -0.5005 BTC`, 'Expenses:Deribit:Fees 0.0005 BTC', 'Equity:Deribit:External 0.5 BTC']);
    // bonus_distribution: a staking reward (classify.ts's 'bonus' kind)
    expect(postings('508')).toEqual([`${asset} 0.00000001 BTC`, 'Income:Deribit:Rewards -0.00000001 BTC']);
    expect(postings('509')).toEqual([`${asset} -0.0025 BTC`, 'Income:Deribit:Corrections 0.0025 BTC']);
    expect(postings('510')).toEqual([`${asset} -0.1 BTC`, 'Assets:Deribit:Transfers:BTC 0.1 BTC']);
    expect(postings('511')).toEqual([`${other} 0.1 BTC`, 'Assets:Deribit:Transfers:BTC -0.1 BTC']);
    for (const currency of ['BTC', 'ETH', 'USDC']) {
      expect(balanceAt(ledger, `Assets:Deribit:Transfers:${currency}`, currency, '2026-01-01').isZero()).toBe(true);
    }
  });

  it('per chain, asset postings in the period add up to closing − opening; fee + premium totals match the summaries', () => {
    const { ledger, ctx } = ledgerFor(UTC_2025);
    const fees = ctx.summaries.flatMap((s) => s.totals.filter((t) => t.kind === 'fee' || t.kind === 'withdrawal-fee').map((t) => [s.chain.currency, t.amount] as const));
    for (const currency of ['BTC', 'ETH', 'USDC']) {
      const expectedFees = fees.filter(([c]) => c === currency).reduce((sum, [, a]) => sum.minus(a), new Dx(0));
      expect(balanceAt(ledger, 'Expenses:Deribit:Fees', currency, '2026-01-01').eq(expectedFees)).toBe(true);
    }
  });

  it('turns a balance-chain break into one visible adjusting transaction, so the file still checks', () => {
    const rows = fixture.rows.map((r) => (r.id === 507 ? { ...r, balance: '1.89191998' } : r));
    const { ledger, text } = ledgerFor(UTC_2025, rows);
    expect(verifyBeancount(ledger)).toEqual([]);
    const adjustments = ledger.transactions.filter((t) => t.postings.some((p) => p.account === 'Equity:Deribit:Unreconciled'));
    expect(adjustments.map((t) => [t.meta['deribit-id'], t.postings[0]?.number])).toEqual([['507', '-0.00000001'], ['508', '0.00000001']]);
    expect(text).toContain('Balance-chain breaks adjusted against Equity:Deribit:Unreconciled: 2');
    if (hasBeanCheck) beanCheck(text, 'broken.beancount');
  });

  it('ends with the reconciliation section as comments, with the digest of the transaction text', () => {
    const { text, body, sha } = ledgerFor(UTC_2025);
    expect(sha).toBe(sha256Hex(body));
    expect(text).toContain(`; SHA-256 of the exported rows: ${sha}\n`);
    expect(text).toContain('; Findings: 1\n');
    expect(text.endsWith('\n')).toBe(true);
  });

  it.skipIf(!hasBeanCheck)('passes bean-check (UTC and Europe/Paris)', () => {
    expect(beanCheck(ledgerFor(UTC_2025).text, 'utc.beancount')).toBe('');
    expect(beanCheck(ledgerFor(PARIS_2025).text, 'paris.beancount')).toBe('');
  });
});

function userPart(username: string | null, userId: number): string {
  if (username === 'ops.desk') return 'Ops-desk';
  if (username === 'ops-desk') return `Ops-desk-${userId}`;
  // Sim usernames are SimTrader11 / SimTrader11_sub1: '_' is not allowed in account names.
  return (username ?? `User-${userId}`).replaceAll('_', '-');
}
