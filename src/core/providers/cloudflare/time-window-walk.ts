/**
 * How the connector pages a window [from, to] of Cloudflare Access logs. The endpoint returns no
 * `result_info` and its maximum page size is undocumented (a server may cap `per_page` silently), so
 * "short page = last page" is wrong and page numbers shift while events arrive. Instead this walks a
 * moving time window oldest first: `since` = the newest time seen − 1 ms, re-reading the boundary
 * millisecond and dropping what was already returned (ties on created_at are common). Only when a whole
 * page sits inside one millisecond does it fall back to `page=2,3…` for that `since`.
 *
 * The walk ends on an empty page, or on a page shorter than one this server already returned in the
 * window (then it cannot be the server's cap). `since`/`until` are sent with millisecond precision and
 * one millisecond of margin on each side, so the walk is right whether the server treats them as
 * inclusive or exclusive and whatever precision it compares at; records outside [from, to] are dropped.
 */
import { readJsonCursor } from '../http/json-cursor';
import { cloudflareMalformed } from './cloudflare-errors';
import { parseRfc3339, type ExactTime } from './rfc3339-time';
import { rawDigest, recordId } from './access-request-mapping';
import { losslessJson, type JsonObject } from '../deribit/lossless-response';

export interface WalkCursor {
  readonly v: 1;
  /** Epoch ms sent as `since`. */
  readonly since: number;
  /** Page number within the current `since` query (1 unless a millisecond holds more than a page). */
  readonly page: number;
  /** Ids already returned at or after `since`: re-read records are dropped. */
  readonly seen: readonly string[];
  /** Digest → identical id-less records on earlier pages of this `since` query (for their occurrence index). */
  readonly counts: Readonly<Record<string, number>>;
  /** Longest page this server returned in this window (a shorter page proves the end). */
  readonly maxLen: number;
}

export function initialCursor(from: number): WalkCursor {
  return { v: 1, since: from - 1, page: 1, seen: [], counts: {}, maxLen: 0 };
}

export function encodeCursor(cursor: WalkCursor): string {
  return JSON.stringify(cursor);
}

/** A cursor this connector wrote; anything else (another version, corrupt text) restarts the window. */
export function decodeCursor(text: string | null, from: number): WalkCursor {
  const stored = text === null ? null : readJsonCursor(text, (value) => (isWalkCursor(value) ? value : null));
  return stored ?? initialCursor(from);
}

function isWalkCursor(value: unknown): value is WalkCursor {
  const c = value as Partial<WalkCursor>;
  return (
    c.v === 1 &&
    Number.isSafeInteger(c.since) &&
    Number.isSafeInteger(c.page) &&
    (c.page ?? 0) >= 1 &&
    Array.isArray(c.seen) &&
    c.seen.every((s) => typeof s === 'string') &&
    typeof c.counts === 'object' &&
    c.counts !== null &&
    Number.isSafeInteger(c.maxLen)
  );
}

export interface WalkRecord {
  readonly record: JsonObject;
  readonly raw: string;
  readonly id: string;
  readonly time: ExactTime | null;
}

export interface WalkStep {
  /** Records of this page not returned before, in server order (not yet filtered to the window). */
  readonly fresh: readonly WalkRecord[];
  readonly all: readonly WalkRecord[];
  readonly next: WalkCursor | null;
}

/** Reads one page of the `since` query described by `cursor` and decides where to go next. */
export function advanceWalk(cursor: WalkCursor, records: readonly JsonObject[]): WalkStep {
  const counts: Record<string, number> = { ...cursor.counts };
  let previous: ExactTime | null = null;
  const all: WalkRecord[] = records.map((record) => {
    const raw = losslessJson(record);
    const createdAt = typeof record.created_at === 'string' ? record.created_at : null;
    const time = createdAt === null ? null : parseRfc3339(createdAt);
    if (createdAt !== null && time === null) throw cloudflareMalformed(`created_at is not an RFC 3339 time: ${createdAt}`);
    if (time !== null) {
      // The walk relies on oldest-first order (direction=asc); a server ignoring it would make us skip.
      if (previous !== null && time.ms < previous.ms) {
        throw cloudflareMalformed(`records are not oldest first (direction=asc ignored?): ${createdAt} after ${previous.ms}`);
      }
      previous = time;
    }
    let occurrence = 0;
    if (typeof record.ray_id !== 'string' || record.ray_id === '') {
      const digest = rawDigest(raw);
      occurrence = counts[digest] ?? 0;
      counts[digest] = occurrence + 1;
    }
    return { record, raw, id: recordId(record, raw, occurrence), time };
  });

  const seen = new Set(cursor.seen);
  const fresh = all.filter((r) => !seen.has(r.id));
  if (all.length === 0) return { fresh, all, next: null };
  const maxLen = Math.max(cursor.maxLen, all.length);
  // Shorter than a page this server already gave: it had no more for this query.
  if (all.length < cursor.maxLen) return { fresh, all, next: null };

  const newest = all.reduce<number | null>((m, r) => (r.time !== null && (m === null || r.time.ms > m) ? r.time.ms : m), null);
  if (newest !== null && newest - 1 > cursor.since) {
    const since = newest - 1;
    // Re-read next time: this page's records at/after the new since, plus (after paging inside one
    // millisecond) the earlier pages of that millisecond, which this page does not repeat.
    const carried = cursor.page > 1 ? cursor.seen : [];
    const boundary = all.filter((r) => r.time === null || r.time.ms >= since).map((r) => r.id);
    const seenNext = [...new Set([...carried, ...boundary])];
    return { fresh, all, next: { v: 1, since, page: 1, seen: seenNext, counts: {}, maxLen } };
  }
  // The whole page lies within one millisecond of `since`: page through that millisecond.
  const seenNext = [...cursor.seen, ...fresh.map((r) => r.id)];
  return { fresh, all, next: { v: 1, since: cursor.since, page: cursor.page + 1, seen: seenNext, counts, maxLen } };
}
