/**
 * The selector compares typed changes as two 32-bit words (no BigInt per row): it must pick exactly the rows
 * the exact decimal comparison picks (the texts fallback of a page beyond int64), across word boundaries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectMovements } from '../../../src/core/correlate/select-movements';
import { buildLedgerPages } from '../../scenarios/ledger-page-builder';

const chain = { accountKey: 'acct', userId: 7, currency: 'BTC' };
const W = 1n << 32n;
const edges = [0n, -1n, 1n, -W, -W + 1n, -W - 1n, W, W - 1n, -(W * W) / 4n, -(1n << 62n), (1n << 62n) - 1n, -(W / 2n), -(W / 2n) - 1n];

describe('movementSelector on typed changes', () => {
  it('selects losses and money out exactly as the decimal comparison does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...edges), fc.bigInt({ min: -(1n << 62n), max: (1n << 62n) - 1n })), { minLength: 1, maxLength: 60 }),
        fc.oneof(fc.constantFrom(1n, W - 1n, W, W + 1n, W / 2n, 1n << 61n), fc.bigInt({ min: 1n, max: 1n << 62n })),
        fc.array(fc.constantFrom('trade-option', 'withdrawal', 'settlement'), { minLength: 60, maxLength: 60 }),
        (changes, threshold, kinds) => {
          const rows = changes.map((c, i) => ({ id: i + 1, timestamp: 1_700_000_000_000 + i, kind: kinds[i] ?? 'settlement', change: String(c) }));
          const options = { lossThresholds: new Map([['BTC', String(threshold)]]) };
          const typed = selectMovements(buildLedgerPages(chain, rows, { scale: 0, pageSize: 7 }), options).movements.map((m) => m.rowId);
          const exact = selectMovements(buildLedgerPages(chain, rows, { scale: 0, pageSize: 7, asTexts: true }), options).movements.map((m) => m.rowId);
          const reference = rows.filter((r, i) => (r.kind === 'withdrawal' ? (changes[i] ?? 0n) < 0n : (changes[i] ?? 0n) <= -threshold)).map((r) => r.id);
          expect(typed).toEqual(reference);
          expect(exact).toEqual(reference);
        },
      ),
      { numRuns: 300 },
    );
  });
});
