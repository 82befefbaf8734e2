/**
 * Login events sorted once and indexed for look-backs: per-scope time-sorted lists searched by binary
 * search (never a scan of every event per movement), and first-seen times per IP and per country.
 *
 * Scope: a Deribit access-log event speaks about its own account only; an event from an organisation-wide
 * source (Cloudflare, Ingedata, NLPearl) may precede money leaving any account.
 */
import { toCountryCode } from '../logins/country-code';
import type { CorrelationEvent } from './event-columns';

export const ANY_ACCOUNT = '*';

export const scopeOfEvent = (event: CorrelationEvent): string => (event.source === 'deribit' ? `account:${event.sourceKey}` : ANY_ACCOUNT);
export const scopesOfAccount = (accountKey: string): readonly string[] => [ANY_ACCOUNT, `account:${accountKey}`];

/** One person as far as the sources tell: the actor (email, user id) when given, else the connection itself. */
export const identityOf = (event: CorrelationEvent): string =>
  event.actor && event.actor.trim() !== '' ? `actor:${event.actor.trim().toLowerCase()}` : `source:${event.sourceKey}`;

const normalizedIps = new Map<string, string | null>();

/** Same address however written: case (IPv6) and the IPv4-mapped IPv6 form. Memoised: a million rows
 * carry a few hundred distinct addresses. */
export function normalizeIp(ip: string | null): string | null {
  if (ip === null) return null;
  const known = normalizedIps.get(ip);
  if (known !== undefined) return known;
  const text = ip.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  const normalized = text === '' ? null : (mapped?.[1] ?? text);
  if (normalizedIps.size > 100_000) normalizedIps.clear(); // bounded: a hostile log cannot grow it forever
  normalizedIps.set(ip, normalized);
  return normalized;
}

/** ISO 3166-1 alpha-2 whatever the source wrote (events cached before connectors normalised are read alike). */
export function normalizeCountry(country: string | null): string | null {
  const code = toCountryCode(country);
  return code === null ? null : code.toUpperCase();
}

export const byTimeThenKey = (a: CorrelationEvent, b: CorrelationEvent): number =>
  a.timestamp - b.timestamp || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Items sorted by timestamp, with a parallel array for binary search. */
export class TimeSortedList<T> {
  private readonly times: Float64Array;

  constructor(
    readonly items: readonly T[],
    timeOf: (item: T) => number,
  ) {
    this.times = Float64Array.from(items, timeOf);
  }

  /** Index of the first item with time ≥ t. */
  lowerBound(t: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.times[mid] ?? 0) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Items with from ≤ time ≤ to, in time order. */
  between(from: number, to: number): T[] {
    const found: T[] = [];
    for (let i = this.lowerBound(from); i < this.items.length && (this.times[i] ?? 0) <= to; i++) found.push(this.items[i] as T);
    return found;
  }
}

/** Per-scope sorted lists; callers ask for the union of the scopes that apply to one account. */
export class ScopedTimeline<T> {
  private readonly lists = new Map<string, TimeSortedList<T>>();

  /** `items` must already be in time order. */
  constructor(items: Iterable<T>, scopeOf: (item: T) => string, private readonly timeOf: (item: T) => number) {
    const grouped = new Map<string, T[]>();
    for (const item of items) {
      const scope = scopeOf(item);
      const group = grouped.get(scope);
      if (group) group.push(item);
      else grouped.set(scope, [item]);
    }
    for (const [scope, group] of grouped) this.lists.set(scope, new TimeSortedList(group, timeOf));
  }

  between(scopes: readonly string[], from: number, to: number): T[] {
    const found: T[] = [];
    for (const scope of scopes) {
      const list = this.lists.get(scope);
      if (list) found.push(...list.between(from, to));
    }
    return scopes.length > 1 ? found.sort((a, b) => this.timeOf(a) - this.timeOf(b)) : found;
  }

  /** The earliest item with time ≥ t over the scopes, or null. */
  firstFrom(scopes: readonly string[], t: number): T | null {
    let best: T | null = null;
    for (const scope of scopes) {
      const list = this.lists.get(scope);
      const item = list?.items[list.lowerBound(t)];
      if (item !== undefined && (best === null || this.timeOf(item) < this.timeOf(best))) best = item;
    }
    return best;
  }
}

export interface EventTimeline {
  /** All events by (time, key). */
  readonly sorted: readonly CorrelationEvent[];
  readonly earliest: number | null;
  /** Normalised IP → the first event (any kind, any source) that carried it. */
  readonly firstSeenIp: ReadonlyMap<string, CorrelationEvent>;
  /** Normalised country → the first event that carried it. */
  readonly firstSeenCountry: ReadonlyMap<string, CorrelationEvent>;
}

export function buildEventTimeline(events: readonly CorrelationEvent[]): EventTimeline {
  const sorted = [...events].sort(byTimeThenKey);
  const firstSeenIp = new Map<string, CorrelationEvent>();
  const firstSeenCountry = new Map<string, CorrelationEvent>();
  for (const event of sorted) {
    const ip = normalizeIp(event.ip);
    if (ip !== null && !firstSeenIp.has(ip)) firstSeenIp.set(ip, event);
    const country = normalizeCountry(event.country);
    if (country !== null && !firstSeenCountry.has(country)) firstSeenCountry.set(country, event);
  }
  return { sorted, earliest: sorted[0]?.timestamp ?? null, firstSeenIp, firstSeenCountry };
}
