/**
 * The main account's access log: events with ids growing with time, stored as columns and rendered
 * on demand in either documented shape (`log` or `result` as the event field).
 */
import { toJsonText, type JsonValue } from './raw-json';
import { SeededRandom } from './seeded-random';

export const ACCESS_EVENTS = [
  'success',
  'failure',
  'changed_email',
  'changed_password',
  'enabled_tfa',
  'disabled_tfa',
  'enabled_subaccount_login',
  'disabled_subaccount_login',
  'new_api_key',
  'removed_api_key',
  'reset_api_key',
  'disabled_api_key',
  'enabled_api_key',
  'changed_scope',
  'changed_whitelist',
] as const;

/** Weights align with ACCESS_EVENTS: mostly logins, and security events often enough that short histories hold each. */
const FREQUENT_WEIGHTS = [60, 20, 1, 1, 1, 1, 1, 1, 3, 1, 1, 1, 1, 2, 1];
/** A real trader's log: logins, a few failures, a security change every few hundred events. */
const RARE_WEIGHTS = [800, 150, 0.5, 1, 1, 0.5, 0.5, 0.5, 1.5, 1, 0.5, 0.5, 0.5, 1, 0.5];

/** A small pool: most logins come from two "home" addresses. */
export const ACCESS_PLACES = [
  { ip: '81.2.69.160', country: 'United Kingdom', city: 'London' },
  { ip: '81.2.69.161', country: 'United Kingdom', city: 'London' },
  { ip: '2.125.160.216', country: 'United Kingdom', city: 'Boxford' },
  { ip: '175.16.199.7', country: 'China', city: 'Changchun' },
  { ip: '216.160.83.56', country: 'United States', city: 'Milton' },
  { ip: '89.160.20.112', country: 'Sweden', city: 'Linköping' },
  { ip: '127.0.0.1', country: 'Local Country', city: 'Local Town' },
] as const;

/** Home for the `itinerary` places: the two London addresses (and the odd one from Boxford, GB). */
const HOME_PLACES = [ACCESS_PLACES[0], ACCESS_PLACES[1], ACCESS_PLACES[2]] as const;

/** Trips of the `itinerary` places, with the hours door to door (a flight is never faster than this). */
const TRIPS = [
  { place: { ip: '91.64.20.7', country: 'Germany', city: 'Frankfurt am Main' }, travelHours: 4 },
  { place: ACCESS_PLACES[5], travelHours: 5 },
  { place: ACCESS_PLACES[4], travelHours: 12 },
  { place: ACCESS_PLACES[3], travelHours: 16 },
] as const;

/** On board: an in-flight Wi-Fi address that GeoIP cannot place. */
const IN_FLIGHT = { ip: '198.51.100.200', country: '', city: '' };

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

interface Stay {
  readonly place: (typeof ACCESS_PLACES)[number] | (typeof TRIPS)[number]['place'] | null;
  /** Home addresses vary per event; a trip uses its one hotel address. */
  readonly home: boolean;
}

/**
 * Where the `itinerary` trader is at time t: a pure function of t (events are rendered on demand, one at
 * a time). About one week in four holds a trip of 2–4 days leaving at 07:00 UTC and coming back at
 * 17:00; while travelling (the trip's door-to-door hours each way) an event has no location, so two
 * located events are always at least a journey apart.
 */
export function itineraryAt(t: number): Stay {
  const week = Math.floor(t / WEEK);
  const r = new SeededRandom((week * 2654435761) >>> 0);
  if (!r.chance(0.25)) return { place: null, home: true };
  const trip = r.pick(TRIPS);
  const leave = week * WEEK + r.int(0, 2) * 24 * HOUR + 7 * HOUR;
  const back = leave + r.int(2, 4) * 24 * HOUR + 10 * HOUR;
  const travel = trip.travelHours * HOUR;
  if (t < leave || t >= back + travel) return { place: null, home: true };
  if (t < leave + travel || t >= back) return { place: null, home: false };
  return { place: trip.place, home: false };
}

export interface AccessLogRow {
  readonly id: number;
  readonly timestamp: number;
  readonly event: string;
  readonly aux: number;
  /** How the event's place is chosen (the store's setting). */
  readonly places?: 'random' | 'itinerary';
}

export class AccessLogStore {
  private ids: number[] = [];
  private timestamps: number[] = [];
  private events: Uint8Array = new Uint8Array(0);
  private auxes: number[] = [];
  private readonly rng: SeededRandom;
  private nextId: number;
  private lastTimestamp = -Infinity;

  private readonly weights: readonly number[];

  constructor(
    seed: number,
    securityEvents: 'frequent' | 'rare' = 'frequent',
    private readonly places: 'random' | 'itinerary' = 'random',
  ) {
    this.weights = securityEvents === 'rare' ? RARE_WEIGHTS : FREQUENT_WEIGHTS;
    this.rng = new SeededRandom((seed ^ 0x9e3779b9) >>> 0);
    this.nextId = this.rng.int(1, 500);
  }

  get length(): number {
    return this.ids.length;
  }

  newestTimestamp(): number {
    return this.lastTimestamp;
  }

  /** Appends n events with timestamps in [from, to] (after any existing event), the last at `to`. */
  generate(n: number, from: number, to: number): void {
    if (n <= 0) return;
    const events = new Uint8Array(this.events.length + n);
    events.set(this.events);
    const weights = this.weights;
    const total = weights.reduce((a, b) => a + b, 0);
    let previous = Math.max(from, this.lastTimestamp);
    for (let k = 0; k < n; k++) {
      const span = Math.max(0, to - from);
      let ts = k === n - 1 ? to : Math.floor(from + (span * (k + 0.9 * this.rng.next())) / n);
      ts = Math.min(to, Math.max(previous, ts));
      previous = ts;
      let roll = this.rng.next() * total;
      let event = 0;
      while (event < weights.length - 1 && (roll -= weights[event] ?? 0) >= 0) event++;
      this.nextId += 1 + (this.rng.chance(0.2) ? this.rng.int(1, 5) : 0);
      events[this.ids.length] = event;
      this.ids.push(this.nextId);
      this.timestamps.push(ts);
      this.auxes.push(this.rng.uint32());
    }
    this.events = events;
    this.lastTimestamp = previous;
  }

  /** Row by newest-first position. */
  newest(position: number): AccessLogRow | undefined {
    return position < 0 ? undefined : this.at(this.ids.length - 1 - position);
  }

  /** Row by oldest-first index (stable while events are appended). */
  at(index: number): AccessLogRow | undefined {
    if (index < 0 || index >= this.ids.length) return undefined;
    return {
      id: this.ids[index] ?? 0,
      timestamp: this.timestamps[index] ?? 0,
      event: ACCESS_EVENTS[this.events[index] ?? 0] ?? 'success',
      aux: this.auxes[index] ?? 0,
      places: this.places,
    };
  }
}

export function renderAccessEvent(row: AccessLogRow, eventField: 'result' | 'log'): string {
  const r = new SeededRandom(row.aux);
  // Two home addresses dominate; the rest are occasional (random), or wherever the trip is (itinerary).
  const home = r.chance(0.8) ? (ACCESS_PLACES[r.int(0, 1)] ?? ACCESS_PLACES[0]) : r.pick(ACCESS_PLACES);
  const stay = row.places === 'itinerary' ? itineraryAt(row.timestamp) : null;
  const place: { ip: string; country: string; city: string } =
    stay === null ? home : stay.home ? (HOME_PLACES[r.int(0, 9) < 8 ? r.int(0, 1) : 2] ?? ACCESS_PLACES[0]) : (stay.place ?? IN_FLIGHT);
  let data: JsonValue | undefined;
  if (row.event.includes('api_key') || row.event === 'changed_scope' || row.event === 'changed_whitelist') {
    const clientId = r.uint32().toString(36);
    data = r.chance(0.5) ? clientId : { client_id: clientId };
  } else if (row.event.includes('subaccount_login')) {
    data = String(r.int(1, 99));
  } else if (row.event === 'failure' && r.chance(0.5)) {
    data = { reason: r.chance(0.5) ? 'invalid_password' : 'invalid_tfa_code' };
  }
  return toJsonText({
    timestamp: row.timestamp,
    [eventField]: row.event,
    ip: place.ip,
    id: row.id,
    country: place.country,
    city: place.city,
    data,
  });
}

