import { parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { classify, eventCode, recordId, toLoginEvent } from '../../../../src/core/providers/nlpearl/audit-event-mapping';
import { losslessJson, type JsonObject } from '../../../../src/core/providers/deribit/lossless-response';

const record = (text: string): JsonObject => parse(text) as JsonObject;
const rec = (eventType: unknown, additionalData: unknown = null): JsonObject =>
  record(JSON.stringify({ timestamp: '2026-01-01T00:00:00Z', eventType, user: { id: 'u1', name: 'Alice', type: 1 }, additionalData }));

describe('classify', () => {
  it.each([
    [2, null, 'login-success', 'success', 'eventType 2 (LoginSuccessful)'],
    [1, { success: 'false', reason: 'InvalidPassword' }, 'login-failure', 'failure', 'eventType 1 (LoginAttempt): InvalidPassword'],
    [1, { result: 'Failed' }, 'login-failure', 'failure', 'eventType 1 (LoginAttempt): Failed'],
    [1, { error: 'locked out' }, 'login-failure', 'failure', 'eventType 1 (LoginAttempt): locked out'],
    [1, { success: 'true' }, 'other', 'info', 'eventType 1 (LoginAttempt): succeeded'],
    [1, { ip: '1.2.3.4' }, 'other', 'info', 'eventType 1 (LoginAttempt): result not stated'],
    [30, null, 'api-key-created', 'info', 'eventType 30 (CreateAPIKey)'],
    [31, null, 'api-key-removed', 'info', 'eventType 31 (DeleteAPIKey)'],
    [73, { newRole: 'Admin' }, 'role-changed', 'info', 'eventType 73 (UpdateUserRole)'],
    [81, { enabled: 'true' }, '2fa-enabled', 'info', 'eventType 81 (Set2FA)'],
    [81, { Enabled: 'False' }, '2fa-disabled', 'info', 'eventType 81 (Set2FA)'],
    [81, { status: 'disabled' }, '2fa-disabled', 'info', 'eventType 81 (Set2FA)'],
    [81, null, 'other', 'info', 'eventType 81 (Set2FA): enabled or disabled not stated'],
    [74, null, 'other', 'info', 'eventType 74 (UpdateAccountInformations)'],
    [95, { note: 'new' }, 'other', 'info', 'eventType 95'],
    ['LoginSuccessful', null, 'login-success', 'success', 'eventType 2 (LoginSuccessful)'],
    ['Set2FA', { enabled: 'false' }, '2fa-disabled', 'info', 'eventType 81 (Set2FA)'],
    ['SomethingNew', null, 'other', 'info', 'eventType SomethingNew'],
  ])('%j %j → %s', (eventType, data, kind, outcome, detail) => {
    expect(classify(rec(eventType, data))).toEqual({ kind, outcome, detail });
  });

  it('reads a numeric-string eventType and reports a missing one', () => {
    expect(eventCode('30').code).toBe(30);
    expect(eventCode(undefined)).toEqual({ code: null, label: 'eventType missing' });
  });
});

describe('toLoginEvent', () => {
  it.each([
    [{ ip: '81.56.12.201' }, '81.56.12.201'],
    [{ IP: '81.56.12.201' }, '81.56.12.201'],
    [{ ipAddress: '2405:201:a00e:3b::1f' }, '2405:201:a00e:3b::1f'],
    [{ clientIp: '10.0.0.1, 172.16.0.1' }, '10.0.0.1'],
    [{ client_ip: '10.0.0.2' }, '10.0.0.2'],
    [{ ip: 'unknown' }, null],
    [null, null],
  ])('finds the IP in %j', (data, ip) => {
    expect(toLoginEvent('s', rec(2, data), '{}', 'x', 0).ip).toBe(ip);
  });

  it('fills every field, keeps the raw text and names the user type', () => {
    const text = '{"timestamp":"2026-03-04T05:06:07.1234567Z","eventType":30,"user":{"id":"key_7Hq2mZ9x","name":"Zapier integration","type":3},"additionalData":{"keyName":"zapier","ipAddress":"54.86.110.23","country":"US","city":"Ashburn"}}';
    const r = record(text);
    const raw = losslessJson(r);
    expect(raw).toBe(text);
    const id = recordId(raw, 0);
    expect(toLoginEvent('nl1', r, raw, id, 42)).toEqual({
      key: `nl1|${id}`,
      sourceKey: 'nl1',
      source: 'nlpearl',
      id,
      timestamp: 42,
      actor: 'Zapier integration',
      ip: '54.86.110.23',
      country: 'US',
      city: 'Ashburn',
      outcome: 'info',
      kind: 'api-key-created',
      detail: 'eventType 30 (CreateAPIKey); by APIKey user',
      raw: text,
    });
  });

  it('falls back to the user id, then to no actor', () => {
    expect(toLoginEvent('s', record('{"eventType":2,"user":{"id":"u9","name":null,"type":1}}'), '{}', 'x', 0).actor).toBe('u9');
    expect(toLoginEvent('s', record('{"eventType":2,"user":null}'), '{}', 'x', 0).actor).toBeNull();
  });

  it('derives stable ids that differ by text and by occurrence', () => {
    const a = recordId('{"a":1}', 0);
    expect(a).toBe(recordId('{"a":1}', 0));
    expect(a).toMatch(/^sha256:[0-9a-f]{32}#0$/);
    expect(recordId('{"a":1}', 1)).not.toBe(a);
    expect(recordId('{"a":2}', 0)).not.toBe(a);
  });
});
