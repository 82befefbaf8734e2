import { describe, expect, it } from 'vitest';
import { accessLogToLoginEvent } from '../../../src/core/logins/deribit-access-log';
import type { AccessLogEvent } from '../../../src/core/providers/deribit/types';

const event = (name: string, extra: Partial<AccessLogEvent> = {}): AccessLogEvent => ({
  id: 7001,
  timestamp: 1_700_000_000_000,
  ip: '203.0.113.7',
  country: 'FR',
  city: 'Lyon',
  event: name,
  dataText: null,
  raw: `{"id":7001,"log":"${name}"}`,
  ...extra,
});

describe('accessLogToLoginEvent', () => {
  it.each([
    ['success', 'login-success', 'success'],
    ['failure', 'login-failure', 'failure'],
    ['changed_email', 'email-changed', 'info'],
    ['changed_password', 'password-changed', 'info'],
    ['enabled_tfa', '2fa-enabled', 'info'],
    ['disabled_tfa', '2fa-disabled', 'info'],
    ['enabled_subaccount_login', 'subaccount-login-enabled', 'info'],
    ['disabled_subaccount_login', 'subaccount-login-disabled', 'info'],
    ['new_api_key', 'api-key-created', 'info'],
    ['removed_api_key', 'api-key-removed', 'info'],
    ['reset_api_key', 'api-key-changed', 'info'],
    ['disabled_api_key', 'api-key-changed', 'info'],
    ['enabled_api_key', 'api-key-changed', 'info'],
    ['changed_scope', 'api-key-changed', 'info'],
    ['changed_whitelist', 'whitelist-changed', 'info'],
    ['bonus_login_from_mars', 'other', 'info'],
  ])('maps %s to %s (%s)', (name, kind, outcome) => {
    const mapped = accessLogToLoginEvent('acct-1', event(name));
    expect(mapped.kind).toBe(kind);
    expect(mapped.outcome).toBe(outcome);
    expect(mapped.detail).toBe(name);
  });

  it('keys the event by account and id and keeps place and raw text', () => {
    const mapped = accessLogToLoginEvent('acct-1', event('success'));
    expect(mapped).toEqual({
      key: 'acct-1|7001',
      sourceKey: 'acct-1',
      source: 'deribit',
      id: '7001',
      timestamp: 1_700_000_000_000,
      actor: null,
      ip: '203.0.113.7',
      country: 'FR',
      city: 'Lyon',
      outcome: 'success',
      kind: 'login-success',
      detail: 'success',
      raw: '{"id":7001,"log":"success"}',
    });
  });

  it('reads event names case-insensitively but keeps them as sent, and blanks as null', () => {
    const mapped = accessLogToLoginEvent('a', event(' Disabled_TFA ', { ip: '  ', country: '', city: null }));
    expect(mapped.kind).toBe('2fa-disabled');
    expect(mapped.detail).toBe(' Disabled_TFA ');
    expect([mapped.ip, mapped.country, mapped.city]).toEqual([null, null, null]);
  });
});
