import { parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { actorOf, indexIncluded, ipInfo, recordId, toLoginEvent } from '../../../../src/core/providers/ingedata/account-login-mapping';
import type { JsonObject } from '../../../../src/core/providers/deribit/lossless-response';

const obj = (text: string): JsonObject => parse(text) as JsonObject;

describe('ipInfo', () => {
  it.each([
    ['null', 'null', { ip: null, country: null, city: null, coordinates: null }],
    ['plain string', '"102.115.4.7"', { ip: '102.115.4.7', country: null, city: null, coordinates: null }],
    ['address + geolocation', '{"address":"90.84.1.2","geolocation":{"country":"fr","city":"Paris"}}', { ip: '90.84.1.2', country: 'FR', city: 'Paris', coordinates: null }],
    ['codes + names', '{"address":"81.2.3.4","geolocation":{"country_code":"GB","country_name":"United Kingdom","city_name":"London"}}', { ip: '81.2.3.4', country: 'GB', city: 'London', coordinates: null }],
    ['ip + geo objects', '{"ip":"41.188.9.9","geo":{"country":{"iso_code":"MG","name":"Madagascar"},"city":{"name":"Antananarivo"}}}', { ip: '41.188.9.9', country: 'MG', city: 'Antananarivo', coordinates: null }],
    ['country name only', '{"address":"1.1.1.1","geolocation":{"country":"Mauritius"}}', { ip: '1.1.1.1', country: 'MU', city: null, coordinates: null }],
    ['alpha-3, any case', '{"address":"1.1.1.1","geolocation":{"country":"gbr"}}', { ip: '1.1.1.1', country: 'GB', city: null, coordinates: null }],
    ['GeoIP location', '{"ip":"81.2.3.4","geo":{"country":{"iso_code":"GB"},"city":{"name":"London"},"location":{"latitude":51.5142,"longitude":-0.0931,"accuracy_radius":20}}}', { ip: '81.2.3.4', country: 'GB', city: 'London', coordinates: { lat: 51.5142, lon: -0.0931, radiusKm: 20 } }],
    ['lat/lng without accuracy', '{"address":"1.1.1.1","geolocation":{"country":"DE","lat":"50.11","lng":"8.68"}}', { ip: '1.1.1.1', country: 'DE', city: null, coordinates: { lat: 50.11, lon: 8.68, radiusKm: null } }],
    ['coordinates out of range', '{"address":"1.1.1.1","geolocation":{"latitude":123,"longitude":8}}', { ip: '1.1.1.1', country: null, city: null, coordinates: null }],
    ['null geolocation', '{"address":"1.1.1.1","geolocation":null}', { ip: '1.1.1.1', country: null, city: null, coordinates: null }],
    ['flat object', '{"ip_address":"2001:db8::1","country":"DE","city":"Berlin"}', { ip: '2001:db8::1', country: 'DE', city: 'Berlin', coordinates: null }],
  ])('%s', (_name, text, expected) => {
    expect(ipInfo(parse(text))).toEqual(expected);
  });
});

describe('actor', () => {
  const record = obj('{"type":"iam/account_logins","id":"9","attributes":{"id":9},"relationships":{"account":{"data":{"type":"iam/accounts","id":"17"}}}}');
  it('prefers the included account email, then the person name, then the account id', () => {
    const account = obj('{"type":"iam/accounts","id":"17","attributes":{"email":"jane@x.io"},"relationships":{"person":{"data":{"type":"iam/persons","id":"4"}}}}');
    const person = obj('{"type":"iam/persons","id":"4","attributes":{"first_name":"Jane","last_name":"Doe"}}');
    expect(actorOf(record, indexIncluded([account, person]))).toBe('jane@x.io');
    const noEmail = obj('{"type":"iam/accounts","id":"17","attributes":{},"relationships":{"person":{"data":{"type":"iam/persons","id":"4"}}}}');
    expect(actorOf(record, indexIncluded([noEmail, person]))).toBe('Jane Doe');
    expect(actorOf(record, indexIncluded([]))).toBe('17');
  });
  it('matches included resources whose type is spelled differently', () => {
    const account = obj('{"type":"account","id":"17","attributes":{"email":"ops@x.io"}}');
    expect(actorOf(record, indexIncluded([account]))).toBe('ops@x.io');
  });
});

describe('recordId', () => {
  it('uses the top-level id, else attributes.id (big ids keep their text), else a digest + tie rank', () => {
    expect(recordId(obj('{"id":"abc","attributes":{"id":1}}'), '', 0)).toBe('abc');
    expect(recordId(obj('{"attributes":{"id":123456789012345678901}}'), '', 0)).toBe('123456789012345678901');
    const raw = '{"attributes":{"role":"user"}}';
    const a = recordId(obj(raw), raw, 0);
    expect(a).toMatch(/^sha256:[0-9a-f]{32}:0$/);
    expect(recordId(obj(raw), raw, 0)).toBe(a);
    expect(recordId(obj(raw), raw, 1)).not.toBe(a);
  });
});

describe('toLoginEvent', () => {
  it('is a successful login with the role in detail and the raw text as given', () => {
    const raw = '{"type":"iam/account_logins","id":"5","attributes":{"id":5,"role":"admin","date":"2026-01-02T03:04:05.678Z","ip":"8.8.8.8"}}';
    const e = toLoginEvent('src', obj(raw), raw, '5', 1, indexIncluded([]));
    expect(e).toEqual({
      key: 'src|5', sourceKey: 'src', source: 'ingedata', id: '5', timestamp: 1, actor: null, ip: '8.8.8.8',
      country: null, city: null, outcome: 'success', kind: 'login-success', detail: 'login (role: admin)', raw,
    });
  });
});
