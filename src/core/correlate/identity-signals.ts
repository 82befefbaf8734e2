/**
 * Signals read from one identity's own login history: a burst of failed logins followed by a success
 * (attached to the next movement within the window, when there is one), logins from two countries within
 * a few hours (impossible travel), and subaccount login being enabled.
 */
import type { LoginEvent } from '../logins/types';
import { ANY_ACCOUNT, TimeSortedList, identityOf, normalizeCountry, scopeOfEvent, type EventTimeline } from './event-timeline';
import { capitalized, describeEvent, describeEvents, describeMovement, duration, sourceName, utcTime } from './finding-wording';
import { NO_NAMES, type CorrelationFinding, type CorrelationOptions, type DisplayNames, type MoneyMovement } from './types';

/** Each identity's successful and failed logins in time order (grouped once, read by two signals). */
export function loginHistories(timeline: EventTimeline): Map<string, LoginEvent[]> {
  const groups = new Map<string, LoginEvent[]>();
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
  histories: ReadonlyMap<string, readonly LoginEvent[]>,
  movements: ReadonlyMap<string, TimeSortedList<MoneyMovement>>,
  options: CorrelationOptions,
): CorrelationFinding[] {
  const { count, withinMs } = options.failedBurst;
  const findings: CorrelationFinding[] = [];
  for (const events of histories.values()) {
    let failures: LoginEvent[] = [];
    for (const event of events) {
      if (event.kind === 'login-failure') {
        failures.push(event);
        continue;
      }
      const burst = failures.filter((f) => f.timestamp >= event.timestamp - withinMs);
      failures = [];
      if (burst.length < count) continue;
      const list = movements.get(scopeOfEvent(event));
      const next = list?.items[list.lowerBound(event.timestamp)];
      const movement = next !== undefined && next.timestamp <= event.timestamp + options.windowMs ? next : null;
      const first = burst[0] as LoginEvent;
      const story =
        `${burst.length} failed logins within ${duration(event.timestamp - first.timestamp)} ` +
        `(${utcTime(first.timestamp)} to ${utcTime((burst[burst.length - 1] as LoginEvent).timestamp)}, from ${[...new Set(burst.map((f) => f.ip ?? 'an unknown IP'))].join(', ')}), ` +
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

export function twoCountryFindings(histories: ReadonlyMap<string, readonly LoginEvent[]>, options: CorrelationOptions): CorrelationFinding[] {
  const findings: CorrelationFinding[] = [];
  for (const events of histories.values()) {
    let previous: LoginEvent | null = null;
    for (const event of events) {
      if (event.kind !== 'login-success') continue;
      const country = normalizeCountry(event.country);
      if (country === null) continue; // unknown place: cannot judge travel
      if (previous && normalizeCountry(previous.country) !== country && event.timestamp - previous.timestamp <= options.twoCountryWindowMs) {
        findings.push({
          id: `two-countries|${event.key}`,
          signal: 'two-countries',
          severity: 'medium',
          reason:
            `Logins from two countries ${duration(event.timestamp - previous.timestamp)} apart for the same identity ` +
            `(${event.actor ?? sourceName(event, options.names)}): ${describeEvents([previous, event], options.names)}. ` +
            `Nobody travels that fast; someone else may hold the credentials.`,
          timestamp: event.timestamp,
          movement: null,
          evidence: { loginEventKeys: [previous.key, event.key], rowIds: [] },
        });
      }
      previous = event;
    }
  }
  return findings;
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
