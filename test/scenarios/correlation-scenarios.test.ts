import { describe, expect, it } from 'vitest';
import { correlate } from '../../src/core/correlate/correlate';
import { selectMovements } from '../../src/core/correlate/select-movements';
import type { CorrelationFinding } from '../../src/core/correlate/types';
import { generateScenario, type CorrelationScenario } from './correlation-scenario';
import { PLANT_KINDS } from './planted-takeovers';
import type { ExpectedFinding } from './scenario-builder';

const PLANTED_SEEDS = [1, 2, 3, 4, 5];
const CLEAN_SEEDS = [101, 102, 103, 104, 105];

function run(scenario: CorrelationScenario): CorrelationFinding[] {
  const { movements, ipRows } = selectMovements(scenario.pages, { lossThresholds: scenario.lossThresholds, usernames: scenario.usernames });
  return correlate(movements, scenario.events, ipRows, { lossThresholds: scenario.lossThresholds });
}

const matches = (finding: CorrelationFinding, expected: ExpectedFinding): boolean =>
  finding.signal === expected.signal &&
  (finding.movement?.rowId ?? null) === expected.rowId &&
  (expected.eventKey === undefined || finding.evidence.loginEventKeys.includes(expected.eventKey));

interface Score {
  readonly planted: number;
  readonly found: number;
  readonly falsePositives: CorrelationFinding[];
  readonly falseNegatives: ExpectedFinding[];
}

function score(scenario: CorrelationScenario, findings: readonly CorrelationFinding[]): Score {
  const falseNegatives = scenario.expected.filter((e) => !findings.some((f) => matches(f, e)));
  const falsePositives = findings.filter((f) => !scenario.expected.some((e) => matches(f, e)));
  return { planted: scenario.expected.length, found: scenario.expected.length - falseNegatives.length, falsePositives, falseNegatives };
}

const describeMisses = (label: string, s: Score): string =>
  [...s.falsePositives.map((f) => `${label} extra ${f.signal}: ${f.reason}`), ...s.falseNegatives.map((e) => `${label} missing ${e.signal} (${e.label}, row ${e.rowId})`)].join('\n');

describe('correlation scenarios', () => {
  it('finds exactly the planted takeovers and nothing in clean histories', () => {
    let planted = 0;
    let found = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    const problems: string[] = [];
    for (const seed of [...PLANTED_SEEDS, ...CLEAN_SEEDS]) {
      const scenario = generateScenario(seed, { planted: PLANTED_SEEDS.includes(seed) });
      const s = score(scenario, run(scenario));
      planted += s.planted;
      found += s.found;
      falsePositives += s.falsePositives.length;
      falseNegatives += s.falseNegatives.length;
      if (s.falsePositives.length + s.falseNegatives.length > 0) problems.push(describeMisses(`seed ${seed}`, s));
    }
    console.log(`correlation scenarios: ${planted} planted, ${found} found, false positives ${falsePositives}, false negatives ${falseNegatives}`);
    expect(problems.join('\n')).toBe('');
    expect(falsePositives).toBe(0);
    expect(falseNegatives).toBe(0);
    expect(found).toBe(planted);
  });

  it('plants every signal in every planted scenario, in a history of realistic size', () => {
    const scenario = generateScenario(PLANTED_SEEDS[0] ?? 1, { planted: true });
    expect(new Set(scenario.plants)).toEqual(new Set(PLANT_KINDS));
    expect(new Set(scenario.expected.map((e) => e.signal)).size).toBe(9);
    const { movements, ipRows } = selectMovements(scenario.pages, { lossThresholds: scenario.lossThresholds });
    // The clean part is busy enough to tempt the detector: hundreds of movements, thousands of events.
    expect(movements.length).toBeGreaterThan(300);
    expect(ipRows.length).toBeGreaterThan(1000);
    expect(scenario.events.length).toBeGreaterThan(1200);
    expect(scenario.events.filter((e) => e.kind === 'login-failure').length).toBeGreaterThan(20);
    expect(scenario.events.filter((e) => e.kind === 'access-denied').length).toBeGreaterThan(50);
  });

  it('keeps clean histories close to every threshold (looser settings would fire)', () => {
    const scenario = generateScenario(CLEAN_SEEDS[0] ?? 101, { planted: false });
    const { movements, ipRows } = selectMovements(scenario.pages, { lossThresholds: scenario.lossThresholds });
    const signals = (options: Parameters<typeof correlate>[3]): Set<string> => new Set(correlate(movements, scenario.events, ipRows, options).map((f) => f.signal));
    const HOUR = 3_600_000;
    // Password changes sit 27–36 h before the next movement; trips change country overnight (≥ 10 h), at
    // tens of km/h once each country's size is allowed for.
    expect(signals({ windowMs: 40 * HOUR })).toContain('security-change-before-withdrawal');
    expect(signals({ twoCountryWindowMs: 20 * HOUR })).not.toContain('two-countries');
    expect(signals({ twoCountryWindowMs: 20 * HOUR, travelSpeedKmh: 30 })).toContain('two-countries');
    expect(signals({ failedBurst: { count: 2, withinMs: 15 * 60_000 } })).toContain('failed-burst-then-success');
    // Without the first day, where everyone's usual places show up, trips would look like new places.
    const later = scenario.events.filter((e) => e.timestamp >= (scenario.events[0]?.timestamp ?? 0) + 30 * HOUR);
    const withoutWarmUp = new Set(correlate(movements, later, ipRows).map((f) => f.signal));
    expect(withoutWarmUp).toContain('new-country-before-movement');
  });

  it('is reproducible from its seed', () => {
    const a = generateScenario(7, { planted: true });
    const b = generateScenario(7, { planted: true });
    expect(run(a)).toEqual(run(b));
    expect(a.expected).toEqual(b.expected);
  });

  it('finds each kind of takeover on its own, repeated through a history', () => {
    for (const [i, kind] of PLANT_KINDS.entries()) {
      const scenario = generateScenario(200 + i, { planted: true, days: 40, kinds: [kind] });
      expect(scenario.expected.length).toBeGreaterThanOrEqual(4);
      expect(describeMisses(kind, score(scenario, run(scenario)))).toBe('');
    }
  });
});
