/**
 * Seeded Pulse IAM data: accounts (most with a person), and account logins ascending by (date, id).
 * Each account logs in mostly from its usual city; some logins come from elsewhere (travel, VPN, a
 * suspicious country), a few share the exact same millisecond (ties), and some have no IP at all.
 */
import { SeededRandom } from '../deribit/seeded-random';
import type { AppendLogin, PulseDatasetSpec } from './sim-types';

export interface Place {
  readonly countryCode: string;
  readonly countryName: string;
  readonly city: string;
  /** first two octets */
  readonly prefix: string;
  /** the city's coordinates (for trip lengths; sent in the GeoIP-style `location` of 'ip-geo-objects') */
  readonly lat: number;
  readonly lon: number;
}

export interface SimAccount {
  readonly id: number;
  readonly email: string;
  readonly role: string;
  readonly person: { readonly id: number; readonly firstName: string; readonly lastName: string } | null;
  readonly home: Place;
}

export interface SimLogin {
  readonly id: number;
  readonly dateMs: number;
  /** extra µs digits (0..999) for the µs date format */
  readonly micros: number;
  readonly account: number;
  readonly role: string;
  /** null = no IP recorded */
  readonly place: Place | null;
  readonly ip: string | null;
  /** picks the ip shape in 'mixed' mode */
  readonly shapeSeed: number;
}

export const PLACES: readonly Place[] = [
  { countryCode: 'MU', countryName: 'Mauritius', city: 'Port Louis', prefix: '102.115' , lat: -20.16, lon: 57.5 },
  { countryCode: 'MU', countryName: 'Mauritius', city: 'Ebene', prefix: '197.224' , lat: -20.24, lon: 57.49 },
  { countryCode: 'MG', countryName: 'Madagascar', city: 'Antananarivo', prefix: '41.188' , lat: -18.88, lon: 47.51 },
  { countryCode: 'FR', countryName: 'France', city: 'Paris', prefix: '90.84' , lat: 48.86, lon: 2.35 },
  { countryCode: 'FR', countryName: 'France', city: 'Lyon', prefix: '86.246' , lat: 45.76, lon: 4.84 },
  { countryCode: 'GB', countryName: 'United Kingdom', city: 'London', prefix: '81.2' , lat: 51.51, lon: -0.13 },
  { countryCode: 'DE', countryName: 'Germany', city: 'Frankfurt am Main', prefix: '91.64' , lat: 50.11, lon: 8.68 },
  { countryCode: 'US', countryName: 'United States', city: 'Ashburn', prefix: '54.172' , lat: 39.04, lon: -77.49 },
  { countryCode: 'SG', countryName: 'Singapore', city: 'Singapore', prefix: '128.106' , lat: 1.35, lon: 103.82 },
];
/** Places an account never uses normally: a login from here is the "new country" signal. */
export const UNUSUAL_PLACES: readonly Place[] = [
  { countryCode: 'RU', countryName: 'Russia', city: 'Moscow', prefix: '95.163' , lat: 55.76, lon: 37.62 },
  { countryCode: 'NG', countryName: 'Nigeria', city: 'Lagos', prefix: '105.112' , lat: 6.52, lon: 3.38 },
  { countryCode: 'NL', countryName: 'Netherlands', city: 'Amsterdam', prefix: '185.220' , lat: 52.37, lon: 4.9 },
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

function distanceKm(a: Place, b: Place): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * 'itinerary' travel: where an account's owner is at time t, a pure function of (account, t). About one
 * week in five holds a trip of 2–4 days to another usual place (leaving 06:00 UTC, back 15:00); door to
 * door takes 3 h + 1 h per 800 km each way, and a login in the air has no IP (null place).
 */
export function itineraryPlace(owner: SimAccount, accountIndex: number, t: number): Place | null {
  const week = Math.floor(t / WEEK);
  const r = new SeededRandom(((week * 2654435761) ^ (accountIndex * 40503 + 17)) >>> 0);
  if (!r.chance(0.2)) return owner.home;
  const away = PLACES.filter((p) => p.countryCode !== owner.home.countryCode);
  const trip = r.pick(away);
  const leave = week * WEEK + r.int(0, 3) * DAY + 6 * HOUR;
  const back = leave + r.int(2, 4) * DAY + 9 * HOUR;
  const travel = (3 + distanceKm(owner.home, trip) / 800) * HOUR;
  if (t < leave || t >= back + travel) return owner.home;
  if (t < leave + travel || t >= back) return null;
  return trip;
}

const FIRST = ['Jane', 'Ravi', 'Aisha', 'Marc', 'Lina', 'Tojo', 'Sophie', 'Kevin', 'Nadia', 'Olivier', 'Hery', 'Priya'];
const LAST = ['Doe', 'Ramgoolam', 'Rakoto', 'Martin', 'Bernard', 'Andrianina', 'Dubois', 'Li', 'Khan', 'Petit'];
const ROLES = ['admin', 'manager', 'user', 'user', 'user', 'auditor'];

export class LoginDataset {
  readonly accounts: SimAccount[] = [];
  /** ascending by (dateMs, id) */
  readonly logins: SimLogin[] = [];
  private readonly random: SeededRandom;
  private readonly travel: 'random' | 'itinerary';
  private nextId = 100_001;

  constructor(spec: PulseDatasetSpec) {
    this.random = new SeededRandom(spec.seed);
    this.travel = spec.travel ?? 'random';
    const r = this.random;
    const accountCount = spec.accounts ?? 12;
    for (let i = 0; i < accountCount; i++) {
      const first = r.pick(FIRST);
      const last = r.pick(LAST);
      const service = r.chance(0.2);
      this.accounts.push({
        id: 1000 + i * 7,
        email: service ? `svc-${i}@pulse.ingedata.ai` : `${first}.${last}${i}@ingedata.ai`.toLowerCase(),
        role: i === 0 ? 'admin' : r.pick(ROLES),
        person: service ? null : { id: 500 + i * 3, firstName: first, lastName: last },
        home: r.pick(PLACES),
      });
    }
    const span = Math.max(1, spec.endTime - spec.startTime);
    const times: number[] = [];
    for (let i = 0; i < spec.logins; i++) times.push(spec.startTime + Math.floor(r.next() * span));
    times.sort((a, b) => a - b);
    if (spec.logins > 0) times[times.length - 1] = spec.endTime;
    let previous: number | null = null;
    for (const t of times) {
      // ~3% exact ties with the previous login (two sessions opened in the same millisecond).
      const dateMs: number = previous !== null && r.chance(0.03) ? previous : t;
      this.logins.push(this.makeLogin(dateMs, {}));
      previous = dateMs;
    }
  }

  private makeLogin(dateMs: number, spec: Partial<AppendLogin>): SimLogin {
    const r = this.random;
    const account = spec.account ?? r.int(0, this.accounts.length - 1);
    const owner = this.accounts[account];
    if (!owner) throw new Error(`no account #${account}`);
    let place: Place | null;
    if (spec.ip === null || (spec.ip === undefined && r.chance(0.04))) place = null;
    else if (this.travel === 'itinerary') place = itineraryPlace(owner, account, dateMs);
    else if (r.chance(0.8)) place = owner.home;
    else place = r.chance(0.85) ? r.pick(PLACES) : r.pick(UNUSUAL_PLACES);
    // Itinerary travellers keep their addresses (home broadband and phone, one hotel per city); random ones get any.
    const stable = place === null ? null : `${place.prefix}.${(account * 37 + place.city.length * 11) % 250}.${1 + r.int(0, 1)}`;
    const ip = spec.ip ?? (place === null ? null : this.travel === 'itinerary' ? stable : `${place.prefix}.${r.int(0, 255)}.${r.int(1, 254)}`);
    return {
      id: this.nextId++,
      dateMs,
      micros: r.int(0, 999),
      account,
      role: spec.role ?? owner.role,
      place: spec.ip !== undefined && spec.ip !== null ? null : place,
      ip,
      shapeSeed: r.int(0, 99),
    };
  }

  /** New logins at or after the newest: given explicitly, or `count` seeded ones spread up to `until`. */
  append(logins: number | readonly AppendLogin[], until: number): SimLogin[] {
    const newest = this.logins[this.logins.length - 1]?.dateMs ?? until;
    const specs: AppendLogin[] =
      typeof logins === 'number'
        ? Array.from({ length: logins }, (_, i) => ({ date: newest + Math.max(1, Math.floor(((i + 1) * (until - newest)) / logins)) }))
        : [...logins];
    const added: SimLogin[] = [];
    for (const spec of specs) {
      if (spec.date < newest) throw new Error('append: logins are recorded in time order, not back-dated');
      const login = this.makeLogin(spec.date, spec);
      this.logins.push(login);
      added.push(login);
    }
    this.logins.sort((a, b) => a.dateMs - b.dateMs || a.id - b.id);
    return added;
  }
}
