import { describe, expect, it } from 'vitest';
import { chainColumnsFromRows } from '../../../src/core/recon/chain-columns';
import { checkBalanceChain } from '../../../src/core/recon/chain-check';
import type { ChainCarry, ChainId } from '../../../src/core/recon/types';
import { DOC_EXAMPLE_ROWS } from './doc-example-rows';
import { makeRow, type RowSpec } from './recon-fixtures';

const chain: ChainId = { accountKey: 'acc', userId: 7, currency: 'BTC' };
const cols = (specs: readonly RowSpec[]) => chainColumnsFromRows(chain, specs.map(makeRow));

describe('checkBalanceChain', () => {
  it('chains the five doc example rows exactly (user_seq 6005–6009)', () => {
    // 3003.17813712 − 0.10759 = 3003.07054712; + 0.65 = 3003.72054712; + 0.00215706 = 3003.72270418; − 2.5 = 3001.22270418
    const columns = chainColumnsFromRows(chain, DOC_EXAMPLE_ROWS);
    expect([...columns.userSeqs]).toEqual([6005, 6006, 6007, 6008, 6009]);
    const result = checkBalanceChain(columns, null);
    expect(result.findings).toEqual([]);
    expect(result.lastBalance).toBe('3001.22270418');
    expect(result.pendingExpected).toBeNull();
  });

  it('reports an isolated altered balance once, at that row', () => {
    // 1 → +0.5 = 1.5 (altered to 1.6) → +0.25 = 1.75 (follows from 1.5): one break at id 2.
    const result = checkBalanceChain(cols([
      { id: 1, userSeq: 1, change: '1', balance: '1' },
      { id: 2, userSeq: 2, change: '0.5', balance: '1.6' },
      { id: 3, userSeq: 3, change: '0.25', balance: '1.75' },
      { id: 4, userSeq: 4, change: '-1.75', balance: '0' },
    ]), null);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      kind: 'balance-break', severity: 'error', rowId: 2, expected: '1.5', actual: '1.6', difference: '0.1', relatedRowIds: [1],
      message: 'Balance 1.6 does not follow from 1 + 0.5 = 1.5 (off by 0.1)',
    });
    expect(result.lastBalance).toBe('0');
  });

  it('reports a dropped row at the row after the hole and re-bases', () => {
    // Row seq 3 (change −0.3) dropped: seq 4 shows 0.7 − 0.3 + 0.2 = 0.6 instead of 0.7 + 0.2 = 0.9 → difference −0.3.
    const result = checkBalanceChain(cols([
      { id: 1, userSeq: 1, change: '0.5', balance: '0.5' },
      { id: 2, userSeq: 2, change: '0.2', balance: '0.7' },
      { id: 4, userSeq: 4, change: '0.2', balance: '0.6' },
      { id: 5, userSeq: 5, change: '1e-8', balance: '0.60000001' },
    ]), null);
    expect(result.findings.map((f) => [f.rowId, f.expected, f.actual, f.difference])).toEqual([[4, '0.9', '0.6', '-0.3']]);
  });

  it('reports a break on the last row and carries the expected value', () => {
    const result = checkBalanceChain(cols([
      { id: 1, userSeq: 1, change: '2', balance: '2' },
      { id: 2, userSeq: 2, change: '-1', balance: '1.5' },
    ]), null);
    expect(result.findings.map((f) => f.difference)).toEqual(['0.5']);
    expect(result.lastBalance).toBe('1.5');
    expect(result.pendingExpected).toBe('1');
  });

  it('continues from a carry, including a pending break decided by the next row', () => {
    const carry: ChainCarry = {
      chainKey: 'acc|7|BTC', chain, rows: 2, lastId: 2, lastUserSeq: 2, lastTimestamp: 0, lastBalance: '1.5',
      firstId: 1, firstUserSeq: 1, firstTimestamp: 0, findings: [], pendingExpected: '1',
    };
    // 1 + 0.25 = 1.25: follows from the expected value → the carried break was isolated; nothing new.
    expect(checkBalanceChain(cols([{ id: 3, userSeq: 3, change: '0.25', balance: '1.25' }]), carry).findings).toEqual([]);
    // 1.5 + 0.25 = 1.75: follows from the shown balance → a real jump, already reported; nothing new.
    expect(checkBalanceChain(cols([{ id: 3, userSeq: 3, change: '0.25', balance: '1.75' }]), carry).findings).toEqual([]);
    // Neither: a new break measured from the shown balance 1.5 + 0.25 = 1.75.
    const f = checkBalanceChain(cols([{ id: 3, userSeq: 3, change: '0.25', balance: '2' }]), carry).findings;
    expect(f.map((x) => [x.rowId, x.expected, x.difference, x.relatedRowIds])).toEqual([[3, '1.75', '0.25', [2]]]);
  });

  it('rescales when the carry holds more decimals than the new rows', () => {
    const carry: ChainCarry = {
      chainKey: 'acc|7|BTC', chain, rows: 1, lastId: 1, lastUserSeq: 1, lastTimestamp: 0, lastBalance: '0.123456789012',
      firstId: 1, firstUserSeq: 1, firstTimestamp: 0, findings: [],
    };
    const r = checkBalanceChain(cols([{ id: 2, userSeq: 2, change: '1', balance: '1.123456789012' }]), carry);
    expect(r.findings).toEqual([]);
    expect(r.lastBalance).toBe('1.123456789012');
  });

  it('checks wide (int64-overflow) chains exactly', () => {
    // 123456789012.123456789 + 0.000000001 = 123456789012.12345679
    const r = checkBalanceChain(cols([
      { id: 1, userSeq: 1, change: '123456789012.123456789', balance: '123456789012.123456789' },
      { id: 2, userSeq: 2, change: '1e-9', balance: '123456789012.12345679' },
      { id: 3, userSeq: 3, change: '-2.5E+3', balance: '123456786512.12345678' },
    ]), null);
    // Row 3: 123456789012.12345679 − 2500 = 123456786512.12345679, shown …678 → off by −0.00000001.
    expect(r.findings.map((f) => [f.rowId, f.expected, f.difference])).toEqual([[3, '123456786512.12345679', '-0.00000001']]);
  });

  it('ignores a literal repeat of the previous row (sequence-check reports it)', () => {
    const r = checkBalanceChain(cols([
      { id: 1, userSeq: 1, change: '1', balance: '1' },
      { id: 2, userSeq: 2, change: '0.5', balance: '1.5' },
      { id: 99, userSeq: 2, change: '0.5', balance: '1.5' },
      { id: 3, userSeq: 3, change: '0.5', balance: '2' },
    ]), null);
    expect(r.findings).toEqual([]);
  });
});
