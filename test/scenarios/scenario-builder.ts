/**
 * The people, accounts and bookkeeping every correlation scenario shares: who logs in where, which
 * Deribit account and chains belong to whom, unique ids, fresh IPs/countries that nothing else uses.
 */
import type { SignalKind } from '../../src/core/correlate/types';
import type { LoginEvent, LoginEventKind, LoginSourceKind } from '../../src/core/logins/types';
import type { LedgerPage } from '../../src/core/recon/types';
import { chainKeyOf, type ChainId } from '../../src/core/recon/types';
import { buildLedgerPages, type LedgerRowSpec } from './ledger-page-builder';
import { loginEvent } from './login-event-builder';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const SCENARIO_START = Date.UTC(2026, 0, 5);

export interface Place {
  readonly country: string;
  readonly ips: readonly string[];
}

export interface Person {
  readonly name: string;
  readonly email: string;
  /** The person's own Deribit connection (its access log speaks for this account only). */
  readonly account: string;
  readonly mainUserId: number;
  readonly subUserId: number;
  /** Home, office, mobile. */
  readonly home: Place;
  readonly trips: readonly Place[];
}

export const PEOPLE: readonly Person[] = [
  { name: 'alice', email: 'alice@example.com', account: 'acct-alice', mainUserId: 1001, subUserId: 1002,
    home: { country: 'FR', ips: ['192.0.2.11', '198.18.0.11', '100.64.1.11'] },
    trips: [{ country: 'ES', ips: ['192.0.2.111'] }, { country: 'IT', ips: ['192.0.2.112'] }] },
  { name: 'bob', email: 'bob@example.com', account: 'acct-bob', mainUserId: 2001, subUserId: 2002,
    home: { country: 'DE', ips: ['192.0.2.21', '198.18.0.21', '100.64.2.21'] },
    trips: [{ country: 'AT', ips: ['192.0.2.121'] }, { country: 'NL', ips: ['192.0.2.122'] }] },
  { name: 'chen', email: 'chen@example.com', account: 'acct-chen', mainUserId: 3001, subUserId: 3002,
    home: { country: 'SG', ips: ['192.0.2.31', '198.18.0.31', '100.64.3.31'] },
    trips: [{ country: 'MY', ips: ['192.0.2.131'] }, { country: 'TH', ips: ['192.0.2.132'] }] },
];

export const LOSS_THRESHOLDS: ReadonlyMap<string, string> = new Map([['BTC', '0.5'], ['ETH', '10']]);

/** Organisation-wide login sources and how each names a person. */
const ORG_SOURCE_KEYS: Readonly<Record<Exclude<LoginSourceKind, 'deribit'>, string>> = { cloudflare: 'cf-org', ingedata: 'pulse', nlpearl: 'pearl' };

/** Countries no background activity uses: each planted pattern takes its own. */
const FRESH_COUNTRIES = ['BR', 'JP', 'NG', 'KZ', 'AR', 'ZA', 'VN', 'PE', 'CL', 'EG', 'KE', 'MX', 'CO', 'PH', 'UA', 'TR', 'IN', 'ID', 'PK', 'MA', 'GH', 'BD', 'UY', 'NZ'];

/** What a planted pattern must produce: its signal on this movement row (or, standalone, citing this event). */
export interface ExpectedFinding {
  readonly label: string;
  readonly signal: SignalKind;
  readonly rowId: number | null;
  readonly eventKey?: string;
}

export class ScenarioBuilder {
  readonly events: LoginEvent[] = [];
  private readonly chains = new Map<string, { chain: ChainId; rows: LedgerRowSpec[] }>();
  private nextRowId = 50_000_000;
  private nextEventId = 1;
  private freshIpCount = 0;
  private freshCountryCount = 0;

  chain(person: Person, currency: string, sub = false): ChainId {
    return { accountKey: person.account, userId: sub ? person.subUserId : person.mainUserId, currency };
  }

  login(person: Person, source: LoginSourceKind, timestamp: number, kind: LoginEventKind, ip: string | null, country: string | null, detail?: string): LoginEvent {
    const actor = source === 'deribit' ? null : source === 'cloudflare' ? person.email : source === 'ingedata' ? `pulse-${person.name}` : person.name;
    return this.event(source, source === 'deribit' ? person.account : ORG_SOURCE_KEYS[source], timestamp, kind, ip, country, actor, detail);
  }

  event(source: LoginSourceKind, sourceKey: string, timestamp: number, kind: LoginEventKind, ip: string | null, country: string | null, actor: string | null, detail?: string): LoginEvent {
    // Cloudflare and NLPearl records carry no country; Deribit and Ingedata geolocate.
    const geolocated = source === 'deribit' || source === 'ingedata' ? country : null;
    const event = loginEvent({ source, sourceKey, id: `ev${this.nextEventId++}`, timestamp, kind, ip, country: geolocated, actor, detail: detail ?? kind });
    this.events.push(event);
    return event;
  }

  row(chain: ChainId, timestamp: number, kind: string, change: string, ip: string | null = null, otherUserId?: number): number {
    const key = chainKeyOf(chain);
    let entry = this.chains.get(key);
    if (!entry) this.chains.set(key, (entry = { chain, rows: [] }));
    const id = this.nextRowId;
    this.nextRowId += 1 + (id % 3); // ids are platform-wide: gaps are normal
    entry.rows.push({ id, timestamp, kind, change, ip, ...(otherUserId === undefined ? {} : { otherUserId }) });
    return id;
  }

  /** A public-looking address used nowhere else. */
  freshIp(): string {
    const n = this.freshIpCount++;
    return n < 250 ? `203.0.113.${n + 1}` : `198.51.100.${n - 249}`;
  }

  freshCountry(): string {
    const country = FRESH_COUNTRIES[this.freshCountryCount++];
    if (!country) throw new Error('out of fresh countries');
    return country;
  }

  pages(): LedgerPage[] {
    return [...this.chains.values()].flatMap(({ chain, rows }) => buildLedgerPages(chain, rows));
  }

  usernames(): Map<string, string> {
    return new Map(PEOPLE.flatMap((p) => [[`${p.account}|${p.mainUserId}`, p.name], [`${p.account}|${p.subUserId}`, `${p.name}_sub`]] as const));
  }
}

/** Satoshi-style integer → decimal text with 8 places. */
export function amount(units: number): string {
  const negative = units < 0;
  const digits = String(Math.abs(units)).padStart(9, '0');
  const text = `${digits.slice(0, -8)}.${digits.slice(-8)}`.replace(/\.?0+$/, '');
  return `${negative ? '-' : ''}${text}`;
}
