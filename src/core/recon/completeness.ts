/**
 * A chain is complete when the backfill reached account creation (sync state) and its first row opens
 * from zero (balance − change = 0). Otherwise earlier history is missing or not yet synced.
 */
import type { DecimalText } from '../providers/deribit/types';
import type { ChainColumns } from './chain-columns';
import { compareDecimal, formatFixed } from './fixed-point';
import type { ChainId, Finding } from './types';

export interface FirstRow {
  readonly rowId: number;
  readonly timestamp: number;
  /** balance − change of the first row: the balance before it. */
  readonly opening: DecimalText;
}

export interface CompletenessResult {
  readonly complete: boolean;
  readonly finding: Finding | null;
}

export function firstRowOf(columns: ChainColumns): FirstRow | null {
  if (columns.count === 0) return null;
  const opening = (columns.balances[0] as bigint) - (columns.changes[0] as bigint);
  return { rowId: columns.ids[0] as number, timestamp: columns.timestamps[0] as number, opening: formatFixed(opening, columns.scale) };
}

export function checkCompleteness(chain: ChainId, first: FirstRow | null, reachedCreation: boolean): CompletenessResult {
  // No row at all: nothing can be missing once the backfill reached creation.
  if (first === null) return { complete: reachedCreation, finding: null };
  const opensFromZero = compareDecimal(first.opening, '0') === 0;
  if (reachedCreation && opensFromZero) return { complete: true, finding: null };
  const message = !reachedCreation
    ? `History is not complete yet: the download has not reached the account's creation (first cached row opens from ${first.opening})`
    : `The first row opens from ${first.opening}, not 0: earlier rows are missing although the download reached the account's creation`;
  return {
    complete: false,
    finding: {
      kind: 'history-incomplete',
      severity: reachedCreation ? 'warning' : 'info',
      chain,
      rowId: first.rowId,
      timestamp: first.timestamp,
      message,
      expected: reachedCreation ? '0' : null,
      actual: first.opening,
      difference: reachedCreation ? first.opening : null,
      relatedRowIds: [],
    },
  };
}
