/**
 * Clean history: what normal life looks like to the correlation. A first day where everyone shows up
 * from every place they use (home, office, mobile, usual trips — spaced so no one is in two countries
 * within hours), then daily routine logins on every source, a stray failed login, harmless security
 * events, the odd password change (with no money leaving for a day after), trips with overnight gaps,
 * scanners refused by Cloudflare, and trades, settlements, withdrawals, transfers and losses.
 */
import { DAY, HOUR, PEOPLE, SCENARIO_START, amount, type Person, type Place, type ScenarioBuilder } from './scenario-builder';
import type { SeededRandom } from './seeded-random';

const at = (day: number, ms: number): number => SCENARIO_START + day * DAY + ms;
const dayTime = (rng: SeededRandom): number => rng.int(7 * HOUR, 21 * HOUR);

/** Day 0 (and the small hours of day 1): every address and country anyone will use shows up once. */
function warmUp(builder: ScenarioBuilder): void {
  for (const person of PEOPLE) {
    person.home.ips.forEach((ip, i) => {
      builder.login(person, 'deribit', at(0, 7 * HOUR + i * 20 * 60_000), 'login-success', ip, person.home.country);
      builder.login(person, 'cloudflare', at(0, 7 * HOUR + i * 20 * 60_000 + 60_000), 'login-success', ip, person.home.country);
    });
    // Trips 7 h apart from home and from each other: seen, but never two countries within 6 h.
    person.trips.forEach((trip, t) => {
      for (const ip of trip.ips) builder.login(person, 'ingedata', at(0, 15 * HOUR + t * 7 * HOUR), 'login-success', ip, trip.country);
    });
    builder.row(builder.chain(person, 'BTC'), at(0, 23 * HOUR), 'deposit', '500');
    builder.row(builder.chain(person, 'ETH'), at(0, 23 * HOUR), 'deposit', '20000');
  }
}

/** Where each person is each day: home, or on a trip of 2–5 days (changes only overnight). */
function itinerary(rng: SeededRandom, person: Person, days: number): Place[] {
  const places: Place[] = [];
  while (places.length < days) {
    if (rng.chance(0.04)) {
      const trip = rng.pick(person.trips);
      for (let n = rng.int(2, 5); n > 0; n--) places.push(trip);
      places.push(person.home);
    } else places.push(person.home);
  }
  return places;
}

function routineLogins(builder: ScenarioBuilder, rng: SeededRandom, person: Person, day: number, place: Place): void {
  const sessions: [Parameters<ScenarioBuilder['login']>[1], number][] = [['deribit', rng.int(1, 3)], ['cloudflare', rng.int(1, 2)], ['ingedata', rng.int(0, 1)], ['nlpearl', rng.int(0, 1)]];
  for (const [source, count] of sessions) {
    for (let n = 0; n < count; n++) {
      const t = at(day, dayTime(rng));
      const ip = rng.pick(place.ips);
      // A typo or two before getting in: normal, far below a burst.
      if (rng.chance(0.08)) for (let f = rng.int(1, 2); f > 0; f--) builder.login(person, source, t - f * 60_000, 'login-failure', ip, place.country);
      builder.login(person, source, t, 'login-success', ip, place.country);
    }
  }
  if (rng.chance(0.02)) builder.login(person, 'deribit', at(day, dayTime(rng)), '2fa-enabled', rng.pick(place.ips), place.country, 'enabled_tfa');
  if (rng.chance(0.02)) builder.login(person, 'deribit', at(day, dayTime(rng)), 'api-key-removed', rng.pick(place.ips), place.country, 'removed_api_key');
}

function routineRows(builder: ScenarioBuilder, rng: SeededRandom, person: Person, day: number, place: Place): void {
  const btc = builder.chain(person, 'BTC');
  for (let n = rng.int(3, 10); n > 0; n--) {
    // Some of these losses reach the 0.5 BTC threshold: movements that must stay quiet.
    builder.row(btc, at(day, dayTime(rng)), rng.pick(['trade-option', 'trade-future']), amount(rng.int(-90_000_000, 90_000_000)), rng.pick(place.ips));
  }
  for (let n = rng.int(0, 3); n > 0; n--) {
    builder.row(builder.chain(person, 'ETH'), at(day, dayTime(rng)), 'trade-future', amount(rng.int(-1_500_000_000, 1_500_000_000)), rng.pick(place.ips));
  }
  builder.row(btc, at(day, 8 * HOUR), 'settlement', amount(rng.int(-30_000_000, 30_000_000)));
  if (rng.chance(0.12)) builder.row(btc, at(day, dayTime(rng)), 'withdrawal', amount(-rng.int(10_000_000, 200_000_000)), rng.pick(place.ips));
  if (rng.chance(0.12)) {
    const t = at(day, dayTime(rng));
    const units = rng.int(10_000_000, 300_000_000);
    builder.row(btc, t, 'transfer', amount(-units), null, person.subUserId);
    builder.row(builder.chain(person, 'BTC', true), t, 'transfer', amount(units), null, person.mainUserId);
  }
  if (rng.chance(0.3)) builder.row(builder.chain(person, 'BTC', true), at(day, dayTime(rng)), 'trade-option', amount(rng.int(-20_000_000, 20_000_000)), rng.pick(place.ips));
}

/**
 * Background for days [2, days) except `quiet` ones (kept empty for planted patterns).
 */
export function generateBackground(builder: ScenarioBuilder, rng: SeededRandom, days: number, quiet: ReadonlySet<number>): void {
  warmUp(builder);
  const places = new Map(PEOPLE.map((person) => [person, itinerary(rng, person, days)] as const));
  const noMoneyUntil = new Map<Person, number>();
  for (let day = 2; day < days; day++) {
    if (quiet.has(day)) continue;
    for (const person of PEOPLE) {
      const place = places.get(person)?.[day] ?? person.home;
      routineLogins(builder, rng, person, day, place);
      // A password change late in the day, and no money moves for over 24 h after it.
      if (rng.chance(0.03) && !quiet.has(day + 1)) {
        builder.login(person, 'deribit', at(day, 21 * HOUR + 30 * 60_000), 'password-changed', rng.pick(place.ips), place.country, 'changed_password');
        noMoneyUntil.set(person, day + 2);
      }
      if ((noMoneyUntil.get(person) ?? 0) <= day) routineRows(builder, rng, person, day, place);
    }
    // Scanners knocking at Cloudflare Access from addresses that never get in anywhere.
    if (rng.chance(0.3)) {
      const scanner = `100.127.${day % 250}.${rng.int(1, 250)}`;
      const t = at(day, rng.int(0, 23 * HOUR));
      for (let n = rng.int(1, 20); n > 0; n--) builder.event('cloudflare', 'cf-org', t + n * 7_000, 'access-denied', scanner, null, null, 'login');
    }
  }
}
