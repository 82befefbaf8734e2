import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TransactionLogRow } from '../../../src/core/providers/deribit/types';
import { chainColumnsFromRows, emptyChainColumns } from '../../../src/core/recon/chain-columns';
import { otherUserIdOf } from '../../../src/core/recon/classify';
import { formatFixed, toFixed } from '../../../src/core/recon/fixed-point';
import { reconcileChains } from '../../../src/core/recon/reconcile';
import type { ChainId, Finding } from '../../../src/core/recon/types';
import { DOC_EXAMPLE_ROWS } from './doc-example-rows';
import { makeRow, randomHistory, rng, type HistoryOptions } from './recon-fixtures';
import { ACCOUNT, runFull, runIncremental, usersOf } from './reconcile-harness';

const USERS = [7, 27, 28];
const OUTSIDE = 999;

const historyArb = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
  rows: fc.integer({ min: 60, max: 160 }),
  seqScheme: fc.constantFrom<HistoryOptions['seqScheme']>('per-user', 'per-currency'),
  decimals: fc.integer({ min: 1, max: 10 }),
});
const history = (h: { seed: number; rows: number; seqScheme: HistoryOptions['seqScheme']; decimals: number }): TransactionLogRow[] =>
  randomHistory({ ...h, users: USERS, currencies: ['BTC', 'ETH'], outsideUser: OUTSIDE });

const brief = (findings: readonly Finding[]): string[] => findings.map((f) => `${f.kind}@${f.rowId}`);
const sameChain = (a: TransactionLogRow, b: TransactionLogRow): boolean => a.userId === b.userId && a.currency === b.currency;
const isTransfer = (r: TransactionLogRow): boolean => r.type === 'transfer';

/** Indexes of rows that have an earlier and a later row in their chain. */
function middleRows(rows: readonly TransactionLogRow[]): number[] {
  const out: number[] = [];
  rows.forEach((r, i) => {
    if (rows.slice(0, i).some((x) => sameChain(x, r)) && rows.slice(i + 1).some((x) => sameChain(x, r))) out.push(i);
  });
  return out;
}

describe('reconcileChains on examples', () => {
  it('the doc example page: one chain, no break, history not reaching creation', () => {
    const columns = chainColumnsFromRows({ accountKey: ACCOUNT, userId: 7, currency: 'BTC' }, DOC_EXAMPLE_ROWS);
    const r = reconcileChains([{ columns, carry: null, reachedCreation: false }]);
    expect(r.statuses).toEqual([{
      chain: { accountKey: ACCOUNT, userId: 7, currency: 'BTC' }, rows: 5, firstTimestamp: 1613657734620, lastTimestamp: 1613659830333,
      newestBalance: '3001.22270418', breaks: 0, gaps: 0, complete: false, tieOut: null,
    }]);
    // The transfer to user 27 cannot be checked: 27 is not among the chains given.
    expect(r.transfersOutside).toBe(1);
    expect(brief(r.findings)).toEqual(['history-incomplete@61288']);
    expect(r.carries[0]).toMatchObject({ lastId: 61312, lastUserSeq: 6009, lastBalance: '3001.22270418', firstOpening: '3003.22424712', rows: 5 });
  });

  it('reports an unknown row type once per chain, at its first row', () => {
    const rows = [
      makeRow({ id: 1, userSeq: 1, type: 'deposit', change: '1', balance: '1' }),
      makeRow({ id: 2, userSeq: 2, type: 'mystery_payout', change: '0.1', balance: '1.1' }),
      makeRow({ id: 3, userSeq: 3, type: 'mystery_payout', change: '0.1', balance: '1.2' }),
    ];
    const r = runFull(rows);
    expect(r.findings.map((f) => [f.kind, f.severity, f.rowId, f.actual])).toEqual([['unknown-type', 'info', 2, 'mystery_payout']]);
    // Carried: the next run does not report it again.
    const next = runIncremental([...rows, makeRow({ id: 4, userSeq: 4, type: 'mystery_payout', change: '0.1', balance: '1.3' })],
      [makeRow({ id: 4, userSeq: 4, type: 'mystery_payout', change: '0.1', balance: '1.3' })], r.carries);
    expect(next.neededFull).toBe(false);
    expect(brief(next.result.findings)).toEqual(['unknown-type@2']);
  });

  it('reports no unknown type for the types Deribit documents or the demo produces (position_move, bonus_distribution)', () => {
    const rows = [
      makeRow({ id: 1, userSeq: 1, type: 'deposit', change: '1', balance: '1' }),
      makeRow({ id: 2, userSeq: 2, type: 'bonus_distribution', change: '0.1', balance: '1.1' }),
      makeRow({ id: 3, userSeq: 3, type: 'position_move', change: '0', balance: '1.1' }),
      makeRow({ id: 4, userSeq: 4, type: 'swap', change: '-0.1', balance: '1' }),
      makeRow({ id: 5, userSeq: 5, type: 'correction', change: '0.1', balance: '1.1' }),
    ];
    expect(runFull(rows).findings.filter((f) => f.kind === 'unknown-type')).toEqual([]);
  });

  it('drops a carried "new type" finding stored before the type got its own kind (old caches)', () => {
    const rows = [
      makeRow({ id: 1, userSeq: 1, type: 'deposit', change: '1', balance: '1' }),
      makeRow({ id: 2, userSeq: 2, type: 'position_move', change: '0', balance: '1' }),
    ];
    const r = runFull(rows);
    // What an older version stored: an unknown-type finding for position_move, and one for a truly unknown type.
    const stale = (type: string): Finding => ({
      kind: 'unknown-type', severity: 'info', chain: r.carries[0]!.chain, rowId: 2, timestamp: 0,
      message: `Row type "${type}" is new to this app`, expected: null, actual: type, difference: null, relatedRowIds: [],
    });
    const carries = r.carries.map((c) => ({ ...c, findings: [...c.findings, stale('position_move'), stale('mystery_payout')] }));
    const added = makeRow({ id: 3, userSeq: 3, type: 'deposit', change: '1', balance: '2' });
    const next = runIncremental([...rows, added], [added], carries);
    expect(next.result.findings.filter((f) => f.kind === 'unknown-type').map((f) => f.actual)).toEqual(['mystery_payout']);
  });

  it('asks for a full run when new rows precede the carried last row', () => {
    const rows = [1, 2, 3].map((s) => makeRow({ id: s, userSeq: s, type: 'deposit', change: '1', balance: String(s) }));
    const first = runFull(rows.slice(1));
    const chain: ChainId = { accountKey: ACCOUNT, userId: 7, currency: 'BTC' };
    const r = reconcileChains([{ columns: chainColumnsFromRows(chain, rows.slice(0, 1)), carry: first.carries[0] ?? null, reachedCreation: true }]);
    expect(r.needsFull).toEqual(['acc|7|BTC']);
    expect(r.statuses).toEqual([]);
    expect(reconcileChains([{ columns: emptyChainColumns(chain), carry: first.carries[0] ?? null, reachedCreation: true }]).needsFull).toEqual([]);
  });

  it('refuses a carry of another chain', () => {
    const rows = [makeRow({ id: 1, userSeq: 1, change: '1', balance: '1' })];
    const carry = runFull(rows).carries[0] ?? null;
    expect(() => reconcileChains([{ columns: emptyChainColumns({ accountKey: ACCOUNT, userId: 8, currency: 'BTC' }), carry, reachedCreation: true }])).toThrow(/Carry of/);
  });
});

describe('reconcileChains properties', () => {
  it('a valid history has zero findings; transfers outside are counted', () => {
    fc.assert(fc.property(historyArb, (h) => {
      const rows = history(h);
      const r = runFull(rows);
      expect(brief(r.findings)).toEqual([]);
      expect(r.statuses.every((s) => s.complete && s.breaks === 0 && s.gaps === 0)).toBe(true);
      expect(r.transfersOutside).toBe(rows.filter((x) => isTransfer(x) && otherUserIdOf(x) === OUTSIDE).length);
      expect(r.statuses.reduce((s, x) => s + x.rows, 0)).toBe(rows.length);
    }), { numRuns: 40 });
  });

  it('an altered balance is reported once, at that row', () => {
    fc.assert(fc.property(historyArb, fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 1000 }), (h, pick, delta) => {
      const rows = history(h);
      const candidates = middleRows(rows);
      const k = candidates[pick % candidates.length] as number;
      const row = rows[k] as TransactionLogRow;
      const scale = h.decimals;
      rows[k] = { ...row, balance: formatFixed(toFixed(row.balance, scale) + BigInt(delta), scale) };
      expect(brief(runFull(rows).findings)).toEqual([`balance-break@${row.id}`]);
    }), { numRuns: 40 });
  });

  it('a dropped row is reported at the row after the hole, with its sequence gap', () => {
    fc.assert(fc.property(historyArb, fc.integer({ min: 0, max: 10_000 }), (h, pick) => {
      const rows = history(h);
      const candidates = middleRows(rows).filter((i) => !isTransfer(rows[i] as TransactionLogRow));
      const k = candidates[pick % candidates.length] as number;
      const dropped = rows[k] as TransactionLogRow;
      rows.splice(k, 1);
      const nextInChain = rows.slice(k).find((x) => sameChain(x, dropped)) as TransactionLogRow;
      // The gap is at the next row by user_seq: the user's next row (per-user numbering) or the chain's.
      const nextBySeq = h.seqScheme === 'per-user' ? rows.slice(k).find((x) => x.userId === dropped.userId) : nextInChain;
      const expected = [`balance-break@${nextInChain.id}`];
      if (nextBySeq) expected.push(`sequence-gap@${nextBySeq.id}`);
      const findings = runFull(rows).findings;
      expect(brief(findings).sort()).toEqual(expected.sort());
      const gap = findings.find((f) => f.kind === 'sequence-gap');
      expect(gap?.expected).toBe(String(dropped.userSeq));
      expect(gap?.message).toContain(h.seqScheme === 'per-user' ? 'per user across currencies' : 'per currency');
    }), { numRuns: 40 });
  });

  it('a movement listed twice under a fresh id is reported once, at the copy', () => {
    fc.assert(fc.property(historyArb, fc.integer({ min: 0, max: 10_000 }), (h, pick) => {
      const rows = history(h);
      const candidates = rows.map((_, i) => i).filter((i) => !isTransfer(rows[i] as TransactionLogRow));
      const original = rows[candidates[pick % candidates.length] as number] as TransactionLogRow;
      const freshId = Math.max(...rows.map((x) => x.id)) + 1;
      rows.push({ ...original, id: freshId });
      expect(brief(runFull(rows).findings)).toEqual([`sequence-duplicate@${freshId}`]);
    }), { numRuns: 40 });
  });

  it('a transfer without counterpart is reported once, at that row', () => {
    fc.assert(fc.property(historyArb, fc.integer({ min: 0, max: 2 }), (h, u) => {
      const rows = history(h);
      const userId = USERS[u] as number;
      const other = USERS[(u + 1) % USERS.length] as number;
      const own = rows.filter((x) => x.userId === userId && x.currency === 'BTC');
      const last = own[own.length - 1];
      const seq = h.seqScheme === 'per-user'
        ? Math.max(0, ...rows.filter((x) => x.userId === userId).map((x) => x.userSeq)) + 1
        : (last?.userSeq ?? 0) + 1;
      const id = Math.max(...rows.map((x) => x.id)) + 1;
      const balance = last?.balance ?? '0';
      const change = '-0.000001';
      rows.push(makeRow({
        id, userId, userSeq: seq, currency: 'BTC', type: 'transfer', timestamp: Math.max(...rows.map((x) => x.timestamp)) + 1,
        change, balance: formatFixed(toFixed(balance, 10) - 10_000n, 10), info: { transfer_type: 'subaccount', other_user_id: other },
      }));
      const findings = runFull(rows).findings;
      // A chain that starts with the injected row does not open from zero: history-incomplete there too.
      const expected = last ? [`transfer-unmatched@${id}`] : [`history-incomplete@${id}`, `transfer-unmatched@${id}`];
      expect(brief(findings)).toEqual(expected);
    }), { numRuns: 30 });
  });

  it('incremental = full: reconciling the tail with the carries gives the same findings and statuses', () => {
    const corruptions = ['none', 'balance', 'drop', 'duplicate'] as const;
    let runs = 0;
    let fullReruns = 0;
    fc.assert(fc.property(historyArb, fc.integer({ min: 1, max: 10_000 }), fc.constantFrom(...corruptions), fc.integer({ min: 0, max: 10_000 }), (h, cut, corruption, pick) => {
      const rows = history(h);
      const r = rng(pick);
      const middle = middleRows(rows).filter((i) => !isTransfer(rows[i] as TransactionLogRow));
      const k = middle[Math.floor(r() * middle.length)];
      if (k !== undefined && corruption === 'balance') {
        const row = rows[k] as TransactionLogRow;
        rows[k] = { ...row, balance: formatFixed(toFixed(row.balance, 10) + 7n, 10) };
      } else if (k !== undefined && corruption === 'drop') rows.splice(k, 1);
      else if (k !== undefined && corruption === 'duplicate') rows.push({ ...(rows[k] as TransactionLogRow), id: Math.max(...rows.map((x) => x.id)) + 1 });
      const split = 1 + (cut % (rows.length - 1));
      const head = rows.slice(0, split);
      const tail = rows.slice(split);
      // As in the app, every user is known before their rows arrive (a head without a user's rows must
      // still tell an in-account transfer from one to outside).
      const users = usersOf(rows);
      const full = runFull(rows, true, users);
      const first = runFull(head, true, users);
      const second = runIncremental(rows, tail, first.carries, true, users);
      expect(second.result.findings).toEqual(full.findings);
      expect(second.result.statuses).toEqual(full.statuses);
      expect(second.result.transfersOutside).toBe(full.transfersOutside);
      if (second.neededFull) fullReruns++;
      runs++;
    }), { numRuns: 60 });
    // A full rerun is needed only when the head could not tell the numbering apart (or a copied row
    // precedes the carry): most splits must go the incremental way.
    expect(fullReruns).toBeLessThan(runs / 2);
  });

  it('incremental runs cost only the new rows: a carry alone reproduces the statuses', () => {
    const rows = history({ seed: 42, rows: 120, seqScheme: 'per-user', decimals: 8 });
    const full = runFull(rows);
    const again = runIncremental(rows, [], full.carries);
    expect(again.neededFull).toBe(false);
    expect(again.result.statuses).toEqual(full.statuses);
    expect(again.result.findings).toEqual(full.findings);
  });
});
