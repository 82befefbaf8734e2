/**
 * One NLPearl AuditLogView → the normalized LoginEvent.
 *
 * Mapping (eventType code or, when a server serializes enums by name, the name):
 *   2 LoginSuccessful → login-success / success
 *   1 LoginAttempt    → login-failure / failure only when additionalData says it failed (success/succeeded
 *                       = false, result/status/outcome = failed/denied/invalid…, or a reason/error text);
 *                       otherwise other / info ("attempt, result not stated") — a successful attempt is
 *                       followed by its own LoginSuccessful record, so nothing is lost.
 *   30 CreateAPIKey → api-key-created, 31 DeleteAPIKey → api-key-removed, 73 UpdateUserRole → role-changed
 *   81 Set2FA       → 2fa-enabled / 2fa-disabled when additionalData states which; otherwise other with
 *                     "enabled or disabled not stated" in detail (never guessed).
 *   anything else (known or unknown code) → other / info, the code (and name when known) in detail.
 * Records have no id: `sha256:<32 hex of the raw text>#<n>`, n counting identical records before it in the
 * same answer, so re-reading yields the same ids and two identical records stay two.
 */
import { isLosslessNumber } from 'lossless-json';
import type { LoginEvent, LoginEventKind, LoginOutcome } from '../../logins/types';
import { isJsonObject, toSafeInteger, type JsonObject } from '../deribit/lossless-response';
import { rawDigestHex } from '../http/record-digest';
import { toCountryCode } from '../../logins/country-code';

export const AUDIT_EVENT_NAMES: Readonly<Record<number, string>> = {
  1: 'LoginAttempt', 2: 'LoginSuccessful', 10: 'PublishPearl', 11: 'PearlStatus', 18: 'TransferPearl',
  19: 'DeletePearl', 30: 'CreateAPIKey', 31: 'DeleteAPIKey', 40: 'PurchaseAgents', 41: 'DeleteAgent',
  50: 'SetBillingDetails', 51: 'SetPaymentMethod', 52: 'SetSubscription', 59: 'CancelSubscription',
  60: 'PurchaseCredits', 61: 'SetAutoRecharge', 70: 'InviteUser', 71: 'UserJoin', 72: 'InvitationCanceled',
  73: 'UpdateUserRole', 74: 'UpdateAccountInformations', 75: 'RemoveUserFromTheAccount', 76: 'UserLeftAccount',
  80: 'UpdateSessionTTL', 81: 'Set2FA',
};

const USER_TYPES: Readonly<Record<number, string>> = { 1: 'Platform', 3: 'APIKey', 90: 'Support', 99: 'System' };

const CODE_BY_NAME: ReadonlyMap<string, number> = new Map(
  Object.entries(AUDIT_EVENT_NAMES).map(([code, name]) => [name.toLowerCase(), Number(code)]),
);

/** additionalData as lower-cased, punctuation-free keys → text values (strings per the schema; others as text). */
export function additionalDataMap(value: unknown): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  if (!isJsonObject(value)) return map;
  for (const [key, v] of Object.entries(value)) {
    const text = typeof v === 'string' ? v : isLosslessNumber(v) || typeof v === 'boolean' ? String(v) : null;
    const norm = key.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (text !== null && !map.has(norm)) map.set(norm, text);
  }
  return map;
}

function first(data: ReadonlyMap<string, string>, keys: readonly string[]): string | null {
  for (const key of keys) {
    const v = data.get(key)?.trim();
    if (v !== undefined && v !== '') return v;
  }
  return null;
}

const IP_KEYS = ['ip', 'ipaddress', 'clientip', 'clientipaddress', 'remoteip', 'remoteipaddress', 'sourceip', 'userip', 'ipv4', 'ipv6', 'xforwardedfor', 'forwardedfor'];

/** The IP under whichever key the server used (ip, IP, ipAddress, clientIp, …); the first hop of a list. */
export function ipFrom(data: ReadonlyMap<string, string>): string | null {
  const value = first(data, IP_KEYS)?.split(',')[0]?.trim() ?? '';
  return /^[0-9A-Fa-f:.]+$/.test(value) && /[.:]/.test(value) ? value : null;
}

const FALSE = /^(false|0|no|failed|failure|fail|denied|rejected|invalid.*|error|blocked|locked.*|wrong.*|unauthori[sz]ed)$/i;
const TRUE = /^(true|1|yes|success|succeeded|successful|ok|passed)$/i;

function attemptResult(data: ReadonlyMap<string, string>): { failed: boolean | null; reason: string | null } {
  const verdict = first(data, ['success', 'succeeded', 'successful', 'issuccess', 'result', 'status', 'outcome', 'loginresult']);
  const reason = first(data, ['reason', 'failurereason', 'error', 'errormessage', 'message']);
  if (verdict !== null && FALSE.test(verdict)) return { failed: true, reason: reason ?? verdict };
  if (verdict !== null && TRUE.test(verdict)) return { failed: false, reason: null };
  if (first(data, ['reason', 'failurereason', 'error', 'errormessage']) !== null) return { failed: true, reason };
  return { failed: null, reason: null };
}

const ON = /^(true|1|yes|on|enabled?|activated?|active)$/i;
const OFF = /^(false|0|no|off|disabled?|deactivated?|inactive|removed)$/i;

function twoFactorState(data: ReadonlyMap<string, string>): boolean | null {
  const v = first(data, ['enabled', 'isenabled', 'twofactorenabled', 'twofaenabled', '2faenabled', '2fa', 'twofa', 'twofactor', 'value', 'newvalue', 'state', 'status', 'action']);
  if (v === null) return null;
  if (ON.test(v)) return true;
  if (OFF.test(v)) return false;
  return null;
}

/** `eventType` as sent: a number, a numeric string or an enum name. */
export function eventCode(value: unknown): { code: number | null; label: string } {
  const n = toSafeInteger(value);
  if (n !== null) return { code: n, label: AUDIT_EVENT_NAMES[n] === undefined ? `eventType ${n}` : `eventType ${n} (${AUDIT_EVENT_NAMES[n]})` };
  if (typeof value === 'string' && value !== '') {
    const code = CODE_BY_NAME.get(value.toLowerCase()) ?? null;
    return { code, label: code === null ? `eventType ${value}` : `eventType ${code} (${AUDIT_EVENT_NAMES[code] ?? value})` };
  }
  return { code: null, label: 'eventType missing' };
}

export function classify(record: JsonObject): { kind: LoginEventKind; outcome: LoginOutcome; detail: string } {
  const { code, label } = eventCode(record.eventType);
  const data = additionalDataMap(record.additionalData);
  const info = (kind: LoginEventKind, detail = label): { kind: LoginEventKind; outcome: LoginOutcome; detail: string } => ({ kind, outcome: 'info', detail });
  switch (code) {
    case 1: {
      const { failed, reason } = attemptResult(data);
      if (failed === true) return { kind: 'login-failure', outcome: 'failure', detail: reason === null ? label : `${label}: ${reason}` };
      return info('other', failed === false ? `${label}: succeeded` : `${label}: result not stated`);
    }
    case 2:
      return { kind: 'login-success', outcome: 'success', detail: label };
    case 30:
      return info('api-key-created');
    case 31:
      return info('api-key-removed');
    case 73:
      return info('role-changed');
    case 81: {
      const on = twoFactorState(data);
      if (on === null) return info('other', `${label}: enabled or disabled not stated`);
      return info(on ? '2fa-enabled' : '2fa-disabled');
    }
    default:
      return info('other');
  }
}

export function rawDigest(raw: string): string {
  return rawDigestHex(raw, 32);
}

export function recordId(raw: string, occurrence: number): string {
  return `sha256:${rawDigest(raw)}#${occurrence}`;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Who did it: the user's display name, else their id; with the user type in words for the detail. */
function userOf(record: JsonObject): { actor: string | null; note: string | null } {
  const user = record.user;
  if (!isJsonObject(user)) return { actor: null, note: null };
  const type = toSafeInteger(user.type);
  const typeName = type === null ? null : (USER_TYPES[type] ?? `type ${type}`);
  return { actor: text(user.name) ?? text(user.id), note: typeName };
}

export function toLoginEvent(sourceKey: string, record: JsonObject, raw: string, id: string, timestamp: number): LoginEvent {
  const { kind, outcome, detail } = classify(record);
  const data = additionalDataMap(record.additionalData);
  const { actor, note } = userOf(record);
  return {
    key: `${sourceKey}|${id}`,
    sourceKey,
    source: 'nlpearl',
    id,
    timestamp,
    actor,
    ip: ipFrom(data),
    country: toCountryCode(first(data, ['countrycode', 'country', 'geocountry', 'countryname'])),
    city: first(data, ['city', 'geocity']),
    outcome,
    kind,
    detail: note === null ? detail : `${detail}; by ${note} user`,
    raw,
  };
}
