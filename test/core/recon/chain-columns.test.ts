import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainColumnsFromRows, mergeLedgerPages, rescaleChainColumns, type ChainColumns } from '../../../src/core/recon/chain-columns';
import { formatFixed } from '../../../src/core/recon/fixed-point';
import { buildLedgerPage } from '../../../src/core/recon/ledger-page';
import type { ChainId } from '../../../src/core/recon/types';
import { makeRow, randomHistory, type RowSpec } from './recon-fixtures';

const chain: ChainId = { accountKey: 'acc', userId: 7, currency: 'BTC' };

/** Row-wise view for comparisons: amounts as text, kinds by name. */
function view(c: ChainColumns): string[] {
  const out: string[] = [];
  for (let i = 0; i < c.count; i++) {
    out.push([c.userSeqs[i], c.ids[i], c.timestamps[i], c.kindNames[c.kindCodes[i] ?? 0],
      formatFixed(c.changes[i] as bigint, c.scale), formatFixed(c.balances[i] as bigint, c.scale),
      formatFixed(c.commissions[i] as bigint, c.scale), c.otherUserIds[i]].join(' '));
  }
  return out;
}

const rowsOf = (specs: readonly RowSpec[]) => specs.map(makeRow);

describe('mergeLedgerPages', () => {
  it('reads kind names stored by older caches as the current kinds (no rebuild needed)', () => {
    // A page written before position_move and bonus_distribution had kinds: names "unknown:<type>".
    const page = buildLedgerPage(chain, rowsOf([
      { id: 30, userSeq: 3, change: '0', balance: '1.5', type: 'position_move' },
      { id: 20, userSeq: 2, change: '0.5', balance: '1.5', type: 'bonus_distribution' },
    ]));
    const old = { ...page, kindNames: page.kindNames.map((n) => (n === 'position-move' ? 'unknown:position_move' : n === 'bonus' ? 'unknown:bonus_distribution' : n)) };
    const fresh = buildLedgerPage(chain, rowsOf([{ id: 10, userSeq: 1, change: '1', balance: '1', type: 'bonus_distribution' }]));
    const merged = mergeLedgerPages(chain, [old, fresh]);
    expect(merged.kindNames).toEqual(['position-move', 'bonus']);
    expect([...merged.kindCodes].map((c) => merged.kindNames[c])).toEqual(['bonus', 'bonus', 'position-move']);
  });

  it('concatenates disjoint newest-first pages in (user_seq, id) order', () => {
    // Two pages as received (newest first): seq 4,3 and 2,1.
    const newer = buildLedgerPage(chain, rowsOf([
      { id: 40, userSeq: 4, change: '-0.5', balance: '1.75' },
      { id: 30, userSeq: 3, change: '0.25', balance: '2.25', type: 'deposit' },
    ]));
    const older = buildLedgerPage(chain, rowsOf([
      { id: 20, userSeq: 2, change: '1', balance: '2', type: 'deposit' },
      { id: 10, userSeq: 1, change: '1', balance: '1', type: 'deposit' },
    ]));
    const merged = mergeLedgerPages(chain, [newer, older]);
    expect(merged.count).toBe(4);
    expect([...merged.userSeqs]).toEqual([1, 2, 3, 4]);
    expect([...merged.ids]).toEqual([10, 20, 30, 40]);
    // Scales 2 and 0 → common 2: 1 → 100, 2.25 → 225 ...
    expect(merged.scale).toBe(2);
    expect(merged.wide).toBe(false);
    expect([...merged.balances]).toEqual([100n, 200n, 225n, 175n]);
    expect([...merged.changes]).toEqual([100n, 100n, 25n, -50n]);
    // Dictionaries ['trade','deposit'] and ['deposit'] merge into one.
    expect([...merged.kindCodes].map((k) => merged.kindNames[k])).toEqual(['deposit', 'deposit', 'deposit', 'trade']);
  });

  it('accepts ascending pages too (bench layout) and falls back to a sort when pages overlap', () => {
    const a = buildLedgerPage(chain, rowsOf([
      { id: 1, userSeq: 1, change: '1', balance: '1' },
      { id: 3, userSeq: 3, change: '1', balance: '3' },
    ]));
    const b = buildLedgerPage(chain, rowsOf([
      { id: 2, userSeq: 2, change: '1', balance: '2' },
      { id: 4, userSeq: 4, change: '1', balance: '4' },
    ]));
    const merged = mergeLedgerPages(chain, [b, a]);
    expect([...merged.ids]).toEqual([1, 2, 3, 4]);
    expect([...merged.balances]).toEqual([1n, 2n, 3n, 4n]);
  });

  it('sorts an unsorted page and keeps a row present twice only once', () => {
    const a = buildLedgerPage(chain, rowsOf([
      { id: 3, userSeq: 3, change: '1', balance: '3' },
      { id: 1, userSeq: 1, change: '1', balance: '1' },
      { id: 2, userSeq: 2, change: '1', balance: '2' },
    ]));
    const again = buildLedgerPage(chain, rowsOf([{ id: 2, userSeq: 2, change: '1', balance: '2' }]));
    const merged = mergeLedgerPages(chain, [a, again]);
    expect([...merged.ids]).toEqual([1, 2, 3]);
  });

  it('same user_seq orders by id', () => {
    const merged = chainColumnsFromRows(chain, rowsOf([
      { id: 9, userSeq: 5, change: '1', balance: '2' },
      { id: 8, userSeq: 5, change: '1', balance: '1' },
    ]));
    expect([...merged.ids]).toEqual([8, 9]);
  });

  it('goes wide (exact bigint arrays) when a page keeps texts', () => {
    const big = buildLedgerPage(chain, rowsOf([
      { id: 2, userSeq: 2, change: '-0.000000001', balance: '123456789011.999999999' },
    ]));
    expect(big.texts).not.toBeNull();
    const small = buildLedgerPage(chain, rowsOf([{ id: 1, userSeq: 1, change: '123456789012', balance: '123456789012' }]));
    const merged = mergeLedgerPages(chain, [big, small]);
    expect(merged.wide).toBe(true);
    expect(merged.scale).toBe(9);
    expect(Array.isArray(merged.balances)).toBe(true);
    // 123456789012 at scale 9 → 123456789012000000000; −0.000000001 → −1.
    expect([...merged.balances]).toEqual([123456789012000000000n, 123456789011999999999n]);
    expect([...merged.changes]).toEqual([123456789012000000000n, -1n]);
  });

  it('goes wide when rescaling a page would overflow int64', () => {
    // 9000000000 at scale 0 is fine, at scale 10 it is 9e19 > 9.22e18.
    const whole = buildLedgerPage(chain, rowsOf([{ id: 1, userSeq: 1, change: '9000000000', balance: '9000000000' }]));
    const fine = buildLedgerPage(chain, rowsOf([{ id: 2, userSeq: 2, change: '0.0000000001', balance: '9000000000.0000000001' }]));
    expect(whole.texts).toBeNull();
    expect(fine.texts).not.toBeNull(); // 90000000000000000001 does not fit either
    const merged = mergeLedgerPages(chain, [fine, whole]);
    expect(merged.wide).toBe(true);
    expect(view(merged)).toEqual([
      '1 1 1700000000001 trade 9000000000 9000000000 0 -1',
      '2 2 1700000000002 trade 0.0000000001 9000000000.0000000001 0 -1',
    ]);
  });

  it('rescales columns for a carry with more decimals', () => {
    const c = chainColumnsFromRows(chain, rowsOf([{ id: 1, userSeq: 1, change: '1.5', balance: '1.5' }]));
    const r = rescaleChainColumns(c, 4);
    expect(r.scale).toBe(4);
    expect([...r.balances]).toEqual([15000n]);
    expect(view(r)).toEqual(view(c));
  });

  it('equals a plain sort for any split of a history into pages, in any order and direction', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 60 }), fc.boolean(), (seed, size, overlap) => {
      const rows = randomHistory({ seed, users: [7], currencies: ['BTC'], rows: size, seqScheme: 'per-user', decimals: 1 + (seed % 10) });
      // Cut into consecutive runs; reverse some (as received); optionally interleave two pages.
      const pages = [];
      let start = 0;
      let k = seed;
      while (start < rows.length) {
        const len = 1 + (k % 7);
        k = (k * 7919 + 13) % 1_000_003;
        const run = rows.slice(start, start + len);
        pages.push(buildLedgerPage(chain, k % 2 === 0 ? run.reverse() : run));
        start += len;
      }
      if (overlap && rows.length > 2) pages.push(buildLedgerPage(chain, [rows[0], rows[rows.length - 1]].filter((r) => r !== undefined)));
      pages.sort((a, b) => ((a.minId * 31) % 17) - ((b.minId * 31) % 17));
      const merged = mergeLedgerPages(chain, pages);
      const expected = [...rows].sort((a, b) => a.userSeq - b.userSeq || a.id - b.id);
      expect(view(merged)).toEqual(view(chainColumnsFromRows(chain, expected)));
      expect([...merged.ids]).toEqual(expected.map((r) => r.id));
    }), { numRuns: 150 });
  });
});
