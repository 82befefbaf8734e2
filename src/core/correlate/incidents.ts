/**
 * One story, one incident: findings that rest on the same money movement, cite the same event, share an
 * IP within the window, or (tied findings without money of their own) fall in the window before a movement
 * another finding rests on, form one incident. It carries the highest severity of its signals, every
 * source's evidence in time order (what the findings cite, plus other sources' logins and denials from the
 * same addresses, then the money leaving), and one short headline.
 *
 * A finding tied to no Deribit account (no money, no Deribit event, no address the Deribit side used) is
 * context, not an incident: it stays reachable among all findings.
 */
import { countryName } from '../logins/country-code';
import type { LoginSourceKind } from '../logins/types';
import type { CorrelationEvent } from './event-columns';
import { normalizeIp, type EventTimeline } from './event-timeline';
import { KIND_WORDS, capitalized, duration, movementWords } from './finding-wording';
import { networkOf, type DeribitNetworks } from './ip-ties';
import { NO_NAMES, type CorrelationFinding, type CorrelationSeverity, type DisplayNames, type MoneyMovement, type SignalKind } from './types';

export type EvidenceRef = { readonly type: 'event'; readonly key: string } | { readonly type: 'row'; readonly accountKey: string; readonly id: number };

/** One line of an incident's evidence, with what a person needs to read it (no internal id in the words). */
export interface IncidentEvidence {
  readonly ref: EvidenceRef;
  readonly timestamp: number;
  /** 'ledger' for a transaction row. */
  readonly source: LoginSourceKind | 'ledger';
  /** The login source (or, for rows and Deribit events, the account) it came from. */
  readonly sourceKey: string;
  readonly sourceLabel: string;
  /** "2FA disabled", "failed login", "Withdrawal of 1.5 BTC". */
  readonly what: string;
  readonly actor: string | null;
  readonly ip: string | null;
  /** "Lyon, FR" when the source gives a place. */
  readonly place: string | null;
  /** Cited by one of the incident's findings; false for other logins and denials from the same address. */
  readonly cited: boolean;
}

export interface Incident {
  /** Stable over re-runs: the first movement it rests on, else its first finding. */
  readonly id: string;
  readonly severity: CorrelationSeverity;
  readonly headline: string;
  /** The first money movement, else the newest evidence. */
  readonly timestamp: number;
  readonly firstEvidenceAt: number;
  readonly movements: readonly MoneyMovement[];
  /** Distinct signals, most severe first. */
  readonly signals: readonly SignalKind[];
  readonly findingIds: readonly string[];
  readonly accountKeys: readonly string[];
  /** Every source the evidence comes from: login-source keys, and account keys for Deribit events and rows. */
  readonly sourceKeys: readonly string[];
  readonly sourceKinds: readonly (LoginSourceKind | 'ledger')[];
  readonly evidence: readonly IncidentEvidence[];
  /** More transaction rows its findings cite (placed from the same address), not listed one by one. */
  readonly otherRowCount: number;
  /** Digest of the evidence refs: a review holds while it is unchanged. */
  readonly evidenceDigest: string;
}

export interface IncidentGrouping {
  readonly incidents: Incident[];
  /** Findings tied to no Deribit account: context on the timeline, listed among all findings. */
  readonly contextFindingIds: string[];
}

export interface IncidentOptions {
  readonly windowMs: number;
  readonly names?: DisplayNames;
  /** Other logins and denials from the incident's addresses added as evidence, at most. */
  readonly contextLimit?: number;
}

const SEVERITY_RANK: Readonly<Record<CorrelationSeverity, number>> = { high: 0, medium: 1, low: 2 };
const CONTEXT_KINDS = new Set<CorrelationEvent['kind']>(['login-success', 'login-failure', 'access-denied', '2fa-disabled', 'password-changed', 'email-changed', 'api-key-created', 'api-key-changed', 'whitelist-changed']);

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root] ?? root;
    while (this.parent[i] !== root) {
      const next = this.parent[i] ?? root;
      this.parent[i] = root;
      i = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

const movementKey = (m: MoneyMovement): string => `${m.chain.accountKey}|${m.rowId}`;

/** FNV-1a (32 bit) as hex: a short digest of the evidence refs, not a security boundary. */
export function digestOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

export function groupIncidents(
  findings: readonly CorrelationFinding[],
  timeline: EventTimeline,
  networks: DeribitNetworks,
  options: IncidentOptions,
): IncidentGrouping {
  const names = options.names ?? NO_NAMES;
  const eventsByKey = new Map<string, CorrelationEvent>();
  const cited = new Set(findings.flatMap((f) => f.evidence.loginEventKeys));
  for (const event of timeline.sorted) if (cited.has(event.key)) eventsByKey.set(event.key, event);
  const eventsOf = (f: CorrelationFinding): CorrelationEvent[] =>
    f.evidence.loginEventKeys.map((k) => eventsByKey.get(k)).filter((e): e is CorrelationEvent => e !== undefined);

  const anyDeribitNetwork = new Set([...networks.values()].flatMap((set) => [...set]));
  const tiedToAnAccount = (e: CorrelationEvent): boolean => e.source === 'deribit' || anyDeribitNetwork.has(networkOf(e.ip) ?? '');
  const tied = findings.map((f) => f.movement !== null || f.evidence.rowIds.length > 0 || eventsOf(f).some(tiedToAnAccount));
  const contextFindingIds = findings.filter((_, i) => !tied[i]).map((f) => f.id);
  const members = findings.map((f, i) => ({ finding: f, index: i })).filter(({ index }) => tied[index]);
  const uf = new UnionFind(findings.length);

  // Same movement, same cited event.
  const firstBy = new Map<string, number>();
  const link = (key: string, index: number): void => {
    const first = firstBy.get(key);
    if (first === undefined) firstBy.set(key, index);
    else uf.union(first, index);
  };
  for (const { finding, index } of members) {
    if (finding.movement) link(`row:${movementKey(finding.movement)}`, index);
    for (const key of finding.evidence.loginEventKeys) link(`event:${key}`, index);
  }

  // Same IP within the window of each other.
  const byIp = new Map<string, { t: number; index: number }[]>();
  const addIp = (ip: string | null, t: number, index: number): void => {
    const normalized = normalizeIp(ip);
    if (normalized === null) return;
    const list = byIp.get(normalized);
    if (list) list.push({ t, index });
    else byIp.set(normalized, [{ t, index }]);
  };
  for (const { finding, index } of members) {
    for (const e of eventsOf(finding)) addIp(e.ip, e.timestamp, index);
    if (finding.movement) addIp(finding.movement.ip, finding.movement.timestamp, index);
  }
  for (const list of byIp.values()) {
    list.sort((a, b) => a.t - b.t);
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1] as { t: number; index: number };
      const b = list[i] as { t: number; index: number };
      if (b.t - a.t <= options.windowMs) uf.union(a.index, b.index);
    }
  }

  // A finding without money of its own in the window before a movement another finding rests on.
  const anchored = members
    .filter(({ finding }) => finding.movement !== null)
    .map(({ finding, index }) => ({ t: (finding.movement as MoneyMovement).timestamp, accountKey: (finding.movement as MoneyMovement).chain.accountKey, index }))
    .sort((a, b) => a.t - b.t);
  for (const { finding, index } of members) {
    if (finding.movement !== null) continue;
    const events = eventsOf(finding);
    const t = events.length > 0 ? Math.max(...events.map((e) => e.timestamp)) : finding.timestamp;
    const deribitOnly = events.length > 0 && events.every((e) => e.source === 'deribit');
    // The first anchored movement at or after t (binary search), then forward within the window.
    let lo = 0;
    let hi = anchored.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((anchored[mid] as { t: number }).t < t) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < anchored.length; k++) {
      const m = anchored[k] as (typeof anchored)[number];
      if (m.t - t > options.windowMs) break;
      if (!deribitOnly || events.some((e) => e.sourceKey === m.accountKey)) {
        uf.union(m.index, index);
        break;
      }
    }
  }

  const groups = new Map<number, CorrelationFinding[]>();
  for (const { finding, index } of members) {
    const root = uf.find(index);
    const group = groups.get(root);
    if (group) group.push(finding);
    else groups.set(root, [finding]);
  }
  const byAddress = eventsByAddress(timeline);
  const incidents = [...groups.values()].map((group) => buildIncident(group, eventsByKey, byAddress, names, options, timeline));
  incidents.sort(bySeverityThenNewest);
  return { incidents, contextFindingIds };
}

export function bySeverityThenNewest(a: Incident, b: Incident): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.timestamp - a.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function eventEvidence(event: CorrelationEvent, names: DisplayNames, isCited: boolean): IncidentEvidence {
  const country = event.country === null ? null : (countryName(event.country) ?? event.country);
  const where = [event.city, country].filter((p): p is string => p !== null && p !== '').join(', ');
  return {
    ref: { type: 'event', key: event.key },
    timestamp: event.timestamp,
    source: event.source,
    sourceKey: event.sourceKey,
    sourceLabel: names.sources.get(event.sourceKey) ?? (event.source === 'deribit' ? `Deribit access log of ${names.accounts.get(event.sourceKey) ?? event.sourceKey}` : event.source),
    what: KIND_WORDS[event.kind] === 'event' ? event.detail : KIND_WORDS[event.kind],
    actor: event.actor,
    ip: event.ip,
    place: where === '' ? null : where,
    cited: isCited,
  };
}

function rowEvidence(movement: MoneyMovement, names: DisplayNames): IncidentEvidence {
  const account = names.accounts.get(movement.chain.accountKey) ?? movement.chain.accountKey;
  return {
    ref: { type: 'row', accountKey: movement.chain.accountKey, id: movement.rowId },
    timestamp: movement.timestamp,
    source: 'ledger',
    sourceKey: movement.chain.accountKey,
    sourceLabel: `Deribit transactions of ${account}`,
    what: `${movementWords(movement)}${movement.username ? ` (${movement.username})` : ''}`,
    actor: movement.username,
    ip: movement.ip,
    place: null,
    cited: true,
  };
}

/** Evidence in time order: events before rows at the same moment, so the money leaving comes last. */
const byEvidenceTime = (a: IncidentEvidence, b: IncidentEvidence): number =>
  a.timestamp - b.timestamp || (a.source === 'ledger' ? 1 : 0) - (b.source === 'ledger' ? 1 : 0) || refText(a.ref).localeCompare(refText(b.ref));

const refText = (ref: EvidenceRef): string => (ref.type === 'event' ? `e:${ref.key}` : `r:${ref.accountKey}|${ref.id}`);

/** Normalised address → the timeline's events from it (their positions in it, ascending): an incident's context is looked up by address, not by scanning its whole time span. */
function eventsByAddress(timeline: EventTimeline): ReadonlyMap<string, { readonly times: Float64Array; readonly positions: Int32Array }> {
  const lists = new Map<string, number[]>();
  timeline.sorted.forEach((e, position) => {
    if (!CONTEXT_KINDS.has(e.kind)) return;
    const ip = normalizeIp(e.ip);
    if (ip === null) return;
    const list = lists.get(ip);
    if (list) list.push(position);
    else lists.set(ip, [position]);
  });
  const byAddress = new Map<string, { times: Float64Array; positions: Int32Array }>();
  for (const [ip, positions] of lists) {
    byAddress.set(ip, { times: Float64Array.from(positions, (p) => (timeline.sorted[p] as CorrelationEvent).timestamp), positions: Int32Array.from(positions) });
  }
  return byAddress;
}

function buildIncident(
  group: readonly CorrelationFinding[],
  eventsByKey: ReadonlyMap<string, CorrelationEvent>,
  byAddress: ReadonlyMap<string, { readonly times: Float64Array; readonly positions: Int32Array }>,
  names: DisplayNames,
  options: IncidentOptions,
  timeline: EventTimeline,
): Incident {
  const severity = group.reduce<CorrelationSeverity>((best, f) => (SEVERITY_RANK[f.severity] < SEVERITY_RANK[best] ? f.severity : best), 'low');
  const movementsByKey = new Map<string, MoneyMovement>();
  for (const f of group) if (f.movement) movementsByKey.set(movementKey(f.movement), f.movement);
  const movements = [...movementsByKey.values()].sort((a, b) => a.timestamp - b.timestamp || a.rowId - b.rowId);

  const citedEvents = new Map<string, CorrelationEvent>();
  for (const f of group) for (const k of f.evidence.loginEventKeys) {
    const e = eventsByKey.get(k);
    if (e) citedEvents.set(k, e);
  }
  const rows = new Map<string, IncidentEvidence>();
  for (const m of movements) rows.set(movementKey(m), rowEvidence(m, names));
  // Other rows a finding cites (placed from the same address): counted, and listed by that finding.
  const otherRows = new Set<string>();
  for (const f of group) for (const r of f.evidence.rowIds) if (!rows.has(`${r.accountKey}|${r.id}`)) otherRows.add(`${r.accountKey}|${r.id}`);

  const evidenceTimes = [...[...citedEvents.values()].map((e) => e.timestamp), ...movements.map((m) => m.timestamp)];
  const first = evidenceTimes.length > 0 ? Math.min(...evidenceTimes) : Math.min(...group.map((f) => f.timestamp));
  const last = movements[movements.length - 1]?.timestamp ?? (evidenceTimes.length > 0 ? Math.max(...evidenceTimes) : Math.max(...group.map((f) => f.timestamp)));

  // Other logins and denials from the same addresses, from the window before the first evidence to the last.
  const ips = new Set([...citedEvents.values()].map((e) => normalizeIp(e.ip)).concat(movements.map((m) => normalizeIp(m.ip))).filter((ip): ip is string => ip !== null));
  const from = first - options.windowMs;
  const positions: number[] = [];
  for (const ip of ips) {
    const list = byAddress.get(ip);
    if (list === undefined) continue;
    let lo = 0;
    let hi = list.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((list.times[mid] as number) < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < list.times.length && (list.times[i] as number) <= last; i++) positions.push(list.positions[i] as number);
  }
  // In the timeline's order, as a scan of it would find them.
  positions.sort((a, b) => a - b);
  const context = positions.map((p) => timeline.sorted[p] as CorrelationEvent).filter((e) => !citedEvents.has(e.key));
  const limit = options.contextLimit ?? 25;
  const shownContext = context.slice(Math.max(0, context.length - limit));

  const evidence = [
    ...[...citedEvents.values()].map((e) => eventEvidence(e, names, true)),
    ...shownContext.map((e) => eventEvidence(e, names, false)),
    ...rows.values(),
  ].sort(byEvidenceTime);

  const signals = [...new Set([...group].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]).map((f) => f.signal))];
  const findingIds = group.map((f) => f.id).sort();
  const firstMovement = movements[0];
  const id = firstMovement ? `incident|${movementKey(firstMovement)}` : `incident|${findingIds[0] ?? ''}`;
  const accountKeys = [...new Set([...movements.map((m) => m.chain.accountKey), ...[...rows.values()].map((r) => r.sourceKey), ...[...citedEvents.values()].filter((e) => e.source === 'deribit').map((e) => e.sourceKey)])].sort();
  return {
    id,
    severity,
    headline: headlineOf(group, movements, [...citedEvents.values()], names),
    timestamp: firstMovement?.timestamp ?? last,
    firstEvidenceAt: Math.min(first, ...evidence.map((e) => e.timestamp)),
    movements,
    signals,
    findingIds,
    accountKeys,
    sourceKeys: [...new Set(evidence.map((e) => e.sourceKey))].sort(),
    sourceKinds: [...new Set(evidence.map((e) => e.source))].sort(),
    evidence,
    otherRowCount: otherRows.size,
    evidenceDigest: digestOf(evidence.map((e) => refText(e.ref)).join('\n')),
  };
}

const SECURITY_ORDER: readonly CorrelationEvent['kind'][] = ['2fa-disabled', 'password-changed', 'email-changed', 'api-key-created', 'whitelist-changed', 'api-key-changed'];

/** "Withdrawal of 1.5 BTC (alice) 3 h after 2FA disabled, 5 failed logins and a login from a new IP". */
function headlineOf(group: readonly CorrelationFinding[], movements: readonly MoneyMovement[], events: readonly CorrelationEvent[], names: DisplayNames): string {
  const signals = new Set(group.map((f) => f.signal));
  const phrases: string[] = [];
  for (const kind of SECURITY_ORDER) {
    const matching = events.filter((e) => e.kind === kind && (signals.has('security-change-before-withdrawal') || signals.has('api-key-change-before-withdrawal')));
    const where = [...new Set(matching.map((e) => (e.source === 'deribit' ? 'Deribit' : (names.sources.get(e.sourceKey) ?? e.source))))];
    if (matching.length > 0) phrases.push(`${KIND_WORDS[kind]} (${where.join(', ')})`);
  }
  const failures = events.filter((e) => e.kind === 'login-failure').length;
  if (signals.has('failed-burst-then-success')) phrases.push(`${failures} failed logins, then a success`);
  const denials = events.filter((e) => e.kind === 'access-denied').length;
  if (signals.has('access-denied-same-ip')) phrases.push(`${denials} access denial${denials === 1 ? '' : 's'} for an IP that got in`);
  if (signals.has('new-country-before-movement')) phrases.push('a login from a new country');
  if (signals.has('new-ip-before-movement')) phrases.push('a login from a new IP');
  if (signals.has('two-countries')) {
    const places = [...new Set(events.filter((e) => e.kind === 'login-success' && e.country).map((e) => countryName(e.country) ?? e.country))];
    phrases.push(places.length >= 2 ? `logins from ${places.slice(0, 3).join(' and ')} within hours` : 'logins from two countries within hours');
  }
  if (signals.has('subaccount-login-enabled')) phrases.push('subaccount login enabled');
  if (signals.has('unknown-ip-on-row')) phrases.push('placed from an IP no login source knows');
  const shown = phrases.length > 3 ? [...phrases.slice(0, 3), `${phrases.length - 3} more`] : phrases;
  const list = shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1] ?? ''}` : (shown[0] ?? 'a finding');
  const money = movements[0];
  if (!money) return capitalized(list);
  const more = movements.length > 1 ? ` and ${movements.length - 1} more movement${movements.length === 2 ? '' : 's'}` : '';
  const who = money.username ? ` (${money.username})` : '';
  if (signals.size === 1 && signals.has('unknown-ip-on-row')) return `${movementWords(money)}${who}${more} ${list}`;
  const earliest = Math.min(...events.map((e) => e.timestamp), money.timestamp);
  const lead = money.timestamp > earliest ? ` ${duration(money.timestamp - earliest)}` : '';
  return `${movementWords(money)}${who}${more}${lead} after ${list}`;
}
