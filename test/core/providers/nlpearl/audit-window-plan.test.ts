import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PLAN_TUNING,
  decodePlan,
  encodePlan,
  isSuspect,
  settleWindow,
  startPlan,
  takeWindow,
  type PlanTuning,
  type WindowPlan,
} from '../../../../src/core/providers/nlpearl/audit-window-plan';

type Order = 'ascending' | 'descending' | 'unordered';

/** A capped server in memory: inclusive bounds, the given order, the first `cap` records. */
function serve(events: readonly number[], from: number, to: number, cap: number | null, order: Order, salt: number): number[] {
  const hit = events.filter((t) => t >= from && t <= to).sort((a, b) => a - b);
  if (order === 'descending') hit.reverse();
  if (order === 'unordered') hit.sort((a, b) => ((a * 2654435761 + salt) % 1009) - ((b * 2654435761 + salt) % 1009));
  return cap === null ? hit : hit.slice(0, cap);
}

/** Runs the plan to the end the way the connector does (window asked as [from − 1, to + 1]). */
function runPlan(events: readonly number[], from: number, to: number, cap: number | null, order: Order, tuning: PlanTuning = DEFAULT_PLAN_TUNING) {
  let plan: WindowPlan = startPlan(from, to, tuning);
  const got: number[] = [];
  const notes: string[] = [];
  let requests = 0;
  for (;;) {
    const taken = takeWindow(plan);
    if (taken === null) break;
    requests += 1;
    if (requests > 100_000) throw new Error('plan does not terminate');
    const answer = serve(events, taken.window.from - 1, taken.window.to + 1, cap, order, requests);
    const kept = answer.filter((t) => t >= taken.window.from && t <= taken.window.to);
    const settled = settleWindow(taken.plan, taken.window, answer.length, kept.length, tuning);
    // The cursor survives a JSON round trip at every step.
    plan = decodePlan(encodePlan(settled.plan), from, to) ?? startPlan(0, -1, tuning);
    if (settled.note !== null) notes.push(settled.note);
    if (settled.accepted) got.push(...kept);
  }
  return { got: got.sort((a, b) => a - b), notes, requests, plan };
}

describe('audit window plan', () => {
  it('gets every event in the window for any data, cap and order, or says which millisecond may be short', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5_000_000 }), { maxLength: 400 }),
        fc.array(fc.integer({ min: 0, max: 5_000_000 }), { maxLength: 5 }),
        fc.option(fc.integer({ min: 1, max: 120 }), { nil: null }),
        fc.constantFrom<Order>('ascending', 'descending', 'unordered'),
        fc.integer({ min: 1, max: 25 }),
        (spread, hot, cap, order, minSuspectCount) => {
          // Hot milliseconds hold many identical-time events, to reach the 1 ms floor.
          const events = [...spread, ...hot.flatMap((t) => Array<number>(30).fill(t))];
          const from = 1_000;
          const to = 4_900_000;
          const tuning = { initialChunkMs: 500_000, maxChunkMs: 2_000_000, minSuspectCount };
          const { got, notes } = runPlan(events, from, to, cap, order, tuning);
          const expected = events.filter((t) => t >= from && t <= to).sort((a, b) => a - b);
          // Only a cap below minSuspectCount or a crowded millisecond can defeat the rule; both are stated.
          if (cap === null || cap >= minSuspectCount) {
            if (notes.length === 0) expect(got).toEqual(expected);
            else for (const t of expected.filter((x) => !got.includes(x))) expect(notes.join(' ')).toContain(new Date(t).toISOString());
          }
          if (cap === null) expect(got).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('treats a count at the largest seen as suspect and anything below it as complete', () => {
    const plan = { ...startPlan(0, 10, DEFAULT_PLAN_TUNING), maxSeen: 100 };
    expect(isSuspect(100, plan, DEFAULT_PLAN_TUNING)).toBe(true);
    expect(isSuspect(150, plan, DEFAULT_PLAN_TUNING)).toBe(true);
    expect(isSuspect(99, plan, DEFAULT_PLAN_TUNING)).toBe(false);
    expect(isSuspect(19, startPlan(0, 10, DEFAULT_PLAN_TUNING), DEFAULT_PLAN_TUNING)).toBe(false);
  });

  it('accepts a full 1 ms window with a note instead of splitting forever', () => {
    const plan = { ...startPlan(5, 5, DEFAULT_PLAN_TUNING), maxSeen: 40 };
    const taken = takeWindow(plan)!;
    const settled = settleWindow(taken.plan, taken.window, 40, 40, DEFAULT_PLAN_TUNING);
    expect(settled.accepted).toBe(true);
    expect(settled.note).toContain('1970-01-01T00:00:00.005Z');
    expect(takeWindow(settled.plan)).toBeNull();
  });

  it('learns the cap from a split whose halves hold more than the parent, then sizes windows under it', () => {
    const events = Array.from({ length: 20_000 }, (_, i) => i * 50);
    const { got, plan, requests } = runPlan(events, 0, 999_999, 200, 'descending', { initialChunkMs: 1_000_000, maxChunkMs: 1_000_000, minSuspectCount: 20 });
    expect(got).toEqual(events);
    expect(plan.cap).toBe(200);
    // The floor is 100 requests (200 per answer); windows aimed at 150 plus the probing splits stay near it.
    expect(requests).toBeLessThan(260);
  });

  it('grows windows over sparse history: a year with 12 events takes a handful of requests', () => {
    const year = 365 * 86_400_000;
    const events = Array.from({ length: 12 }, (_, i) => Math.floor((i + 0.5) * (year / 12)));
    const { got, requests } = runPlan(events, 0, year, 1000, 'descending');
    expect(got).toEqual(events);
    expect(requests).toBeLessThanOrEqual(14);
  });

  it('decodes only its own cursor for the same window', () => {
    const plan = startPlan(10, 20, DEFAULT_PLAN_TUNING);
    expect(decodePlan(encodePlan(plan), 10, 20)).toEqual(plan);
    expect(decodePlan(encodePlan(plan), 10, 21)).toBeNull();
    expect(decodePlan('{"v":1', 10, 20)).toBeNull();
    expect(decodePlan('{"v":1,"from":10,"to":20,"next":null,"chunkMs":5,"maxSeen":0,"cap":null,"stack":[{"from":9,"to":3}]}', 10, 20)).toBeNull();
  });
});
