/**
 * Balance chain: every row must satisfy balance = previous balance + change, exactly. One finding per
 * corruption, at the corrupted row: after a break the next row decides whether the broken row had an
 * isolated altered balance (it follows from the expected value: continue from that) or the chain really
 * jumped (e.g. a dropped row: re-base on the broken row's balance). Streaming, so an incremental run over
 * new rows with the carry gives the same findings as one full run.
 */
import type { DecimalText } from '../providers/deribit/types';
import { rescaleChainColumns, type ChainColumns } from './chain-columns';
import { decimalScale, formatFixed, toFixed } from './fixed-point';
import type { ChainCarry, Finding } from './types';

export interface BalanceCheckResult {
  readonly findings: Finding[];
  /** Balance of the last row (carried or new); null for an empty chain. */
  readonly lastBalance: DecimalText | null;
  /** Set when the last row broke the chain: the balance it should have had. */
  readonly pendingExpected: DecimalText | null;
}

/** Columns at a scale that can also hold the carry's amounts exactly. */
export function columnsForCarry(columns: ChainColumns, carry: ChainCarry | null): ChainColumns {
  if (carry === null) return columns;
  let scale = Math.max(columns.scale, decimalScale(carry.lastBalance));
  if (carry.pendingExpected != null) scale = Math.max(scale, decimalScale(carry.pendingExpected));
  return rescaleChainColumns(columns, scale);
}

export function checkBalanceChain(input: ChainColumns, carry: ChainCarry | null): BalanceCheckResult {
  const columns = columnsForCarry(input, carry);
  const { scale, count: n, chain } = columns;
  const balances = columns.balances;
  const changes = columns.changes;
  const { userSeqs, ids, timestamps } = columns;
  const findings: Finding[] = [];
  let prev: bigint | null = carry ? toFixed(carry.lastBalance, scale) : null;
  let pending: bigint | null = carry?.pendingExpected != null ? toFixed(carry.pendingExpected, scale) : null;
  let prevId = carry?.lastId ?? -1;
  let prevSeq = carry?.lastUserSeq ?? -1;
  for (let i = 0; i < n; i++) {
    const b = balances[i] as bigint;
    const seq = userSeqs[i] as number;
    if (prev === null) {
      prev = b;
      prevId = ids[i] as number;
      prevSeq = seq;
      continue;
    }
    // The same movement listed twice (same user_seq, same balance): sequence-check reports it; the
    // balance chain ignores the repeat.
    if (seq === prevSeq && b === prev && pending === null) continue;
    const ch = changes[i] as bigint;
    if (pending !== null) {
      const isolated = b === pending + ch;
      pending = null;
      if (isolated) {
        prev = b;
        prevId = ids[i] as number;
        prevSeq = seq;
        continue;
      }
    }
    const expected = prev + ch;
    if (b !== expected) {
      const id = ids[i] as number;
      const prevText = formatFixed(prev, scale);
      const changeText = formatFixed(ch, scale);
      const expectedText = formatFixed(expected, scale);
      const actualText = formatFixed(b, scale);
      const diff = formatFixed(b - expected, scale);
      findings.push({
        kind: 'balance-break',
        severity: 'error',
        chain,
        rowId: id,
        timestamp: timestamps[i] as number,
        message: `Balance ${actualText} does not follow from ${prevText} + ${changeText} = ${expectedText} (off by ${diff})`,
        expected: expectedText,
        actual: actualText,
        difference: diff,
        relatedRowIds: [prevId],
      });
      pending = expected;
    }
    prev = b;
    prevId = ids[i] as number;
    prevSeq = seq;
  }
  return {
    findings,
    lastBalance: prev === null ? null : formatFixed(prev, scale),
    pendingExpected: pending === null ? null : formatFixed(pending, scale),
  };
}
