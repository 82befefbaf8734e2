/**
 * The Ingedata connector's cursor (opaque JSON text stored by the sync engine) and the rule that decides
 * when a window is exhausted.
 *
 * Why newest first with page numbers: Pulse pages by offset (`page[number]`). New logins enter at the
 * newest end, so with `sort=-date` they push older records to LATER offsets: a page may repeat records
 * already read (deduped by id) but can never skip one. Retention purges remove the oldest records, at
 * the far end, which moves no earlier offset. Oldest first would be the opposite: purges would pull
 * records to EARLIER offsets and skip them, and without a working date filter it would read the whole
 * history before reaching the window. Ties on `date` are ordered by `-id` so page boundaries are stable.
 */
import { readJsonCursor } from '../http/json-cursor';

export interface LoginCursor {
  readonly v: 1;
  /** Next `page[number]` to read (1-based). */
  readonly page: number;
  /** Whether the server-side date filter is used for this window (false after Pulse rejected it). */
  readonly filter: boolean;
  /** Largest page length seen in this window: the server's effective page size if it caps page[size]. */
  readonly max: number;
  /**
   * Set once a page of this window came back in another order than newest first (a server honouring only
   * part of `sort`): from then on an older record proves nothing, and the window ends on size/total only.
   */
  readonly unordered?: true;
}

export function startCursor(filter: boolean): LoginCursor {
  return { v: 1, page: 1, filter, max: 0 };
}

export function encodeCursor(cursor: LoginCursor): string {
  return JSON.stringify(cursor);
}

/** A stored cursor; an unreadable one restarts the window (re-reading is harmless, skipping is not). */
export function decodeCursor(text: string | null, defaultFilter: boolean): LoginCursor {
  const stored =
    text === null
      ? null
      : readJsonCursor(text, ({ v, page, filter, max, unordered }) =>
          v === 1 && isCount(page, 1) && typeof filter === 'boolean' && isCount(max, 0)
            ? { v: 1 as const, page, filter, max, ...(unordered === true ? { unordered: true as const } : {}) }
            : null,
        );
  return stored ?? startCursor(defaultFilter);
}

function isCount(value: unknown, min: number): value is number {
  return Number.isSafeInteger(value) && (value as number) >= min;
}

export interface PageFacts {
  /** Records the server returned on this page (before local date filtering). */
  readonly length: number;
  readonly requestedSize: number;
  /** A record older than the window start was seen (pages are newest first: everything after is older). */
  readonly reachedOlder: boolean;
  /** This page was not newest first (dates rose somewhere): `reachedOlder` then proves nothing. */
  readonly unordered?: boolean;
  /** count=true total, when the server reported it somewhere readable. */
  readonly total: number | null;
}

/** The cursor for the next page, or null when the window is exhausted. */
export function nextCursor(cursor: LoginCursor, facts: PageFacts): LoginCursor | null {
  const unordered = cursor.unordered === true || facts.unordered === true;
  if (facts.length === 0 || (facts.reachedOlder && !unordered)) return null;
  const effectiveSize = Math.max(cursor.max, facts.length);
  if (facts.total !== null && (cursor.page - 1) * effectiveSize + facts.length >= facts.total) return null;
  // Short page: the end, once we know the server's real page size (it honoured ours, or showed its cap).
  if (facts.length < facts.requestedSize && facts.length < cursor.max) return null;
  return { ...cursor, page: cursor.page + 1, max: effectiveSize, ...(unordered ? { unordered: true as const } : {}) };
}

/** True when the dates (nulls skipped) never rise: the order asked for (`-date`) was honoured on this page. */
export function isNewestFirst(dates: readonly (number | null)[]): boolean {
  let previous: number | null = null;
  for (const ms of dates) {
    if (ms === null) continue;
    if (previous !== null && ms > previous) return false;
    previous = ms;
  }
  return true;
}
