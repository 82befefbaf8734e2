/** LoginEvent records for tests, with the key built the way connectors build it. */
import type { LoginEvent, LoginEventKind, LoginOutcome, LoginSourceKind } from '../../src/core/logins/types';

export interface LoginEventSpec {
  readonly source?: LoginSourceKind;
  readonly sourceKey?: string;
  readonly id: string;
  readonly timestamp: number;
  readonly kind: LoginEventKind;
  readonly ip?: string | null;
  readonly country?: string | null;
  readonly city?: string | null;
  readonly actor?: string | null;
  readonly detail?: string;
}

const OUTCOMES: Partial<Record<LoginEventKind, LoginOutcome>> = {
  'login-success': 'success',
  'login-failure': 'failure',
  'access-denied': 'denied',
};

export function loginEvent(spec: LoginEventSpec): LoginEvent {
  const sourceKey = spec.sourceKey ?? 'main';
  return {
    key: `${sourceKey}|${spec.id}`,
    sourceKey,
    source: spec.source ?? 'deribit',
    id: spec.id,
    timestamp: spec.timestamp,
    actor: spec.actor ?? null,
    ip: spec.ip ?? null,
    country: spec.country ?? null,
    city: spec.city ?? null,
    outcome: OUTCOMES[spec.kind] ?? 'info',
    kind: spec.kind,
    detail: spec.detail ?? spec.kind,
    raw: JSON.stringify(spec),
  };
}
