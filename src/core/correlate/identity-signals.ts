/**
 * Signals read from one identity's own login history: a burst of failed logins followed by a success
 * (attached to the next movement within the window, when there is one), logins from two countries within
 * a few hours that no flight could connect (impossible travel), and subaccount login being enabled.
 */
import type { CorrelationEvent } from './event-columns';
import { ANY_ACCOUNT, TimeSortedList, identityOf, normalizeCountry, scopeOfEvent, type EventTimeline } from './event-timeline';
import { isTiedTo, type DeribitNetworks } from './ip-ties';
import { capitalized, describeEvent, describeEvents, describeMovement, duration, sourceName, utcTime } from './finding-wording';
import type { PlaceEstimate } from './geo/country-centroids';
import { judgeTravel, placeOf, type TravelJudgement } from './geo/travel-speed';
import { NO_NAMES, type CorrelationFinding, type CorrelationOptions, type DisplayNames, type MoneyMovement } from './types';

/** Each identity's successful and failed logins in time order (grouped once, read by two signals). */
export function loginHistories(timeline: EventTimeline): Map<string, CorrelationEvent[]> {
  const groups = new Map<string, CorrelationEvent[]>();
  for (const event of timeline.sorted) {
    if (event.kind !== 'login-success' && event.kind !== 'login-failure') continue;
    const identity = identityOf(event);
    const group = groups.get(identity);
    if (group) group.push(event);
    else groups.set(identity, [event]);
  }
  return groups;
}

/** Movements per scope: an organisation-wide event may precede money leaving any account. */
export function movementsByScope(movements: readonly MoneyMovement[]): Map<string, TimeSortedList<MoneyMovement>> {
  const byAccount = new Map<string, MoneyMovement[]>();
  for (const movement of movements) {
    const scope = `account:${movement.chain.accountKey}`;
    const group = byAccount.get(scope);
    if (group) group.push(movement);
    else byAccount.set(scope, [movement]);
  }
  const time = (m: MoneyMovement): number => m.timestamp;
  const lists = new Map([[ANY_ACCOUNT, new TimeSortedList(movements, time)]]);
  for (const [scope, group] of byAccount) lists.set(scope, new TimeSortedList(group, time));
  return lists;
}

export function failedBurstFindings(
  histories: ReadonlyMap<string, readonly CorrelationEvent[]>,
  movements: ReadonlyMap<string, TimeSortedList<MoneyMovement>>,
  options: CorrelationOptions,
  networks: DeribitNetworks = new Map(),
): CorrelationFinding[] {
  const { count, withinMs } = options.failedBurst;
  const findings: CorrelationFinding[] = [];
  for (const events of histories.values()) {
    let failures: CorrelationEvent[] = [];
    for (const event of events) {
      if (event.kind === 'login-failure') {
        failures.push(event);
        continue;
      }
      const burst = failures.filter((f) => f.timestamp >= event.timestamp - withinMs);
      failures = [];
      if (burst.length < count) continue;
      // The next money leaving an account the burst is tied to (its own Deribit side, or a network that side used).
      const list = movements.get(scopeOfEvent(event));
      let movement: MoneyMovement | null = null;
      for (let i = list?.lowerBound(event.timestamp) ?? 0; list && i < list.items.length; i++) {
        const next = list.items[i] as MoneyMovement;
        if (next.timestamp > event.timestamp + options.windowMs) break;
        if (isTiedTo(event, next.chain.accountKey, networks)) {
          movement = next;
          break;
        }
      }
      const first = burst[0] as CorrelationEvent;
      const story =
        `${burst.length} failed logins within ${duration(event.timestamp - first.timestamp)} ` +
        `(${utcTime(first.timestamp)} to ${utcTime((burst[burst.length - 1] as CorrelationEvent).timestamp)}, from ${[...new Set(burst.map((f) => f.ip ?? 'an unknown IP'))].join(', ')}), ` +
        `then ${describeEvent(event, options.names)}`;
      findings.push({
        id: `failed-burst-then-success|${event.key}`,
        signal: 'failed-burst-then-success',
        severity: 'medium',
        reason: movement
          ? `${story}; ${describeMovement(movement, options.names)} followed ${duration(movement.timestamp - event.timestamp)} later.`
          : `${story}; no money left within ${duration(options.windowMs)} after it.`,
        timestamp: movement ? movement.timestamp : event.timestamp,
        movement,
        evidence: {
          loginEventKeys: [...burst.map((f) => f.key), event.key],
          rowIds: movement ? [{ accountKey: movement.chain.accountKey, id: movement.rowId }] : [],
        },
      });
    }
  }
  return findings;
}

/**
 * Impossible travel: two successful logins of one identity, from places so far apart for the time
 * between them that no airliner could have carried one person (see geo/travel-speed.ts). A trip a
 * flight covers (London → Frankfurt in an hour) is not a finding. Places are coordinates when the source
 * gave them, else the country's centre with its uncertainty; a login with neither cannot be judged.
 */
export function twoCountryFindings(histories: ReadonlyMap<string, readonly CorrelationEvent[]>, options: CorrelationOptions): CorrelationFinding[] {
  const findings: CorrelationFinding[] = [];
  for (const events of histories.values()) {
    let previous: { event: CorrelationEvent; place: PlaceEstimate } | null = null;
    for (const event of events) {
      if (event.kind !== 'login-success') continue;
      const where = placeOf(event, normalizeCountry(event.country));
      if (where === null) continue; // unknown place: cannot judge travel
      if (previous && event.timestamp - previous.event.timestamp <= options.twoCountryWindowMs) {
        const trip = judgeTravel(previous.place, where, event.timestamp - previous.event.timestamp, options.travelSpeedKmh);
        if (trip.impossible) findings.push(travelFinding(previous.event, event, trip, options));
      }
      previous = { event, place: where };
    }
  }
  return findings;
}

const km = (n: number): string => `${Math.round(n).toLocaleString('en-US')} km`;

function travelFinding(from: CorrelationEvent, to: CorrelationEvent, trip: TravelJudgement, options: CorrelationOptions): CorrelationFinding {
  const speed = Number.isFinite(trip.speedKmh) ? `${km(trip.speedKmh)}/h` : 'no time at all';
  return {
    id: `two-countries|${to.key}`,
    signal: 'two-countries',
    severity: 'medium',
    reason:
      `Logins ${duration(to.timestamp - from.timestamp)} apart for the same identity ` +
      `(${to.actor ?? sourceName(to, options.names)}) from places ${km(trip.distanceKm)} apart: ${describeEvents([from, to], options.names)}. ` +
      `Even allowing for where in each place the logins were (${km(trip.leastKm)} at the least), the trip needs ${speed}, ` +
      `faster than any airliner; someone else may hold the credentials.`,
    timestamp: to.timestamp,
    movement: null,
    evidence: { loginEventKeys: [from.key, to.key], rowIds: [] },
  };
}

export function subaccountLoginFindings(timeline: EventTimeline, names: DisplayNames = NO_NAMES): CorrelationFinding[] {
  return timeline.sorted
    .filter((event) => event.kind === 'subaccount-login-enabled')
    .map((event) => ({
      id: `subaccount-login-enabled|${event.key}`,
      signal: 'subaccount-login-enabled' as const,
      severity: 'low' as const,
      reason: `${capitalized(describeEvent(event, names))}: a subaccount can now be logged into on its own, a door that was closed before.`,
      timestamp: event.timestamp,
      movement: null,
      evidence: { loginEventKeys: [event.key], rowIds: [] },
    }));
}
