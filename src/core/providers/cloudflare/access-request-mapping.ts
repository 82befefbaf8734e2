/**
 * One Cloudflare Access authentication record → the normalized LoginEvent. Every field is optional on
 * the wire, so nothing here assumes one exists. Identity: `ray_id` when present (one per request to
 * Cloudflare); otherwise a digest of the exact record text plus its position among identical records
 * of the same query, so re-reading a page yields the same ids and two identical records stay two.
 */
import { rawDigestHex } from '../http/record-digest';
import { toCountryCode } from '../../logins/country-code';
import type { JsonObject } from '../deribit/lossless-response';
import type { LoginEvent, LoginEventKind, LoginOutcome } from '../../logins/types';

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** `ray_id`, or `sha256:<24 hex>#<n>` where n counts identical records before this one in the same query. */
export function recordId(record: JsonObject, raw: string, occurrence: number): string {
  const ray = text(record.ray_id);
  if (ray !== null) return ray;
  return `sha256:${rawDigest(raw)}#${occurrence}`;
}

export function rawDigest(raw: string): string {
  return rawDigestHex(raw, 24);
}

export function classify(record: JsonObject): { kind: LoginEventKind; outcome: LoginOutcome; detail: string } {
  const action = text(record.action);
  const detail = action ?? '(no action)';
  // A refusal is what matters for security, whatever the action was.
  if (record.allowed === false) return { kind: 'access-denied', outcome: 'denied', detail };
  if (action !== null && action.toLowerCase() === 'login' && record.allowed === true) {
    return { kind: 'login-success', outcome: 'success', detail };
  }
  // logout, an unknown action, or a login whose result is missing: kept, but not claimed as a success.
  return { kind: 'other', outcome: 'info', detail: record.allowed === undefined && action?.toLowerCase() === 'login' ? 'login (allowed not given)' : detail };
}

export function toLoginEvent(sourceKey: string, record: JsonObject, raw: string, id: string, timestamp: number): LoginEvent {
  const { kind, outcome, detail } = classify(record);
  return {
    key: `${sourceKey}|${id}`,
    sourceKey,
    source: 'cloudflare',
    id,
    timestamp,
    actor: text(record.user_email),
    ip: text(record.ip_address),
    // Not in the API schema, but Cloudflare's Logpush dataset has it: use it when a server sends it.
    country: toCountryCode(text(record.country) ?? text(record.country_code)),
    city: text(record.city),
    outcome,
    kind,
    detail,
    raw,
  };
}
