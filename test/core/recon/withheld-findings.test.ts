/**
 * reconcileChains with the chains' download state: what a partial download would wrongly report (breaks,
 * user_seq gaps, transfers without their other side, incomplete history) waits, every real finding in
 * what is downloaded is still reported, and once everything is downloaded the result is the plain one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TransactionLogRow } from '../../../src/core/providers/deribit/types';
import type { ChainDownload } from '../../../src/core/recon/account-download';
import { chainColumnsFromRows } from '../../../src/core/recon/chain-columns';
import { reconcileChains, type ReconcileResult } from '../../../src/core/recon/reconcile';
import { FULLY_DOWNLOADED } from '../../../src/core/recon/stream-completeness';
import { chainKeyOf, type ChainId, type DownloadState, type Finding } from '../../../src/core/recon/types';
import { makeRow, randomHistory } from './recon-fixtures';

const ACCOUNT = 'acc';
const USERS = [7, 27, 28];
const CURRENCIES = ['BTC', 'ETH'];
const chainOf = (userId: number, currency: string): ChainId => ({ accountKey: ACCOUNT, userId, currency });
const attention = (findings: readonly Finding[]): string[] => findings.filter((f) => f.severity !== 'info').map((f) => `${f.kind}@${f.rowId}`);
const missing = (ranges: [number, number][], percentDone = 50): DownloadState => ({ complete: false, missing: ranges.map(([from, to]) => ({ from, to })), percentDone });

/** Reconciles the cached rows of every chain the download names (a chain with no cached row is left out, as the worker does). */
function reconcileCached(cached: readonly TransactionLogRow[], download: ReadonlyMap<string, DownloadState> | null): ReconcileResult {
  const inputs = [];
  const chains = new Map<string, ChainDownload>();
  for (const userId of USERS) {
    for (const currency of CURRENCIES) {
      const chain = chainOf(userId, currency);
      const d = download?.get(chainKeyOf(chain)) ?? FULLY_DOWNLOADED;
      chains.set(chainKeyOf(chain), { chain, username: null, download: d });
      const rows = cached.filter((r) => r.userId === userId && r.currency === currency);
      // A first backfill that has not reached creation has no watermark yet.
      const reachedCreation = d.complete || (d.missing[0]?.from ?? 0) > 0;
      if (rows.length > 0) inputs.push({ columns: chainColumnsFromRows(chain, rows), carry: null, reachedCreation });
    }
  }
  return reconcileChains(inputs, { accountUsers: new Map([[ACCOUNT, new Set(USERS)]]), ...(download === null ? {} : { download: chains }) });
}

describe('a partial download reports nothing its missing part causes', () => {
  const scenario = fc.record({
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
    rows: fc.integer({ min: 80, max: 160 }),
    seqScheme: fc.constantFrom<'per-user' | 'per-currency'>('per-user', 'per-currency'),
    // Which chain is cut and how: its oldest part (a first backfill), its middle (a later window), or all of it (never started).
    cut: fc.constantFrom<'oldest' | 'middle' | 'all'>('oldest', 'middle', 'all'),
    chainIndex: fc.integer({ min: 0, max: USERS.length * CURRENCIES.length - 1 }),
    fraction: fc.double({ min: 0.1, max: 0.9, noNaN: true }),
  });

  it('no break, gap, completeness or transfer finding while a chain is missing rows; the plain check finds them', () => {
    let withoutGateFound = 0;
    fc.assert(
      fc.property(scenario, (s) => {
        const rows = randomHistory({ seed: s.seed, rows: s.rows, seqScheme: s.seqScheme, users: USERS, currencies: CURRENCIES });
        const start = (rows[0]?.timestamp ?? 0) - 1;
        const end = (rows.at(-1)?.timestamp ?? 0) + 1;
        const target = chainOf(USERS[Math.floor(s.chainIndex / CURRENCIES.length)] as number, CURRENCIES[s.chainIndex % CURRENCIES.length] as string);
        const own = rows.filter((r) => r.userId === target.userId && r.currency === target.currency);
        const at = (f: number): number => own[Math.min(own.length - 1, Math.floor(own.length * f))]?.timestamp ?? start;
        let gone: (r: TransactionLogRow) => boolean;
        let d: DownloadState;
        if (s.cut === 'all' || own.length < 3) {
          gone = () => true;
          d = missing([[start, end]], 0);
        } else if (s.cut === 'oldest') {
          const oldestSeen = at(s.fraction);
          gone = (r) => r.timestamp < oldestSeen;
          d = missing([[start, oldestSeen]]);
        } else {
          const [a, b] = [at(s.fraction / 2), at(s.fraction)];
          gone = (r) => r.timestamp > a && r.timestamp < b;
          d = missing([[a, b]]);
        }
        const isTarget = (r: TransactionLogRow): boolean => r.userId === target.userId && r.currency === target.currency;
        const cached = rows.filter((r) => !(isTarget(r) && gone(r)));
        const download = new Map([[chainKeyOf(target), d]]);
        const result = reconcileCached(cached, download);
        expect(attention(result.findings)).toEqual([]);
        const status = result.statuses.find((st) => chainKeyOf(st.chain) === chainKeyOf(target));
        expect(status).toMatchObject({ breaks: 0, gaps: 0, complete: false, download: d });
        if (attention(reconcileCached(cached, null).findings).length > 0) withoutGateFound += 1;
        // Everything downloaded: the plain result, every chain fully downloaded.
        const full = reconcileCached(rows, new Map());
        expect(attention(full.findings)).toEqual([]);
        expect(full.statuses.every((st) => st.download?.complete === true && st.complete)).toBe(true);
      }),
      { numRuns: 60, seed: 20261207 },
    );
    // The scenarios are not vacuous: without the download state most of them report something.
    expect(withoutGateFound).toBeGreaterThan(30);
  });
});

describe('what is downloaded is still checked', () => {
  // Times in units of 10 minutes (the transfer tolerance is 60 s). 7 BTC: deposit, a transfer of 1 to 27 at
  // t=2, one of 2 at t=9 (27's side of it is missing: a real orphan).
  const base = [
    makeRow({ id: 1, userId: 7, userSeq: 1, timestamp: 600_000, type: 'deposit', change: '10', balance: '10' }),
    makeRow({ id: 2, userId: 7, userSeq: 2, timestamp: 1_200_000, type: 'transfer', change: '-1', balance: '9', info: { transfer_type: 'subaccount', other_user_id: 27 } }),
    makeRow({ id: 3, userId: 27, userSeq: 1, timestamp: 1_200_000, type: 'transfer', change: '1', balance: '1', info: { transfer_type: 'subaccount', other_user_id: 7 } }),
    makeRow({ id: 4, userId: 7, userSeq: 3, timestamp: 5_400_000, type: 'transfer', change: '-2', balance: '7', info: { transfer_type: 'subaccount', other_user_id: 27 } }),
    makeRow({ id: 5, userId: 27, userSeq: 2, timestamp: 6_000_000, type: 'deposit', change: '5', balance: '6' }),
  ];
  const subIncomplete = (from: number, to: number): Map<string, DownloadState> => new Map([[chainKeyOf(chainOf(27, 'BTC')), missing([[from, to]])]]);

  it('a transfer whose other side lies in the missing range waits; one outside it is reported', () => {
    // 27 BTC downloaded from t=5 on: its leg at t=2 is not there, so 7's leg at t=2 waits.
    const cached = base.filter((r) => r.id !== 3);
    expect(attention(reconcileCached(cached, subIncomplete(0, 3_000_000)).findings)).toEqual(['transfer-unmatched@4']);
    // Without the download state both look unmatched.
    expect(attention(reconcileCached(cached, null).findings).filter((f) => f.startsWith('transfer'))).toEqual(['transfer-unmatched@2', 'transfer-unmatched@4']);
  });

  it('a break in a fully downloaded chain is reported while another chain is still downloading', () => {
    const broken = [...base.slice(0, 3), makeRow({ id: 4, userId: 7, userSeq: 3, timestamp: 5_400_000, type: 'trade', change: '-2', balance: '6.5' })];
    const found = attention(reconcileCached(broken, subIncomplete(0, 900_000)).findings);
    expect(found).toContain('balance-break@4');
  });

  it('a break inside a chain not fully downloaded waits, and is reported once the chain is complete', () => {
    const broken = base.map((r) => (r.id === 5 ? makeRow({ id: 5, userId: 27, userSeq: 2, timestamp: 6_000_000, type: 'deposit', change: '5', balance: '6.5' }) : r));
    const cached = broken.filter((r) => r.id !== 3 && r.id !== 4);
    expect(attention(reconcileCached(cached, subIncomplete(0, 5_700_000)).findings)).toEqual([]);
    expect(attention(reconcileCached(broken.filter((r) => r.id !== 4), new Map()).findings)).toEqual(['balance-break@5']);
  });

  it('user_seq numbering waits for every currency of the user; other users are checked', () => {
    // 7's ETH is not downloaded at all: under per-user numbering its rows leave holes in 7 BTC.
    const rows = [
      makeRow({ id: 1, userId: 7, userSeq: 1, timestamp: 600_000, type: 'deposit', change: '1', balance: '1' }),
      makeRow({ id: 3, userId: 7, userSeq: 3, timestamp: 1_800_000, type: 'deposit', change: '1', balance: '2' }),
      makeRow({ id: 4, userId: 27, userSeq: 1, timestamp: 600_000, type: 'deposit', change: '1', balance: '1' }),
      makeRow({ id: 6, userId: 27, userSeq: 3, timestamp: 1_800_000, type: 'deposit', change: '1', balance: '2' }),
    ];
    const download = new Map([[chainKeyOf(chainOf(7, 'ETH')), missing([[0, 3_000_000]], 0)]]);
    const result = reconcileCached(rows, download);
    expect(attention(result.findings)).toEqual(['sequence-gap@6']);
    expect(result.statuses.find((s) => s.chain.userId === 7 && s.chain.currency === 'BTC')?.gaps).toBe(0);
    // The chain with no row yet is still listed: it is a chain to finish.
    expect(result.statuses.find((s) => s.chain.userId === 7 && s.chain.currency === 'ETH')).toMatchObject({ rows: 0, complete: false, download: { percentDone: 0 } });
  });

  it('without a download state, statuses carry none (callers that do not know stay as they were)', () => {
    expect(reconcileCached(base, null).statuses.every((s) => s.download === undefined)).toBe(true);
  });
});
