/**
 * Access-log events and login-event kinds in words ("2FA disabled"), and which of them change the
 * account's security (shown emphasised). Unknown codes Deribit may add later are shown as they came,
 * with underscores as spaces.
 */

const ACCESS_EVENT_LABELS: Readonly<Record<string, string>> = {
  success: 'Login',
  failure: 'Login failed',
  changed_email: 'Email changed',
  changed_password: 'Password changed',
  enabled_tfa: '2FA enabled',
  disabled_tfa: '2FA disabled',
  enabled_subaccount_login: 'Subaccount login enabled',
  disabled_subaccount_login: 'Subaccount login disabled',
  new_api_key: 'API key created',
  removed_api_key: 'API key removed',
  reset_api_key: 'API key reset',
  disabled_api_key: 'API key disabled',
  enabled_api_key: 'API key enabled',
  changed_scope: 'API key scope changed',
  changed_whitelist: 'IP whitelist changed',
};

const LOGIN_KIND_LABELS: Readonly<Record<string, string>> = {
  'login-success': 'Login',
  'login-failure': 'Login failed',
  'access-denied': 'Access denied',
  '2fa-enabled': '2FA enabled',
  '2fa-disabled': '2FA disabled',
  'password-changed': 'Password changed',
  'email-changed': 'Email changed',
  'api-key-created': 'API key created',
  'api-key-removed': 'API key removed',
  'api-key-changed': 'API key changed',
  'whitelist-changed': 'IP whitelist changed',
  'role-changed': 'Role changed',
  'subaccount-login-enabled': 'Subaccount login enabled',
  'subaccount-login-disabled': 'Subaccount login disabled',
  other: 'Other',
};

/** Plain logins are routine; every other known event changes who can get in or what a key can do. */
const ROUTINE_ACCESS_EVENTS = new Set(['success', 'enabled_tfa', 'enabled_subaccount_login']);
const ROUTINE_LOGIN_KINDS = new Set(['login-success', '2fa-enabled', 'other']);

const fallback = (code: string): string => {
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words === '' ? code : words.charAt(0).toUpperCase() + words.slice(1);
};

export function accessEventLabel(code: string): string {
  return ACCESS_EVENT_LABELS[code.trim().toLowerCase()] ?? fallback(code);
}

export function isSecurityAccessEvent(code: string): boolean {
  const key = code.trim().toLowerCase();
  return key in ACCESS_EVENT_LABELS && !ROUTINE_ACCESS_EVENTS.has(key);
}

export function loginKindLabel(kind: string): string {
  return LOGIN_KIND_LABELS[kind] ?? fallback(kind);
}

export function isSecurityLoginKind(kind: string): boolean {
  return kind in LOGIN_KIND_LABELS && !ROUTINE_LOGIN_KINDS.has(kind);
}
