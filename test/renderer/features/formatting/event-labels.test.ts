import { describe, expect, it } from 'vitest';
import { accessEventLabel, isSecurityAccessEvent, isSecurityLoginKind, loginKindLabel } from '../../../../src/renderer/features/formatting/event-labels';

// Every event Deribit documents for private/get_access_log.
const DOCUMENTED = [
  'changed_email', 'changed_password', 'disabled_tfa', 'enabled_tfa', 'success', 'failure', 'enabled_subaccount_login',
  'disabled_subaccount_login', 'new_api_key', 'removed_api_key', 'changed_scope', 'changed_whitelist', 'disabled_api_key',
  'enabled_api_key', 'reset_api_key',
];

describe('access-log event labels', () => {
  it('names every documented event in words', () => {
    for (const code of DOCUMENTED) {
      const label = accessEventLabel(code);
      expect(label, code).not.toContain('_');
      expect(label, code).toMatch(/^[A-Z0-9]/);
    }
    expect(accessEventLabel('disabled_tfa')).toBe('2FA disabled');
    expect(accessEventLabel('new_api_key')).toBe('API key created');
  });

  it('emphasises security changes, not routine logins', () => {
    expect(isSecurityAccessEvent('disabled_tfa')).toBe(true);
    expect(isSecurityAccessEvent('new_api_key')).toBe(true);
    expect(isSecurityAccessEvent('failure')).toBe(true);
    expect(isSecurityAccessEvent('success')).toBe(false);
    expect(isSecurityAccessEvent('enabled_tfa')).toBe(false);
  });

  it('shows an unknown future event readably', () => {
    expect(accessEventLabel('changed_withdrawal_address')).toBe('Changed withdrawal address');
    expect(isSecurityAccessEvent('changed_withdrawal_address')).toBe(false);
  });
});

describe('login-event kinds', () => {
  it('in words, security changes emphasised', () => {
    expect(loginKindLabel('2fa-disabled')).toBe('2FA disabled');
    expect(isSecurityLoginKind('2fa-disabled')).toBe(true);
    expect(isSecurityLoginKind('login-success')).toBe(false);
  });
});
