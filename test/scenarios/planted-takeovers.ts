/**
 * Account-takeover patterns planted into a quiet stretch of a clean history (nothing else happens from a
 * day before to a day after), each with the one finding it must produce: signal plus movement row, or,
 * for standalone signals, the event the finding must cite.
 */
import { DAY, HOUR, SCENARIO_START, type ExpectedFinding, type Person, type ScenarioBuilder } from './scenario-builder';
import type { SeededRandom } from './seeded-random';

export type PlantKind =
  | 'security-change'
  | 'api-key-change'
  | 'new-ip'
  | 'new-country'
  | 'failed-burst-before-withdrawal'
  | 'failed-burst-alone'
  | 'unknown-ip-row'
  | 'two-countries'
  | 'access-denied'
  | 'subaccount-login';

export const PLANT_KINDS: readonly PlantKind[] = [
  'security-change', 'api-key-change', 'new-ip', 'new-country', 'failed-burst-before-withdrawal',
  'failed-burst-alone', 'unknown-ip-row', 'two-countries', 'access-denied', 'subaccount-login',
];

type Plant = (builder: ScenarioBuilder, rng: SeededRandom, person: Person, day: number) => ExpectedFinding[];

const MIN = 60_000;
const at = (day: number, hour: number, minute = 0): number => SCENARIO_START + day * DAY + hour * HOUR + minute * MIN;
const homeIp = (person: Person): string => person.home.ips[0] ?? '';

const PLANTS: Readonly<Record<PlantKind, Plant>> = {
  'security-change': (b, rng, p, day) => {
    b.login(p, 'deribit', at(day, 8), 'login-success', homeIp(p), p.home.country);
    const [kind, detail] = rng.pick([['2fa-disabled', 'disabled_tfa'], ['password-changed', 'changed_password'], ['email-changed', 'changed_email']] as const);
    // Sometimes through an organisation-wide source (NLPearl), which speaks for every account.
    b.login(p, rng.chance(0.3) ? 'nlpearl' : 'deribit', at(day, 8, 5), kind, homeIp(p), p.home.country, detail);
    const rowId = b.row(b.chain(p, 'BTC'), at(day, 8 + rng.int(1, 20)), 'withdrawal', `-${rng.int(1, 9)}.25`, homeIp(p));
    return [{ label: `${kind} then withdrawal`, signal: 'security-change-before-withdrawal', rowId }];
  },
  'api-key-change': (b, rng, p, day) => {
    b.login(p, 'deribit', at(day, 8), 'login-success', homeIp(p), p.home.country);
    const [kind, detail] = rng.pick([['api-key-created', 'new_api_key'], ['api-key-changed', 'changed_scope'], ['whitelist-changed', 'changed_whitelist']] as const);
    b.login(p, 'deribit', at(day, 8, 10), kind, homeIp(p), p.home.country, detail);
    const t = at(day, 11);
    const rowId = b.row(b.chain(p, 'BTC'), t, 'transfer', '-3.5', null, p.subUserId);
    b.row(b.chain(p, 'BTC', true), t, 'transfer', '3.5', null, p.mainUserId);
    return [{ label: `${detail} then transfer out`, signal: 'api-key-change-before-withdrawal', rowId }];
  },
  'new-ip': (b, rng, p, day) => {
    const ip = b.freshIp();
    b.login(p, 'deribit', at(day, 9), 'login-success', ip, p.home.country);
    const rowId = b.row(b.chain(p, 'BTC'), at(day, 9 + rng.int(1, 12)), 'withdrawal', '-2', ip);
    return [{ label: 'login from a new IP then withdrawal', signal: 'new-ip-before-movement', rowId }];
  },
  'new-country': (b, rng, p, day) => {
    b.login(p, rng.pick(['deribit', 'ingedata'] as const), at(day, 9), 'login-success', b.freshIp(), b.freshCountry());
    const rowId = b.row(b.chain(p, 'ETH'), at(day, 12), 'trade-future', `-${rng.int(10, 40)}.5`);
    return [{ label: 'login from a new country then a loss', signal: 'new-country-before-movement', rowId }];
  },
  'failed-burst-before-withdrawal': (b, rng, p, day) => {
    const count = rng.int(5, 9);
    for (let n = 0; n < count; n++) b.login(p, 'deribit', at(day, 7, n), 'login-failure', homeIp(p), p.home.country);
    b.login(p, 'deribit', at(day, 7, count + 1), 'login-success', homeIp(p), p.home.country);
    const rowId = b.row(b.chain(p, 'BTC'), at(day, 9), 'withdrawal', '-4', homeIp(p));
    return [{ label: `${count} failed logins, a success, then a withdrawal`, signal: 'failed-burst-then-success', rowId }];
  },
  'failed-burst-alone': (b, _rng, p, day) => {
    for (let n = 0; n < 5; n++) b.login(p, 'cloudflare', at(day, 10, n * 2), 'login-failure', homeIp(p), null);
    const success = b.login(p, 'cloudflare', at(day, 10, 11), 'login-success', homeIp(p), null);
    return [{ label: 'failed-login burst then a success, no money after', signal: 'failed-burst-then-success', rowId: null, eventKey: success.key }];
  },
  'unknown-ip-row': (b, _rng, p, day) => {
    const rowId = b.row(b.chain(p, 'BTC'), at(day, 14), 'trade-option', '0.015', b.freshIp());
    return [{ label: 'trade placed from an IP no login source knows', signal: 'unknown-ip-on-row', rowId }];
  },
  'two-countries': (b, rng, p, day) => {
    b.login(p, 'ingedata', at(day, 8), 'login-success', homeIp(p), p.home.country);
    // The other side of the world within hours: no flight does that (a trip a flight covers is no finding).
    const far = b.login(p, 'ingedata', at(day, 8 + rng.int(1, 5)), 'login-success', b.freshIp(), p.home.country === 'SG' ? 'US' : 'AU');
    return [{ label: 'logins from two countries no flight connects within hours', signal: 'two-countries', rowId: null, eventKey: far.key }];
  },
  'access-denied': (b, _rng, p, day) => {
    const ip = b.freshIp();
    const denied = b.event('cloudflare', 'cf-org', at(day, 8), 'access-denied', ip, null, 'intruder@mail.example', 'login');
    b.login(p, 'deribit', at(day, 9), 'login-success', ip, p.home.country);
    return [{ label: 'denied at Cloudflare, in at Deribit from the same IP', signal: 'access-denied-same-ip', rowId: null, eventKey: denied.key }];
  },
  'subaccount-login': (b, _rng, p, day) => {
    const enabled = b.login(p, 'deribit', at(day, 10), 'subaccount-login-enabled', homeIp(p), p.home.country, 'enabled_subaccount_login');
    return [{ label: 'subaccount login enabled', signal: 'subaccount-login-enabled', rowId: null, eventKey: enabled.key }];
  },
};

export function plant(kind: PlantKind, builder: ScenarioBuilder, rng: SeededRandom, person: Person, day: number): ExpectedFinding[] {
  return PLANTS[kind](builder, rng, person, day);
}
