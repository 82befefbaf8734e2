/**
 * Renders logins, accounts and persons as Pulse JSON:API resources, in the shape the simulator's options
 * select (ip structure, date precision, which ids are present). The text rendered here is exactly what
 * the server sends, and what `truth()` reports.
 */
import type { LoginDataset, SimAccount, SimLogin } from './login-dataset';
import type { DateFormat, IdStyle, IpShape, TruthLogin } from './sim-types';

export const LOGIN_TYPE = 'iam/account_logins';
export const ACCOUNT_TYPE = 'iam/accounts';
export const PERSON_TYPE = 'iam/persons';

export interface RenderOptions {
  readonly ipShape: IpShape;
  readonly dateFormat: DateFormat;
  readonly idStyle: IdStyle;
}

export function renderDate(login: Pick<SimLogin, 'dateMs' | 'micros'>, format: DateFormat): string {
  const iso = new Date(login.dateMs).toISOString();
  if (format === 'iso-ms') return iso;
  return `${iso.slice(0, -1)}${String(login.micros).padStart(3, '0')}+00:00`;
}

const SHAPES: readonly Exclude<IpShape, 'mixed'>[] = ['address-geolocation', 'geolocation-codes', 'ip-geo-objects'];

/** The shape this login's ip is rendered in ('mixed' picks per login: ~15% plain strings). */
export function effectiveIpShape(login: SimLogin, shape: IpShape): Exclude<IpShape, 'mixed'> {
  if (shape !== 'mixed') return shape;
  return login.shapeSeed < 15 ? 'string' : (SHAPES[login.shapeSeed % 3] ?? 'string');
}

function ipValue(login: SimLogin, shape: IpShape): unknown {
  if (login.ip === null) return null;
  const p = login.place;
  switch (effectiveIpShape(login, shape)) {
    case 'string':
      return login.ip;
    case 'address-geolocation':
      return { address: login.ip, geolocation: p === null ? null : { country: p.countryCode, city: p.city } };
    case 'geolocation-codes':
      return {
        address: login.ip,
        geolocation: p === null ? null : { country_code: p.countryCode, country_name: p.countryName, city_name: p.city },
      };
    default:
      // GeoIP2's shape, with its `location` (coordinates and accuracy radius in km).
      return {
        ip: login.ip,
        geo: p === null ? null : { country: { iso_code: p.countryCode, name: p.countryName }, city: { name: p.city }, location: { latitude: p.lat, longitude: p.lon, accuracy_radius: 20 } },
      };
  }
}

export function renderLogin(login: SimLogin, account: SimAccount, o: RenderOptions): string {
  const attributes: Record<string, unknown> = {};
  if (o.idStyle !== 'none') attributes.id = login.id;
  attributes.role = login.role;
  attributes.date = renderDate(login, o.dateFormat);
  attributes.ip = ipValue(login, o.ipShape);
  const record: Record<string, unknown> = { type: LOGIN_TYPE };
  if (o.idStyle === 'both') record.id = String(login.id);
  record.attributes = attributes;
  record.relationships = { account: { data: { type: ACCOUNT_TYPE, id: String(account.id) } } };
  return JSON.stringify(record);
}

export function renderAccount(account: SimAccount): string {
  return JSON.stringify({
    type: ACCOUNT_TYPE,
    id: String(account.id),
    attributes: { id: account.id, email: account.email, status: 'active' },
    relationships: { person: { data: account.person === null ? null : { type: PERSON_TYPE, id: String(account.person.id) } } },
  });
}

export function renderPerson(account: SimAccount): string | null {
  const p = account.person;
  if (p === null) return null;
  return JSON.stringify({ type: PERSON_TYPE, id: String(p.id), attributes: { id: p.id, first_name: p.firstName, last_name: p.lastName } });
}

export function truthOf(dataset: LoginDataset, login: SimLogin, o: RenderOptions): TruthLogin {
  const account = dataset.accounts[login.account];
  if (!account) throw new Error(`login ${login.id} has no account`);
  const geo = login.ip !== null && effectiveIpShape(login, o.ipShape) !== 'string';
  return {
    id: o.idStyle === 'none' ? null : String(login.id),
    json: renderLogin(login, account, o),
    timestamp: login.dateMs,
    accountId: account.id,
    actor: account.email,
    role: login.role,
    ip: login.ip,
    country: geo ? (login.place?.countryCode ?? null) : null,
    city: geo ? (login.place?.city ?? null) : null,
  };
}
