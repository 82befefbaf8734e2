/**
 * A seeded correlation scenario: a clean history of several people and sources, optionally with planted
 * account-takeover patterns in quiet stretches (one every week), each with its expected finding.
 */
import type { LoginEvent } from '../../src/core/logins/types';
import type { LedgerPage } from '../../src/core/recon/types';
import { generateBackground } from './background-history';
import { PLANT_KINDS, plant, type PlantKind } from './planted-takeovers';
import { LOSS_THRESHOLDS, PEOPLE, ScenarioBuilder, type ExpectedFinding } from './scenario-builder';
import { seededRandom } from './seeded-random';

export interface CorrelationScenario {
  readonly seed: number;
  readonly pages: LedgerPage[];
  readonly events: LoginEvent[];
  readonly expected: ExpectedFinding[];
  readonly plants: PlantKind[];
  readonly lossThresholds: ReadonlyMap<string, string>;
  readonly usernames: ReadonlyMap<string, string>;
}

export interface ScenarioOptions {
  readonly days?: number;
  /** Plant takeover patterns (every kind at least once when the history is long enough). */
  readonly planted: boolean;
  /** Plant only these kinds (cycled through the slots); default every kind, then random repeats. */
  readonly kinds?: readonly PlantKind[];
}

/** A plant takes days s+1..s+3 of a slot starting at s; the pattern happens on s+2. */
const SLOT_EVERY = 7;
const FIRST_SLOT = 5;

export function generateScenario(seed: number, options: ScenarioOptions): CorrelationScenario {
  const rng = seededRandom(seed);
  const days = options.days ?? 150;
  const slots: number[] = [];
  if (options.planted) for (let s = FIRST_SLOT; s + 4 < days; s += SLOT_EVERY) slots.push(s);
  const kinds = options.kinds ?? PLANT_KINDS;
  if (options.planted && slots.length < kinds.length) throw new Error(`${days} days hold ${slots.length} plants, fewer than ${kinds.length}`);

  const quiet = new Set(slots.flatMap((s) => [s + 1, s + 2, s + 3]));
  const builder = new ScenarioBuilder();
  generateBackground(builder, rng, days, quiet);

  // Every kind once, in a seeded order, then random repeats in the remaining slots.
  const order = rng.shuffle(kinds);
  const plants = slots.map((_, i) => order[i] ?? rng.pick(kinds));
  const expected = slots.flatMap((s, i) => plant(plants[i] as PlantKind, builder, rng, rng.pick(PEOPLE), s + 2));
  return {
    seed,
    pages: builder.pages(),
    events: builder.events,
    expected,
    plants: options.planted ? plants : [],
    lossThresholds: LOSS_THRESHOLDS,
    usernames: builder.usernames(),
  };
}
