/**
 * One Pulse account-login record → LoginEvent. The endpoint lists logins only, so every record is a
 * successful login; the role is kept in `detail`. The actor comes from the included account / person
 * (email, else name) when the server sent them, else the account id from `relationships`. `ip` is an open
 * structure: a string, an object with an address and a geolocation (several shapes), or null.
 */
import { rawDigestHex } from '../http/record-digest';
import { toCountryCode } from '../../logins/country-code';
import type { LoginEvent } from '../../logins/types';
import { isJsonObject, toText, type JsonObject } from '../deribit/lossless-response';

export type IncludedIndex = ReadonlyMap<string, JsonObject>;

export function indexIncluded(included: readonly JsonObject[]): IncludedIndex {
  const index = new Map<string, JsonObject>();
  for (const resource of included) {
    const type = toText(resource.type);
    const id = toText(resource.id);
    if (type !== null && id !== null) index.set(`${type}|${id}`, resource);
  }
  return index;
}

/** The provider id (top-level `id`, else `attributes.id`); without one, a digest of the raw text + its rank among identical records. */
export function recordId(record: JsonObject, raw: string, tieIndex: number): string {
  const attributes = isJsonObject(record.attributes) ? record.attributes : {};
  const id = toText(record.id) ?? toText(attributes.id);
  if (id !== null && id !== '') return id;
  return `sha256:${rawDigestHex(raw, 32)}:${tieIndex}`;
}

function str(value: unknown): string | null {
  const text = toText(value);
  return text === null || text.trim() === '' ? null : text;
}

/** `{data: {type, id}}` of the first relationship whose name mentions `name` (account, person). */
function related(resource: JsonObject, name: string): { type: string | null; id: string } | null {
  const relationships = resource.relationships;
  if (!isJsonObject(relationships)) return null;
  for (const [key, value] of Object.entries(relationships)) {
    if (!key.toLowerCase().includes(name) || !isJsonObject(value)) continue;
    const data = value.data;
    if (!isJsonObject(data)) continue;
    const id = str(data.id);
    if (id !== null) return { type: str(data.type), id };
  }
  return null;
}

function lookup(index: IncludedIndex, ref: { type: string | null; id: string }, name: string): JsonObject | null {
  if (ref.type !== null) {
    const exact = index.get(`${ref.type}|${ref.id}`);
    if (exact) return exact;
  }
  // Type spellings vary ("account", "accounts", "iam/account"): match by id among resources named alike.
  for (const [key, resource] of index) {
    const [type, id] = [key.slice(0, key.lastIndexOf('|')), key.slice(key.lastIndexOf('|') + 1)];
    if (id === ref.id && type.toLowerCase().includes(name)) return resource;
  }
  return null;
}

function attrs(resource: JsonObject | null): JsonObject {
  return resource && isJsonObject(resource.attributes) ? resource.attributes : {};
}

function personName(person: JsonObject): string | null {
  const full = str(person.full_name) ?? str(person.name);
  if (full !== null) return full;
  const parts = [str(person.first_name), str(person.last_name)].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(' ') : null;
}

export function actorOf(record: JsonObject, index: IncludedIndex): string | null {
  const ref = related(record, 'account');
  const account = ref ? lookup(index, ref, 'account') : null;
  const personRef = account ? related(account, 'person') : null;
  const person = personRef ? lookup(index, personRef, 'person') : null;
  const a = attrs(account);
  const p = attrs(person);
  const fromIncluded = str(a.email) ?? str(p.email) ?? personName(p) ?? str(a.username) ?? str(a.name);
  if (fromIncluded !== null) return fromIncluded;
  return ref?.id ?? str(attrs(record).account_id);
}

export interface IpInfo {
  readonly ip: string | null;
  readonly country: string | null;
  readonly city: string | null;
  readonly coordinates: LoginEvent['coordinates'];
}

function numberOf(value: unknown): number | null {
  const text = toText(value);
  if (text === null || text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** GeoIP coordinates in the usual spellings (`location: {latitude, longitude, accuracy_radius}`, `lat`/`lon`/`lng`). */
function coordinatesOf(geo: JsonObject): LoginEvent['coordinates'] {
  const where = isJsonObject(geo.location) ? geo.location : geo;
  const lat = numberOf(where.latitude ?? where.lat);
  const lon = numberOf(where.longitude ?? where.lon ?? where.lng);
  if (lat === null || lon === null || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  const radius = numberOf(where.accuracy_radius ?? where.accuracyRadius ?? where.accuracy);
  return { lat, lon, radiusKm: radius !== null && radius >= 0 ? radius : null };
}

function nameOf(value: unknown, keys: readonly string[]): string | null {
  if (isJsonObject(value)) {
    for (const key of keys) {
      const text = str(value[key]);
      if (text !== null) return text;
    }
    return null;
  }
  return str(value);
}

const COUNTRY_KEYS = ['country_code', 'countryCode', 'country_iso', 'iso_code', 'code', 'country', 'name'];

export function ipInfo(value: unknown): IpInfo {
  if (value === null || value === undefined) return { ip: null, country: null, city: null, coordinates: null };
  if (!isJsonObject(value)) return { ip: str(value), country: null, city: null, coordinates: null };
  const ip = str(value.address) ?? str(value.ip) ?? str(value.ip_address) ?? str(value.value);
  const geo = [value.geolocation, value.geo, value.location].find(isJsonObject) ?? value;
  const rawCountry = nameOf(geo.country_code ?? geo.countryCode ?? geo.country_iso ?? geo.country, COUNTRY_KEYS);
  const country = toCountryCode(rawCountry);
  const city = nameOf(geo.city ?? geo.city_name, ['name', 'city']);
  return { ip, country, city, coordinates: coordinatesOf(geo) };
}

export function toLoginEvent(
  sourceKey: string,
  record: JsonObject,
  raw: string,
  id: string,
  timestamp: number,
  index: IncludedIndex,
): LoginEvent {
  const attributes = attrs(record);
  const role = str(attributes.role);
  const { ip, country, city, coordinates } = ipInfo(attributes.ip);
  return {
    key: `${sourceKey}|${id}`,
    sourceKey,
    source: 'ingedata',
    id,
    timestamp,
    actor: actorOf(record, index),
    ip,
    country,
    city,
    ...(coordinates ? { coordinates } : {}),
    outcome: 'success',
    kind: 'login-success',
    detail: role === null ? 'login' : `login (role: ${role})`,
    raw,
  };
}
