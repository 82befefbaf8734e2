/**
 * Tie-out: the newest cached row's balance must equal the live `balance` of get_account_summary
 * (equity moves with prices, balance does not). Rows booked after the newest cached one also explain
 * a difference, so the message says when the cache was last synced.
 */
import type { AccountSummary, DecimalText } from '../providers/deribit/types';
import { compareDecimal, normalizeDecimal, subtractDecimal } from './fixed-point';
import type { ChainId, Finding, TieOut } from './types';

export interface TieOutContext {
  /** The chain the summary is about (default: account '' and the summary's user/currency). */
  readonly chain?: ChainId;
  /** The newest cached row (click-through target of the finding). */
  readonly newestRowId?: number | null;
}

export interface TieOutResult {
  readonly tieOut: TieOut;
  readonly finding: Finding | null;
}

export function tieOut(
  newestBalance: DecimalText | null,
  newestAt: number | null,
  summary: AccountSummary,
  liveAt: number,
  context: TieOutContext = {},
): TieOutResult {
  const live = normalizeDecimal(summary.balance);
  const cached = newestBalance === null ? null : normalizeDecimal(newestBalance);
  const difference = cached === null ? null : subtractDecimal(live, cached);
  // No cached row ties out only with a live balance of zero.
  const tiesOut = cached === null ? compareDecimal(live, '0') === 0 : compareDecimal(live, cached) === 0;
  const result: TieOut = { liveBalance: live, liveAt, cachedBalance: cached, cachedAt: newestAt, difference, tiesOut };
  if (tiesOut) return { tieOut: result, finding: null };
  const chain: ChainId = context.chain ?? { accountKey: '', userId: summary.userId ?? -1, currency: summary.currency };
  const when = newestAt === null ? '' : ` (newest cached row at ${new Date(newestAt).toISOString()})`;
  const message = cached === null
    ? `Live balance is ${live} ${summary.currency} but no row is cached: sync the transaction log`
    : `Live balance ${live} ${summary.currency} differs from the newest cached balance ${cached}${when} by ${difference ?? ''}; rows booked since the last sync also cause this`;
  return {
    tieOut: result,
    finding: {
      kind: 'tie-out-difference',
      severity: 'error',
      chain,
      rowId: context.newestRowId ?? null,
      timestamp: newestAt,
      message,
      expected: live,
      actual: cached,
      difference,
      relatedRowIds: [],
    },
  };
}
