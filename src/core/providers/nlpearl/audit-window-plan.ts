/**
 * NLPearl's audit log has no paging and no documented cap, so a window is queried whole and its answer
 * trusted only when it cannot have been cut. This plan (the connector's cursor) holds the windows still to
 * query: a stack of pending windows (older first) plus the unchunked remainder of [from, to].
 *
 * Truncation rule. A server that cuts answers at a fixed count C never returns more than C records, so
 * C ≥ maxSeen, the largest raw count any answer has had. Hence:
 *   - an answer with fewer than maxSeen records is complete (it is below any cap the server can have);
 *   - an answer with ≥ maxSeen records (a new maximum or a tie) might be cut: it is "suspect", unless it is
 *     below `minSuspectCount` (we assume no server caps an audit log below that; default 20).
 * A suspect window is split at its midpoint and both halves queried; its records are not used. A 1 ms
 * window cannot be split: it is accepted with a note. Splitting therefore terminates (depth ≤ log2(span)).
 * Assumes a count cap; a cap by bytes or time, or a retention limit, cannot be detected this way.
 *
 * Window sizing (efficiency only, never correctness): when both halves of a split are accepted directly
 * and hold more records than their parent did, the parent was cut: its count is the cap, and later chunks
 * aim at 3/4 of it. Until a cap is seen, chunks aim at twice maxSeen, probing upward.
 */
export interface SplitParent {
  /** Raw count of the parent's answer (what the server may have capped). */
  readonly raw: number;
  /** Records of the parent's answer inside the parent's bounds. */
  readonly kept: number;
  /** Kept count of the older half once accepted; null while unknown. */
  readonly olderKept: number | null;
}

export interface PlanWindow {
  readonly from: number;
  readonly to: number;
  /** The older half of a split: its sibling is right below it on the stack. */
  readonly older?: true;
  /** On the newer half of a split. */
  readonly parent?: SplitParent;
}

export interface WindowPlan {
  readonly v: 1;
  readonly from: number;
  readonly to: number;
  /** Start of the remainder [next, to] not yet cut into chunks; null when all of it is chunked. */
  readonly next: number | null;
  readonly chunkMs: number;
  /** Top = last element, queried next. */
  readonly stack: readonly PlanWindow[];
  readonly maxSeen: number;
  /** A count proven to be a cut answer's (the server's cap); null until seen. */
  readonly cap: number | null;
}

export interface PlanTuning {
  readonly initialChunkMs: number;
  readonly maxChunkMs: number;
  readonly minSuspectCount: number;
}

export const DEFAULT_PLAN_TUNING: PlanTuning = { initialChunkMs: 7 * 86_400_000, maxChunkMs: 31 * 86_400_000, minSuspectCount: 20 };

export function startPlan(from: number, to: number, tuning: PlanTuning): WindowPlan {
  return { v: 1, from, to, next: from <= to ? from : null, chunkMs: tuning.initialChunkMs, stack: [], maxSeen: 0, cap: null };
}

export function planDone(plan: WindowPlan): boolean {
  return plan.stack.length === 0 && plan.next === null;
}

/** The next window to query and the plan without it; null when the plan is done. */
export function takeWindow(plan: WindowPlan): { window: PlanWindow; plan: WindowPlan } | null {
  const top = plan.stack[plan.stack.length - 1];
  if (top !== undefined) return { window: top, plan: { ...plan, stack: plan.stack.slice(0, -1) } };
  if (plan.next === null) return null;
  const end = Math.min(plan.to, plan.next + Math.max(1, Math.floor(plan.chunkMs)) - 1);
  return { window: { from: plan.next, to: end }, plan: { ...plan, next: end >= plan.to ? null : end + 1 } };
}

export function isSuspect(raw: number, plan: WindowPlan, tuning: PlanTuning): boolean {
  return raw >= tuning.minSuspectCount && raw >= plan.maxSeen;
}

function targetCount(plan: WindowPlan, tuning: PlanTuning): number {
  if (plan.cap !== null) return Math.max(1, Math.floor(plan.cap * 0.75));
  return Math.max(tuning.minSuspectCount, 2 * plan.maxSeen);
}

/**
 * The next chunk's length from the density just seen (at most 4× the window's either way). Only a window
 * that held more than the target shrinks it: a small split half with few records says little.
 */
function resized(chunkMs: number, lengthMs: number, count: number, target: number, tuning: PlanTuning): number {
  const wanted = count === 0 ? lengthMs * 4 : (lengthMs * target) / count;
  const bounded = Math.min(Math.max(wanted, lengthMs / 4), lengthMs * 4);
  const chosen = count > target ? bounded : Math.max(chunkMs, bounded);
  return Math.max(1, Math.min(tuning.maxChunkMs, Math.floor(chosen)));
}

export interface Settled {
  readonly plan: WindowPlan;
  readonly accepted: boolean;
  /** Set when a 1 ms window still looked cut. */
  readonly note: string | null;
}

/**
 * Records the answer to `window` (taken from `plan` by takeWindow): `raw` records came back, `kept` of them
 * inside the window's bounds. Either accepts it or pushes its two halves.
 */
export function settleWindow(plan: WindowPlan, window: PlanWindow, raw: number, kept: number, tuning: PlanTuning): Settled {
  const suspect = isSuspect(raw, plan, tuning);
  const maxSeen = Math.max(plan.maxSeen, raw);
  const stack = [...plan.stack];
  const lengthMs = window.to - window.from + 1;

  if (suspect && window.from < window.to) {
    // The sibling's comparison needs this window's kept count, which will now come in pieces: drop it.
    const sibling = stack[stack.length - 1];
    if (window.older && sibling?.parent) stack[stack.length - 1] = { from: sibling.from, to: sibling.to };
    const mid = Math.floor((window.from + window.to) / 2);
    stack.push({ from: mid + 1, to: window.to, parent: { raw, kept, olderKept: null } });
    stack.push({ from: window.from, to: mid, older: true });
    const chunkMs = Math.max(1, Math.min(plan.chunkMs, Math.ceil(lengthMs / 2)));
    return { plan: { ...plan, stack, maxSeen, chunkMs }, accepted: false, note: null };
  }

  let cap = plan.cap;
  if (window.older) {
    const sibling = stack[stack.length - 1];
    if (sibling?.parent) stack[stack.length - 1] = { ...sibling, parent: { ...sibling.parent, olderKept: kept } };
  } else if (window.parent && window.parent.olderKept !== null && window.parent.olderKept + kept > window.parent.kept) {
    cap = Math.min(cap ?? Number.POSITIVE_INFINITY, window.parent.raw);
  }
  const next: WindowPlan = { ...plan, stack, maxSeen, cap };
  const chunkMs = resized(plan.chunkMs, lengthMs, kept, targetCount(next, tuning), tuning);
  const note = suspect
    ? `NLPearl returned ${raw} audit events for the single millisecond ${new Date(window.from).toISOString()}; if the server caps answers at that count, some events of that millisecond may be missing.`
    : null;
  return { plan: { ...next, chunkMs }, accepted: true, note };
}

/** The cursor text: the plan as JSON. */
export function encodePlan(plan: WindowPlan): string {
  return JSON.stringify(plan);
}

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

function isWindow(v: unknown): v is PlanWindow {
  if (typeof v !== 'object' || v === null) return false;
  const w = v as Record<string, unknown>;
  if (!isInt(w.from) || !isInt(w.to) || w.from > w.to) return false;
  if (w.parent === undefined) return true;
  const p = w.parent as Record<string, unknown> | null;
  return typeof p === 'object' && p !== null && isInt(p.raw) && isInt(p.kept) && (p.olderKept === null || isInt(p.olderKept));
}

/** The plan stored in `cursor` when it is one for this very window; null otherwise (start again). */
export function decodePlan(cursor: string, from: number, to: number): WindowPlan | null {
  let value: unknown;
  try {
    value = JSON.parse(cursor);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const p = value as Record<string, unknown>;
  if (p.v !== 1 || p.from !== from || p.to !== to) return null;
  if (!(p.next === null || isInt(p.next)) || !isInt(p.chunkMs) || !isInt(p.maxSeen) || !(p.cap === null || isInt(p.cap))) return null;
  if (!Array.isArray(p.stack) || !p.stack.every(isWindow)) return null;
  return value as WindowPlan;
}
