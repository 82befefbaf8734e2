/**
 * Signals anchored on a movement (money that left): what happened in the window before it. Each movement
 * looks back by binary search in small pre-filtered timelines (security changes, key changes, first logins
 * from new IPs/countries), so the cost is O(movements · log events), not movements × events.
 */
import type { LoginEventKind } from '../logins/types';
// Correlation reads events without their raw record (event-columns.ts).
import type { CorrelationEvent as LoginEvent } from './event-columns';
import {
  ScopedTimeline,
  normalizeCountry,
  normalizeIp,
  scopeOfEvent,
  scopesOfAccount,
  type EventTimeline,
} from './event-timeline';
import { describeEvent, describeEvents, describeMovement, duration } from './finding-wording';
import { firstVisitSeverity } from './geo/first-visit';
import { isTiedTo, type DeribitNetworks } from './ip-ties';
import type { CorrelationFinding, CorrelationOptions, DisplayNames, MoneyMovement, SignalKind } from './types';

const SECURITY_KINDS: ReadonlySet<LoginEventKind> = new Set(['2fa-disabled', 'password-changed', 'email-changed']);
const API_KEY_KINDS: ReadonlySet<LoginEventKind> = new Set(['api-key-created', 'api-key-changed', 'whitelist-changed']);
/** A credential or 2FA change in another service, not tied to the account, is high only this close before money leaves. */
export const UNTIED_SECURITY_HIGH_WITHIN_MS = 6 * 3_600_000;

/** The first successful login in a scope from an IP (or country) that no event of any source showed earlier. */
interface NewcomerLogin {
  readonly value: string;
  readonly firstSeen: LoginEvent;
  readonly success: LoginEvent;
}

export interface MovementSignalIndex {
  readonly security: ScopedTimeline<LoginEvent>;
  readonly apiKey: ScopedTimeline<LoginEvent>;
  readonly newIp: ScopedTimeline<NewcomerLogin>;
  readonly newCountry: ScopedTimeline<NewcomerLogin>;
  /** Networks each account's Deribit side used: other sources' key changes and new IPs count only from these. */
  readonly networks: DeribitNetworks;
}

const eventTime = (event: LoginEvent): number => event.timestamp;
const successTime = (login: NewcomerLogin): number => login.success.timestamp;
const newcomerScope = (login: NewcomerLogin): string => scopeOfEvent(login.success);

function newcomers(
  timeline: EventTimeline,
  valueOf: (event: LoginEvent) => string | null,
  firstSeen: ReadonlyMap<string, LoginEvent>,
  baselineEnd: number,
): NewcomerLogin[] {
  const seen = new Set<string>();
  const found: NewcomerLogin[] = [];
  for (const event of timeline.sorted) {
    if (event.kind !== 'login-success') continue;
    const value = valueOf(event);
    if (value === null) continue;
    const scoped = `${scopeOfEvent(event)}|${value}`;
    if (seen.has(scoped)) continue;
    seen.add(scoped);
    const first = firstSeen.get(value);
    // The first window of history is the baseline: everything is "new" before anything was seen.
    if (first && first.timestamp >= baselineEnd) found.push({ value, firstSeen: first, success: event });
  }
  return found;
}

export function buildMovementSignalIndex(timeline: EventTimeline, options: CorrelationOptions, networks: DeribitNetworks = new Map()): MovementSignalIndex {
  const baselineEnd = (timeline.earliest ?? 0) + options.windowMs;
  return {
    security: new ScopedTimeline(timeline.sorted.filter((e) => SECURITY_KINDS.has(e.kind)), scopeOfEvent, eventTime),
    apiKey: new ScopedTimeline(timeline.sorted.filter((e) => API_KEY_KINDS.has(e.kind)), scopeOfEvent, eventTime),
    newIp: new ScopedTimeline(
      newcomers(timeline, (e) => normalizeIp(e.ip), timeline.firstSeenIp, baselineEnd),
      newcomerScope,
      successTime,
    ),
    newCountry: new ScopedTimeline(
      newcomers(timeline, (e) => normalizeCountry(e.country), timeline.firstSeenCountry, baselineEnd),
      newcomerScope,
      successTime,
    ),
    networks,
  };
}

function finding(
  signal: SignalKind,
  severity: CorrelationFinding['severity'],
  movement: MoneyMovement,
  events: readonly LoginEvent[],
  reason: string,
): CorrelationFinding {
  const keys = [...new Set(events.map((e) => e.key))];
  return {
    id: `${signal}|${movement.chain.accountKey}|${movement.rowId}`,
    signal,
    severity,
    reason,
    timestamp: movement.timestamp,
    movement,
    evidence: { loginEventKeys: keys, rowIds: [{ accountKey: movement.chain.accountKey, id: movement.rowId }] },
  };
}

const isStrongKeyChange = (event: LoginEvent): boolean =>
  event.kind === 'api-key-created' || event.kind === 'whitelist-changed' || /scope/i.test(event.detail);

function newcomerWords(logins: readonly NewcomerLogin[], what: 'IP' | 'country', names: DisplayNames): string {
  return logins
    .map((login) => {
      const first = login.firstSeen === login.success ? '' : `, first seen ${duration(login.success.timestamp - login.firstSeen.timestamp)} earlier (${describeEvent(login.firstSeen, names)})`;
      return `${what} ${login.value}: ${describeEvent(login.success, names)}${first}`;
    })
    .join('; ');
}

/** Findings for one movement, in signal order. */
export function movementFindings(movement: MoneyMovement, index: MovementSignalIndex, options: CorrelationOptions): CorrelationFinding[] {
  const scopes = scopesOfAccount(movement.chain.accountKey);
  const from = movement.timestamp - options.windowMs;
  const to = movement.timestamp;
  const window = duration(options.windowMs);
  const names = options.names;
  const what = describeMovement(movement, names);
  const findings: CorrelationFinding[] = [];

  const security = index.security.between(scopes, from, to);
  const firstSecurity = security[0];
  if (firstSecurity) {
    // High when the change is on this account's Deribit side (or from a network it uses), or in another
    // service shortly before the money left; an untied change in another service most of a day earlier is one signal.
    const strong = security.some((e) => isTiedTo(e, movement.chain.accountKey, index.networks) || to - e.timestamp <= UNTIED_SECURITY_HIGH_WITHIN_MS);
    findings.push(finding('security-change-before-withdrawal', strong ? 'high' : 'medium', movement, security,
      `${what} came ${duration(to - firstSecurity.timestamp)} after a credential or 2FA change: ${describeEvents(security, names)}. ` +
        `Such a change within ${window} before money leaves is the strongest sign of an account takeover.`));
  }

  // A key created in another service counts only when tied to this account's Deribit side (same network).
  const keyChanges = index.apiKey.between(scopes, from, to).filter((e) => isTiedTo(e, movement.chain.accountKey, index.networks));
  const firstKeyChange = keyChanges[0];
  if (firstKeyChange) {
    findings.push(finding('api-key-change-before-withdrawal', keyChanges.some(isStrongKeyChange) ? 'high' : 'medium', movement, keyChanges,
      `${what} came ${duration(to - firstKeyChange.timestamp)} after an API key change: ${describeEvents(keyChanges, names)}. ` +
        `A new or re-scoped key within ${window} before money leaves is how stolen access is usually used.`));
  }

  const newCountries = index.newCountry.between(scopes, from, to).filter((login) => login.firstSeen.timestamp >= from);
  if (newCountries.length > 0) {
    // A first visit alone is low; medium when the money moves soon after it or from its address.
    findings.push(finding('new-country-before-movement', firstVisitSeverity(newCountries, movement), movement, newCountries.flatMap((l) => [l.firstSeen, l.success]),
      `${what} came within ${window} of a login from a country never seen before in any login source: ${newcomerWords(newCountries, 'country', names)}.`));
  }

  // A login from a new country is reported as such; its (necessarily new) IP is not reported twice.
  const countries = new Set(newCountries.map((login) => login.value));
  const newIps = index.newIp
    .between(scopes, from, to)
    .filter((login) => login.firstSeen.timestamp >= from && !countries.has(normalizeCountry(login.success.country) ?? ''))
    .filter((login) => isTiedTo(login.success, movement.chain.accountKey, index.networks));
  if (newIps.length > 0) {
    findings.push(finding('new-ip-before-movement', 'medium', movement, newIps.flatMap((l) => [l.firstSeen, l.success]),
      `${what} came within ${window} of a login from an IP never seen before in any login source: ${newcomerWords(newIps, 'IP', names)}.`));
  }
  return findings;
}
