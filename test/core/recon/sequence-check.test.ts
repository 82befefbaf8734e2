import { describe, expect, it } from 'vitest';
import { chainColumnsFromRows, emptyChainColumns } from '../../../src/core/recon/chain-columns';
import { checkUserSequence, type UserSeqInput } from '../../../src/core/recon/sequence-check';
import type { ChainCarry, ChainId } from '../../../src/core/recon/types';
import { makeRow } from './recon-fixtures';

const btc: ChainId = { accountKey: 'acc', userId: 7, currency: 'BTC' };
const eth: ChainId = { accountKey: 'acc', userId: 7, currency: 'ETH' };

/** Rows with the given user_seqs; ids = currency offset + seq so they are unique. */
function input(chain: ChainId, seqs: readonly number[], carry: ChainCarry | null = null, idBase = chain.currency === 'BTC' ? 1000 : 2000): UserSeqInput {
  // id = base + 10·seq (+1 for a repeated seq), so expectations can name rows by their seq.
  const rows = seqs.map((s, k) => makeRow({ id: idBase + s * 10 + seqs.slice(0, k).filter((x) => x === s).length, userSeq: s, currency: chain.currency, change: '0', balance: '0' }));
  return { columns: rows.length ? chainColumnsFromRows(chain, rows) : emptyChainColumns(chain), carry };
}

const brief = (findings: readonly { kind: string; rowId: number | null; expected: string | null; difference: string | null; chain: ChainId }[]) =>
  findings.map((f) => `${f.kind} ${f.chain.currency} row ${f.rowId} from ${f.expected} count ${f.difference}`);

describe('checkUserSequence', () => {
  it('accepts numbering per user across currencies', () => {
    const r = checkUserSequence([input(btc, [1, 3, 4, 6]), input(eth, [2, 5])]);
    expect(r.scheme).toBe('per-user');
    expect(r.findings).toEqual([]);
  });

  it('accepts numbering per currency', () => {
    // Per user this reads as duplicates 1, 2 (2 anomalies); per currency as none.
    const r = checkUserSequence([input(btc, [1, 2, 3]), input(eth, [1, 2])]);
    expect(r.scheme).toBe('per-currency');
    expect(r.findings).toEqual([]);
  });

  it('reports a per-user gap once, at the row after it', () => {
    // 1,2 (BTC), 3 (ETH), 5 (BTC): 4 is missing → the row with seq 5 (id 1000+50).
    const r = checkUserSequence([input(btc, [1, 2, 5]), input(eth, [3])]);
    expect(r.scheme).toBe('per-user');
    expect(brief(r.findings)).toEqual(['sequence-gap BTC row 1050 from 4 count 1']);
    expect(r.findings[0]?.message).toBe('user_seq 4 is missing before this row (1 row; numbering judged per user across currencies)');
    expect(r.gapsByChain.get('acc|7|BTC')).toBe(1);
  });

  it('reports a per-currency gap when that reading explains the data better', () => {
    // Per currency: BTC 4→7 misses 5,6 (1 anomaly). Per user: duplicates 1,2,3 + hole 5–6 (4 anomalies).
    const r = checkUserSequence([input(btc, [1, 2, 3, 4, 7]), input(eth, [1, 2, 3])]);
    expect(r.scheme).toBe('per-currency');
    expect(brief(r.findings)).toEqual(['sequence-gap BTC row 1070 from 5 count 2']);
    expect(r.findings[0]?.message).toContain('user_seq 5–6 are missing');
    expect(r.findings[0]?.message).toContain('numbering judged per currency');
  });

  it('reports a duplicate at the later row, with the first one as related', () => {
    const r = checkUserSequence([input(btc, [1, 2, 2, 3])]);
    expect(r.findings.map((f) => [f.kind, f.rowId, f.relatedRowIds])).toEqual([['sequence-duplicate', 1021, [1020]]]);
  });

  it('fills a hole when a later-synced currency brings the missing number', () => {
    const first = checkUserSequence([input(btc, [1, 2, 4]), input(eth, [])]);
    expect(brief(first.findings)).toEqual(['sequence-gap BTC row 1040 from 3 count 1']);
    const carryOf = (chain: ChainId, lastSeq: number, lastId: number): ChainCarry => ({
      chainKey: `acc|7|${chain.currency}`, chain, rows: 3, lastId, lastUserSeq: lastSeq, lastTimestamp: 0, lastBalance: '0',
      firstId: 0, firstUserSeq: 1, firstTimestamp: 0, findings: [], userSeq: first.carry,
    });
    const second = checkUserSequence([
      { columns: emptyChainColumns(btc), carry: carryOf(btc, 4, 1040) },
      input(eth, [3, 5], null),
    ]);
    expect(second.schemeChanged).toBe(false);
    expect(second.findings).toEqual([]);
    expect(second.carry.holes).toEqual([]);
    expect(second.carry.maxSeq).toBe(5);
  });

  it('opens a hole below the old minimum when an older currency arrives later', () => {
    // Run 1: BTC 10, 12, 13 → hole 11. Run 2: ETH 7, 11 → 11 fills the hole, 7 opens 8–9 before BTC 10.
    const first = checkUserSequence([input(btc, [10, 12, 13])]);
    expect(brief(first.findings)).toEqual(['sequence-gap BTC row 1120 from 11 count 1']);
    const carry: ChainCarry = {
      chainKey: 'acc|7|BTC', chain: btc, rows: 3, lastId: 1130, lastUserSeq: 13, lastTimestamp: 0, lastBalance: '0',
      firstId: 1100, firstUserSeq: 10, firstTimestamp: 0, findings: [], userSeq: first.carry,
    };
    const second = checkUserSequence([{ columns: emptyChainColumns(btc), carry }, input(eth, [7, 11])]);
    // A full run reads the same: per user 1 anomaly (hole 8–9), per currency 2 (BTC 10→12, ETH 7→11).
    const full = checkUserSequence([input(btc, [10, 12, 13]), input(eth, [7, 11])]);
    expect(second.schemeChanged).toBe(false);
    expect(brief(second.findings)).toEqual(['sequence-gap BTC row 1100 from 8 count 2']);
    expect(brief(full.findings)).toEqual(brief(second.findings));
  });

  it('flags a change of numbering reading against the carry', () => {
    const first = checkUserSequence([input(btc, [1, 2])]);
    expect(first.scheme).toBe('per-user');
    const carry: ChainCarry = {
      chainKey: 'acc|7|BTC', chain: btc, rows: 2, lastId: 1021, lastUserSeq: 2, lastTimestamp: 0, lastBalance: '0',
      firstId: 1010, firstUserSeq: 1, firstTimestamp: 0, findings: [], userSeq: first.carry,
    };
    // A new currency numbered from 1: per user that is duplicates 1, 2, per currency nothing.
    const second = checkUserSequence([{ columns: emptyChainColumns(btc), carry }, input(eth, [1, 2])]);
    expect(second.scheme).toBe('per-currency');
    expect(second.schemeChanged).toBe(true);
  });
});
