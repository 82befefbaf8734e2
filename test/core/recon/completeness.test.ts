import { describe, expect, it } from 'vitest';
import { chainColumnsFromRows } from '../../../src/core/recon/chain-columns';
import { checkCompleteness, firstRowOf } from '../../../src/core/recon/completeness';
import type { ChainId } from '../../../src/core/recon/types';
import { DOC_EXAMPLE_ROWS } from './doc-example-rows';
import { makeRow } from './recon-fixtures';

const chain: ChainId = { accountKey: 'acc', userId: 7, currency: 'BTC' };

describe('checkCompleteness', () => {
  it('is complete when the first row opens from zero and the backfill reached creation', () => {
    const first = firstRowOf(chainColumnsFromRows(chain, [makeRow({ id: 5, userSeq: 1, type: 'deposit', change: '0.65', balance: '0.65' })]));
    expect(first).toEqual({ rowId: 5, timestamp: 1_700_000_000_005, opening: '0' });
    expect(checkCompleteness(chain, first, true)).toEqual({ complete: true, finding: null });
  });

  it('is an info finding while the backfill has not reached creation', () => {
    const first = firstRowOf(chainColumnsFromRows(chain, [makeRow({ id: 5, userSeq: 1, type: 'deposit', change: '0.65', balance: '0.65' })]));
    const r = checkCompleteness(chain, first, false);
    expect(r.complete).toBe(false);
    expect(r.finding).toMatchObject({ kind: 'history-incomplete', severity: 'info', rowId: 5, actual: '0' });
  });

  it('warns when the first row does not open from zero although creation was reached', () => {
    // Doc example: first row 6005 opens from 3003.17813712 − (−0.04611) = 3003.22424712.
    const first = firstRowOf(chainColumnsFromRows(chain, DOC_EXAMPLE_ROWS));
    expect(first?.opening).toBe('3003.22424712');
    const r = checkCompleteness(chain, first, true);
    expect(r.finding).toMatchObject({ kind: 'history-incomplete', severity: 'warning', rowId: 61288, expected: '0', actual: '3003.22424712', difference: '3003.22424712' });
  });

  it('an empty chain is complete once creation is reached', () => {
    expect(checkCompleteness(chain, null, true)).toEqual({ complete: true, finding: null });
    expect(checkCompleteness(chain, null, false)).toEqual({ complete: false, finding: null });
  });
});
