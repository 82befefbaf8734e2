/**
 * How a sync says no. A page guard or the store refuses an answer before anything of it is written; the
 * refusal carries the plain-language message (account, stream, what was wrong) and the SyncIssue to
 * record, so the finding outlives the run while the cache stays exactly as it was.
 */
import type { StreamState, SyncIssue } from './types';

/** A refused answer: `userMessage` is what the sync shows; `issue` is recorded (null: nothing to record). */
export class SyncRefusal extends Error {
  readonly userMessage: string;
  readonly issue: SyncIssue | null;

  constructor(userMessage: string, issue: SyncIssue | null) {
    super(userMessage);
    this.name = 'SyncRefusal';
    this.userMessage = userMessage;
    this.issue = issue;
  }
}

export function isSyncRefusal(error: unknown): error is SyncRefusal {
  return error instanceof SyncRefusal;
}

/** A cached row (or event) and the one just sent under the same id, with different content. */
export interface ContentConflict {
  readonly id: number;
  readonly cachedRaw: string;
  readonly sentRaw: string;
}

/**
 * Thrown by a store inside its commit transaction when a row's id is cached with other content: the
 * transaction aborts, so the page writes nothing (the cached row is never overwritten).
 */
export class PageConflictError extends Error {
  readonly conflicts: readonly ContentConflict[];

  constructor(conflicts: readonly ContentConflict[]) {
    super(`${conflicts.length} row(s) already cached with other content (first id ${conflicts[0]?.id ?? '?'})`);
    this.name = 'PageConflictError';
    this.conflicts = conflicts;
  }
}

/** "alice (user 1234), BTC transaction log" or "alice (user 1234), access log". */
export function streamName(state: Pick<StreamState, 'kind' | 'username' | 'userId' | 'currency'>): string {
  const what = state.kind === 'access' ? 'access log' : `${state.currency ?? '?'} transaction log`;
  return `${state.username} (user ${state.userId}), ${what}`;
}

export type RefusalKind =
  | 'conflict'
  | 'duplicate-id'
  | 'foreign-row'
  | 'timestamp'
  | 'cursor'
  | 'access-log-size';

/** A refusal of one answer for this stream, with its issue (one per cause: `<streamKey>|<kind>|<row id or cursor>`). */
export function refuseAnswer(params: {
  readonly state: StreamState;
  readonly kind: RefusalKind;
  /** What was wrong, in plain words (no trailing period). */
  readonly what: string;
  readonly rowId: number | null;
  /** Distinguishes issues without a row (e.g. the cursor value). */
  readonly causeKey?: string;
  readonly detectedAt: number;
}): SyncRefusal {
  const { state } = params;
  const kept =
    params.kind === 'conflict'
      ? 'The cached row was kept and nothing from that answer was stored; the difference is listed as a sync issue.'
      : 'Nothing from that answer was stored; the cache is exactly as it was.';
  const message = `Refused Deribit's answer for ${streamName(state)}: ${params.what}. ${kept} Sync again later; if it happens again, the exchange's data for this account needs checking.`;
  return new SyncRefusal(message, {
    issueKey: `${state.streamKey}|${params.kind}|${params.rowId ?? params.causeKey ?? ''}`,
    accountKey: state.accountKey,
    streamKey: state.streamKey,
    kind: params.kind,
    message,
    rowId: params.rowId,
    detectedAt: params.detectedAt,
  });
}

/** The refusal for rows cached with other content (the store found them inside its commit). */
export function refuseConflicts(state: StreamState, conflicts: readonly ContentConflict[], detectedAt: number): SyncRefusal {
  const first = conflicts[0];
  const what = state.kind === 'access' ? 'event' : 'row';
  const others = conflicts.length > 1 ? ` (and ${conflicts.length - 1} more)` : '';
  return refuseAnswer({
    state,
    kind: 'conflict',
    what: `${what} ${first?.id ?? '?'}${others} was sent again with other content than the cached one`,
    rowId: first?.id ?? null,
    detectedAt,
  });
}

/** Every conflict of a page as its own issue (one per row id), so each is shown. */
export function conflictIssues(state: StreamState, conflicts: readonly ContentConflict[], detectedAt: number): SyncIssue[] {
  return conflicts.map((c) => {
    const refusal = refuseConflicts(state, [c], detectedAt);
    if (refusal.issue === null) throw new Error('a conflict refusal always has an issue');
    return refusal.issue;
  });
}

/**
 * Turns what a commit threw into the refusal to report, recording its issues first (the only write a
 * refused page makes). Errors that are not refusals pass through unchanged.
 */
export async function recordRefusal(
  error: unknown,
  state: StreamState,
  detectedAt: number,
  recordIssues: (issues: readonly SyncIssue[]) => Promise<void>,
): Promise<unknown> {
  // Failing to record must not hide the refusal itself.
  const record = (issues: readonly SyncIssue[]): Promise<void> => recordIssues(issues).catch(() => undefined);
  if (error instanceof PageConflictError) {
    await record(conflictIssues(state, error.conflicts, detectedAt));
    return refuseConflicts(state, error.conflicts, detectedAt);
  }
  if (error instanceof SyncRefusal && error.issue !== null) await record([error.issue]);
  return error;
}
