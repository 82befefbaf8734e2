/**
 * The boundary checks of an access-log answer, before anything of it is written: possible timestamps,
 * each id once (identical twins absorbed, different ones refused), and a pass that cannot run on for
 * ever. The access log is paged by offset with no cursor to check, so a pass is bounded by what is known:
 * `records_total` (when sent) may not be absurd nor grow faster than events can happen, and an
 * incremental pass may not read more new events than could have happened since the last complete one.
 */
import type { AccessLogEvent, AccessLogPage } from '../providers/deribit/types';
import { possibleAndOnce } from './page-guard';
import { SyncRefusal, refuseAnswer, type RefusalKind } from './sync-refusal';
import type { StreamState } from './types';

/** More events than any account's access log could hold. */
export const MAX_ACCESS_LOG_EVENTS = 1_000_000_000;
/** Events that may arrive on top of what the rate below allows (a burst of logins, a page in flight). */
export const ACCESS_EVENTS_SLACK = 1_000;
/** A generous sustained rate of access-log events (ten a second, day and night). */
export const ACCESS_EVENTS_PER_SECOND = 10;

export interface AccessGuardContext {
  readonly state: StreamState;
  /** Server time (ms) at which this run started. */
  readonly runStartedAt: number;
  /** Server time now, estimated (run start + local time elapsed). */
  readonly serverNow: number;
  readonly pageSize: number;
  readonly detectedAt: number;
}

/** How many events can plausibly have happened in `elapsedMs`. */
export function plausibleNewEvents(elapsedMs: number): number {
  return ACCESS_EVENTS_SLACK + Math.ceil(Math.max(0, elapsedMs) / 1000) * ACCESS_EVENTS_PER_SECOND;
}

const count = (n: number): string => n.toLocaleString('en-US');

/** The events of an acceptable page, each id once; throws SyncRefusal otherwise. */
export function guardAccessPage(page: AccessLogPage, ctx: AccessGuardContext): AccessLogEvent[] {
  const refuse = (kind: RefusalKind, what: string, rowId: number | null, causeKey?: string): SyncRefusal =>
    refuseAnswer({ state: ctx.state, kind, what, rowId, causeKey, detectedAt: ctx.detectedAt });
  const events = possibleAndOnce(page.events, 'event', ctx.runStartedAt, refuse);
  guardPassBounds(page, ctx, refuse);
  return events;
}

function guardPassBounds(
  page: AccessLogPage,
  ctx: AccessGuardContext,
  refuse: (kind: RefusalKind, what: string, rowId: null, causeKey: string) => SyncRefusal,
): void {
  const { state } = ctx;
  const total = page.total;
  if (total !== null) {
    if (total < 0 || total > MAX_ACCESS_LOG_EVENTS) {
      throw refuse('access-log-size', `it says the access log holds ${count(total)} events, which no account's log can`, null, `total-${total}`);
    }
    const first = state.passTotal ?? null;
    // The pass's own start (windowEnd) is when its first total was seen.
    const growth = first === null ? 0 : total - first;
    const allowed = plausibleNewEvents(ctx.serverNow - state.windowEnd);
    if (growth > allowed) {
      throw refuse(
        'access-log-size',
        `the access log grew from ${count(first ?? 0)} to ${count(total)} events while it was being read, more than can happen in that time`,
        null,
        `growth-${total}`,
      );
    }
  }
  const reach = state.offset + page.events.length;
  const limit = passLimit(state, ctx, total);
  if (reach > limit) {
    const incremental = state.stopAtTimestamp !== undefined && state.stopAtTimestamp !== null;
    throw refuse(
      'access-log-size',
      incremental
        ? `the access log went on past ${count(limit)} new events without reaching the ones already cached, more than can have happened since the last sync`
        : `the access log went on past ${count(limit)} events, more than it said it holds`,
      null,
      `limit-${limit}`,
    );
  }
}

/** How far (in events) this pass may read. */
function passLimit(state: StreamState, ctx: AccessGuardContext, pageTotal: number | null): number {
  const duringPass = plausibleNewEvents(ctx.serverNow - state.windowEnd);
  const incremental = state.stopAtTimestamp !== undefined && state.stopAtTimestamp !== null;
  if (incremental && state.watermark !== null) {
    // New events since the last complete pass, plus the page on which the cached ones are met.
    return plausibleNewEvents(ctx.serverNow - state.watermark) + ctx.pageSize;
  }
  const total = state.passTotal ?? pageTotal;
  return total === null ? MAX_ACCESS_LOG_EVENTS : total + duringPass + ctx.pageSize;
}
