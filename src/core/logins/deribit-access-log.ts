/**
 * Deribit's access log (`private/get_access_log`) in the common LoginEvent model, so correlation treats it
 * like every other login source. Unknown event names are kept (kind 'other', name in `detail`): Deribit
 * may add events at any time.
 */
import type { AccessLogEvent } from '../providers/deribit/types';
import { toCountryCode } from './country-code';
import type { LoginEvent, LoginEventKind, LoginOutcome } from './types';

const EVENT_KINDS: ReadonlyMap<string, readonly [LoginEventKind, LoginOutcome]> = new Map([
  ['success', ['login-success', 'success']],
  ['failure', ['login-failure', 'failure']],
  ['changed_email', ['email-changed', 'info']],
  ['changed_password', ['password-changed', 'info']],
  ['enabled_tfa', ['2fa-enabled', 'info']],
  ['disabled_tfa', ['2fa-disabled', 'info']],
  ['enabled_subaccount_login', ['subaccount-login-enabled', 'info']],
  ['disabled_subaccount_login', ['subaccount-login-disabled', 'info']],
  ['new_api_key', ['api-key-created', 'info']],
  ['removed_api_key', ['api-key-removed', 'info']],
  // A reset issues a new secret; enabling/disabling and re-scoping change what the key can do.
  ['reset_api_key', ['api-key-changed', 'info']],
  ['disabled_api_key', ['api-key-changed', 'info']],
  ['enabled_api_key', ['api-key-changed', 'info']],
  ['changed_scope', ['api-key-changed', 'info']],
  ['changed_whitelist', ['whitelist-changed', 'info']],
]);

const orNull = (text: string | null): string | null => {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

export function accessLogToLoginEvent(accountKey: string, event: AccessLogEvent): LoginEvent {
  const [kind, outcome] = EVENT_KINDS.get(event.event.trim().toLowerCase()) ?? ['other', 'info'];
  const id = String(event.id);
  return {
    key: `${accountKey}|${id}`,
    sourceKey: accountKey,
    source: 'deribit',
    id,
    timestamp: event.timestamp,
    // The access log is the key's own account: it names no separate actor.
    actor: null,
    ip: orNull(event.ip),
    // Deribit writes names ("United Kingdom", "ROMANIA"); other sources write codes: one form for all.
    country: toCountryCode(orNull(event.country)),
    city: orNull(event.city),
    outcome,
    kind,
    detail: event.event,
    raw: event.raw,
  };
}
