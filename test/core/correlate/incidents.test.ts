/**
 * Incidents and the ties they rest on: money that stays inside the account is no movement; another
 * service's key change or new address counts only when tied to the account's Deribit side; a security
 * change in another service is high only shortly before money leaves; findings of one story form one
 * incident (same movement, same address within the window, a tied finding in the window before a
 * movement), untied ones are context; evidence is in time order with the money last.
 */
import { describe, expect, it } from 'vitest';
import { correlate, correlateIncidents } from '../../../src/core/correlate/correlate';
import { networkOf } from '../../../src/core/correlate/ip-ties';
import { selectMovements } from '../../../src/core/correlate/select-movements';
import type { MoneyMovement } from '../../../src/core/correlate/types';
import type { LoginEvent } from '../../../src/core/logins/types';
import { buildLedgerPages } from '../../scenarios/ledger-page-builder';
import { loginEvent, type LoginEventSpec } from '../../scenarios/login-event-builder';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const D0 = Date.UTC(2026, 2, 1);
const at = (day: number, hour = 0, minute = 0): number => D0 + day * DAY + hour * HOUR + minute * 60_000;
const HOME = '192.0.2.10';

/** Ten days of daily logins from home on Deribit (account "main"): the baseline. */
const routine: LoginEvent[] = Array.from({ length: 10 }, (_, day) =>
  loginEvent({ id: `home-${day}`, sourceKey: 'main', timestamp: at(day, 9), kind: 'login-success', ip: HOME, country: 'FR' }),
);
let n = 0;
const ev = (spec: Omit<LoginEventSpec, 'id'>): LoginEvent => loginEvent({ id: `e${n++}`, ...spec });
const pearl = (spec: Omit<LoginEventSpec, 'id' | 'source' | 'sourceKey'>): LoginEvent => ev({ source: 'nlpearl', sourceKey: 'pearl', actor: 'Alice Martin', ...spec });

const withdrawal = (rowId: number, timestamp: number, extra: Partial<MoneyMovement> = {}): MoneyMovement => ({
  chain: { accountKey: 'main', userId: 1, currency: 'BTC' }, rowId, timestamp, kind: 'withdrawal', change: '-1.5', ip: null, username: 'alice', ...extra,
});

describe('money leaving the account', () => {
  it('a transfer to the account\'s own subaccount is not a movement; one to an outside user is', () => {
    const pages = buildLedgerPages({ accountKey: 'main', userId: 1, currency: 'BTC' }, [
      { id: 1, timestamp: at(1), kind: 'transfer', change: '-2', otherUserId: 2 },
      { id: 2, timestamp: at(2), kind: 'transfer', change: '-3', otherUserId: 999 },
      { id: 3, timestamp: at(3), kind: 'withdrawal', change: '-1' },
    ]);
    const accountUsers = new Map([['main', new Set([1, 2])]]);
    expect(selectMovements(pages, { accountUsers }).movements.map((m) => m.rowId)).toEqual([2, 3]);
    expect(selectMovements(pages).movements.map((m) => m.rowId)).toEqual([1, 2, 3]);
  });
});

describe('evidence tied to the Deribit side', () => {
  it('networks: /24 for IPv4, /48 for IPv6 however written; the exact address in shared and documentation ranges', () => {
    expect(networkOf('81.2.69.160')).toBe('v4:81.2.69');
    expect(networkOf('::ffff:81.2.69.5')).toBe('v4:81.2.69');
    expect(networkOf('2A01:E0A:12::1')).toBe('v6:2a01:e0a:12');
    expect(networkOf('2a01:0e0a:0012:0:0:0:0:9')).toBe('v6:2a01:e0a:12');
    expect(networkOf('10.0.4.12')).toBe('ip:10.0.4.12');
    expect(networkOf('192.168.1.20')).toBe('ip:192.168.1.20');
    expect(networkOf('100.64.2.21')).toBe('ip:100.64.2.21');
    expect(networkOf('203.0.113.77')).toBe('ip:203.0.113.77');
    expect(networkOf('2001:db8:12::1')).toBe('ip:2001:db8:12::1');
    expect(networkOf('not an ip')).toBeNull();
    expect(networkOf(null)).toBeNull();
  });

  it('an API key created in another service from an address the Deribit side never used is no finding; from its network it is', () => {
    const money = withdrawal(100, at(10, 12));
    const london = Array.from({ length: 10 }, (_, day) => ev({ sourceKey: 'main', timestamp: at(day, 9), kind: 'login-success', ip: '81.2.69.160', country: 'GB' }));
    const stranger = pearl({ timestamp: at(10, 8), kind: 'api-key-created', ip: '34.141.2.9' });
    expect(correlate([money], [...london, stranger])).toEqual([]);
    const office = pearl({ timestamp: at(10, 8), kind: 'api-key-created', ip: '81.2.69.77' });
    expect(correlate([money], [...london, office]).map((f) => [f.signal, f.severity])).toEqual([['api-key-change-before-withdrawal', 'high']]);
    // In a shared range a neighbour is no tie: only the exact address is.
    const neighbour = pearl({ timestamp: at(10, 8), kind: 'api-key-created', ip: '192.0.2.77' });
    expect(correlate([money], [...routine, neighbour])).toEqual([]);
    const same = pearl({ timestamp: at(10, 8), kind: 'api-key-created', ip: HOME });
    expect(correlate([money], [...routine, same]).map((f) => f.signal)).toEqual(['api-key-change-before-withdrawal']);
  });

  it('2FA switched off in another service: high shortly before the money left, medium most of a day before', () => {
    const money = withdrawal(100, at(10, 23));
    const close = pearl({ timestamp: at(10, 20), kind: '2fa-disabled', ip: '81.56.12.201' });
    const early = pearl({ timestamp: at(10, 2), kind: '2fa-disabled', ip: null });
    expect(correlate([money], [...routine, close]).map((f) => f.severity)).toEqual(['high']);
    expect(correlate([money], [...routine, early]).map((f) => f.severity)).toEqual(['medium']);
    // On the account's own Deribit side it is high anywhere in the window.
    const own = ev({ sourceKey: 'main', timestamp: at(10, 2), kind: '2fa-disabled', ip: HOME });
    expect(correlate([money], [...routine, own]).map((f) => f.severity)).toEqual(['high']);
  });

  it('failed logins then a success in another service, from an unrelated address, attach to no money', () => {
    const money = withdrawal(100, at(10, 12));
    const burst = [0, 1, 2, 3, 4].map((m) => pearl({ timestamp: at(10, 8, m), kind: 'login-failure', ip: '185.220.101.47' }));
    const success = pearl({ timestamp: at(10, 8, 6), kind: 'login-success', ip: '185.220.101.47' });
    const result = correlateIncidents([money], [...routine, ...burst, success]);
    expect(result.findings.map((f) => [f.signal, f.movement?.rowId ?? null])).toEqual([['failed-burst-then-success', null]]);
    // Tied to no account: context, not an incident.
    expect(result.incidents).toEqual([]);
    expect(result.contextFindingIds).toEqual([result.findings[0]?.id]);
  });
});

describe('incidents', () => {
  it('findings of one story on one withdrawal form one incident with the highest severity, evidence in time order, money last', () => {
    const ip = '203.0.113.9';
    const money = withdrawal(100, at(10, 12), { ip });
    const deribitIn = ev({ sourceKey: 'main', timestamp: at(10, 8), kind: 'login-success', ip, country: 'NG' });
    const key = ev({ sourceKey: 'main', timestamp: at(10, 8, 5), kind: 'api-key-created', ip, country: 'NG' });
    const off = pearl({ timestamp: at(10, 9), kind: '2fa-disabled', ip });
    const { findings, incidents } = correlateIncidents([money], [...routine, deribitIn, key, off], [money]);
    expect(findings.length).toBeGreaterThanOrEqual(3);
    expect(incidents).toHaveLength(1);
    const incident = incidents[0];
    expect(incident?.severity).toBe('high');
    expect(incident?.id).toBe('incident|main|100');
    expect(incident?.evidence.map((e) => (e.ref.type === 'event' ? e.ref.key : `row ${e.ref.id}`))).toEqual([deribitIn.key, key.key, off.key, 'row 100']);
    expect(incident?.evidence[2]).toMatchObject({ what: '2FA disabled', actor: 'Alice Martin', ip, source: 'nlpearl', cited: true });
    expect(incident?.headline).toBe('Withdrawal of 1.5 BTC (alice) 4 h after 2FA disabled (nlpearl), API key created (Deribit) and a login from a new country');
    expect(new Set(incident?.findingIds)).toEqual(new Set(findings.map((f) => f.id)));
  });

  it('a tied finding without money in the window before a movement joins its incident; one a day and more earlier does not', () => {
    const money = withdrawal(100, at(10, 12));
    const change = ev({ sourceKey: 'main', timestamp: at(10, 10), kind: 'password-changed', ip: HOME });
    const enabledSoon = ev({ sourceKey: 'main', timestamp: at(10, 6), kind: 'subaccount-login-enabled', ip: '198.51.100.1' });
    const enabledLongBefore = ev({ sourceKey: 'main', timestamp: at(8, 6), kind: 'subaccount-login-enabled', ip: '198.51.100.2' });
    const { incidents } = correlateIncidents([money], [...routine, change, enabledSoon, enabledLongBefore]);
    expect(incidents.map((i) => [i.severity, i.signals])).toEqual([
      ['high', ['security-change-before-withdrawal', 'subaccount-login-enabled']],
      ['low', ['subaccount-login-enabled']],
    ]);
  });

  it('other logins from the same address join as uncited evidence; other addresses do not', () => {
    const ip = '203.0.113.50';
    const money = withdrawal(100, at(10, 12), { ip });
    const failed = ev({ source: 'cloudflare', sourceKey: 'cf', timestamp: at(10, 7), kind: 'login-failure', ip, actor: 'alice@example.com' });
    const change = ev({ sourceKey: 'main', timestamp: at(10, 10), kind: 'password-changed', ip });
    const elsewhere = ev({ source: 'cloudflare', sourceKey: 'cf', timestamp: at(10, 11), kind: 'access-denied', ip: '198.51.100.99' });
    const incident = correlateIncidents([money], [...routine, failed, change, elsewhere], [money]).incidents.find((i) => i.id === 'incident|main|100');
    expect(incident?.evidence.map((e) => [e.ref.type === 'event' ? e.ref.key : 'row', e.cited])).toEqual([
      [failed.key, false],
      [change.key, true],
      ['row', true],
    ]);
  });
});
