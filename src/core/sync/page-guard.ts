/**
 * The boundary checks of a transaction-log answer, run before anything of it is written: every row
 * belongs to the stream that was asked for, has a possible timestamp and appears once (an identical
 * twin is absorbed, a different one refused); the continuation moves strictly back. Pure: the pager
 * calls it with the stream's state; what the cache already holds is judged by the store in its commit.
 *
 * Termination: the continuation must be a non-negative integer lower than the previous one of the
 * window, so no cursor repeats and a window cannot go on for ever — the documented continuation is the
 * next older row id, which only ever goes down. A page cap would either stop real large histories or be
 * too large to matter, so there is none.
 */
import type { TransactionLogPage, TransactionLogRow } from '../providers/deribit/types';
import { SyncRefusal, refuseAnswer, type RefusalKind } from './sync-refusal';
import type { StreamState } from './types';

/** Deribit opened in 2016: nothing it sends can be older. */
export const EARLIEST_TIMESTAMP = Date.UTC(2016, 0, 1);
export const DAY_MS = 86_400_000;
/** Rows may be stamped a little after the server time the run started at, never a day after it. */
export const FUTURE_TOLERANCE_MS = DAY_MS;
/** A server clock this far from the computer's is wrong on one side or the other. */
export const MAX_CLOCK_DIFFERENCE_MS = DAY_MS;

export interface GuardContext {
  readonly state: StreamState;
  /** Server time (ms) at which this sync run started. */
  readonly runStartedAt: number;
  /** Local time for the issue record. */
  readonly detectedAt: number;
}

/** The latest timestamp a row or event of this run can have. */
export function latestPossibleTimestamp(runStartedAt: number): number {
  return runStartedAt + FUTURE_TOLERANCE_MS;
}

const utc = (ms: number): string => (Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : String(ms));

/**
 * Refuses to sync when the server's time and the computer's disagree by more than a day: windows and
 * watermarks are server times, so either a wrong local clock or a wrong server answer would put them in
 * the wrong place. Nothing has been read or written when this is called.
 */
export function checkServerTime(serverTime: number, localNow: number, accountLabel: string): void {
  const difference = serverTime - localNow;
  if (Number.isFinite(difference) && Math.abs(difference) <= MAX_CLOCK_DIFFERENCE_MS) return;
  const days = Math.round(Math.abs(difference) / DAY_MS);
  throw new SyncRefusal(
    `Did not sync ${accountLabel}: Deribit's server time (${utc(serverTime)}) is ${days.toLocaleString('en-US')} days ` +
      `${difference > 0 ? 'ahead of' : 'behind'} this computer's clock (${utc(localNow)}). Check the computer's date, time ` +
      'and time zone; if they are right, the server answered a wrong time. Nothing was synced and the cache is unchanged.',
    null,
  );
}

/** The rows of an acceptable page, each id once (identical twins absorbed); throws SyncRefusal otherwise. */
export function guardTransactionPage(page: TransactionLogPage, ctx: GuardContext): TransactionLogRow[] {
  const { state } = ctx;
  const refuse: Refuse = (kind, what, rowId, causeKey) =>
    refuseAnswer({ state, kind, what, rowId, causeKey, detectedAt: ctx.detectedAt });
  const rows = possibleAndOnce(page.rows, 'row', ctx.runStartedAt, refuse, (row) => {
    if (row.userId !== state.userId) {
      throw refuse('foreign-row', `row ${row.id} belongs to user ${row.userId}, not to user ${state.userId} that was asked for`, row.id);
    }
    if (row.currency !== state.currency) {
      throw refuse('foreign-row', `row ${row.id} is in ${row.currency}, not in ${state.currency ?? '?'} that was asked for`, row.id);
    }
  });
  guardContinuation(page, state, refuse);
  return rows;
}

export type Refuse = (kind: RefusalKind, what: string, rowId: number | null, causeKey?: string) => SyncRefusal;

/**
 * Rows or events of one answer, each id once (an identical twin absorbed, a different one refused), each
 * with a possible time; `check` adds what else a record must satisfy. Throws the refusal otherwise.
 */
export function possibleAndOnce<R extends { readonly id: number; readonly timestamp: number; readonly raw: string }>(
  records: readonly R[],
  noun: 'row' | 'event',
  runStartedAt: number,
  refuse: Refuse,
  check: (record: R) => void = () => undefined,
): R[] {
  const latest = latestPossibleTimestamp(runStartedAt);
  const byId = new Map<number, R>();
  const out: R[] = [];
  for (const record of records) {
    check(record);
    if (!(record.timestamp >= EARLIEST_TIMESTAMP && record.timestamp <= latest)) {
      throw refuse(
        'timestamp',
        `${noun} ${record.id} has the impossible time ${utc(record.timestamp)} (possible: ${utc(EARLIEST_TIMESTAMP)} to ${utc(latest)})`,
        record.id,
      );
    }
    const twin = byId.get(record.id);
    if (twin !== undefined) {
      if (twin.raw !== record.raw) throw refuse('duplicate-id', `${noun} ${record.id} appears twice in one page with different content`, record.id);
      continue;
    }
    byId.set(record.id, record);
    out.push(record);
  }
  return out;
}

function guardContinuation(
  page: TransactionLogPage,
  state: StreamState,
  refuse: (kind: 'cursor', what: string, rowId: null, causeKey: string) => SyncRefusal,
): void {
  const next = page.continuation;
  // The last page of the window: nothing more will be asked with it.
  if (next === null || page.rows.length === 0) return;
  if (next < 0) throw refuse('cursor', `the next page position (continuation ${next}) is negative`, null, String(next));
  const previous = state.continuation;
  if (previous !== null && next >= previous) {
    throw refuse(
      'cursor',
      `the next page position (continuation ${next}) does not move back from the previous one (${previous}), so paging could loop for ever`,
      null,
      String(next),
    );
  }
}
