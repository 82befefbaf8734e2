/**
 * One page of private/get_transaction_log over a stream: newest first inside the time bounds and
 * at or below the continuation id, with the undocumented behaviours selectable.
 */
import type { TransactionStream } from './transaction-store';

export interface PageQuery {
  readonly startTimestamp: number;
  readonly endTimestamp: number;
  readonly count: number;
  readonly continuation: number | null;
  /** Optional keyword filter (`query` param); true when the row at index matches. */
  readonly matches?: (index: number) => boolean;
}

export interface PageBehaviour {
  /** next-older-id: token = id of the next older row; last-id-on-page: token = oldest id on the page. */
  readonly continuationStyle: 'next-older-id' | 'last-id-on-page';
  readonly lastPageContinuation: 'null' | 'empty-page-follows';
  readonly timeBoundsInclusive: boolean;
}

export interface PageResult {
  /** Stream indices, newest first. */
  readonly indices: readonly number[];
  readonly continuation: number | null;
}

export function queryTransactionPage(stream: TransactionStream, q: PageQuery, b: PageBehaviour): PageResult {
  const inclusive = b.timeBoundsInclusive;
  const lower = stream.countBelow('timestamp', q.startTimestamp, !inclusive);
  let upper = stream.countBelow('timestamp', q.endTimestamp, inclusive);
  if (q.continuation !== null) upper = Math.min(upper, stream.countBelow('id', q.continuation, true));
  const indices: number[] = [];
  let next = upper - 1;
  for (; next >= lower && indices.length < q.count; next--) {
    if (!q.matches || q.matches(next)) indices.push(next);
  }
  // Is anything older still inside the query? (With a filter, find the next match.)
  while (q.matches && next >= lower && !q.matches(next)) next--;
  const hasOlder = next >= lower;
  const oldest = indices[indices.length - 1];
  let continuation: number | null = null;
  if (hasOlder) {
    continuation =
      b.continuationStyle === 'next-older-id' || oldest === undefined ? stream.idAt(next) : stream.idAt(oldest);
  } else if (b.lastPageContinuation === 'empty-page-follows' && oldest !== undefined) {
    // A token below every remaining row: its page is empty and carries a null continuation.
    continuation = stream.idAt(oldest) - 1;
  }
  return { indices, continuation };
}
