/**
 * What went wrong talking to Ingedata Pulse, as a typed ProviderError: whether to retry and, in plain
 * words, what the user should check. Pulse error bodies carry `message`; it is quoted to the user.
 */
import { ProviderError } from '../deribit/errors';
import { RateLimitError, transientErrors } from '../http/transient-errors';

/** A 429. Pulse documents no rate limit: `retryAfterMs` is the Retry-After header when it sent one. */
export class PulseRateLimitError extends RateLimitError {
  constructor(detail: string, retryAfterMs: number | null) {
    super({ code: 429, detail, userMessage: 'Ingedata Pulse asked to slow down (rate limit). The sync waits and continues.' }, retryAfterMs);
    this.name = 'PulseRateLimitError';
  }
}

function said(message: string | null): string {
  return message === null || message === '' ? '' : `: "${message}"`;
}

/** POST /iam/auth/api/login refused the key. */
export function invalidKeyError(status: number, message: string | null, key: string): ProviderError {
  const hint = key.startsWith('PULSE_')
    ? 'Check the key in Pulse (IAM > API keys): it may have been revoked or mistyped; copy it again.'
    : 'Pulse API keys start with "PULSE_": copy the whole key from Pulse (IAM > API keys).';
  return new ProviderError({
    kind: 'invalid_credentials',
    code: status,
    detail: `login: HTTP ${status}${said(message)}`,
    userMessage: `Ingedata Pulse rejected the API key${said(message)}. ${hint}`,
    retriable: false,
  });
}

/** A 401 on a data call right after a fresh login: the token is refused even though the key works. */
export function sessionRejectedError(message: string | null): ProviderError {
  return new ProviderError({
    kind: 'unauthorized',
    code: 401,
    detail: `account_logins: HTTP 401 after signing in again${said(message)}`,
    userMessage: `Ingedata Pulse refused the session even after signing in again${said(message)}. The key may lack access to IAM account logins or have just been revoked: check it in Pulse (IAM > API keys) and add it again.`,
    retriable: false,
  });
}

export function forbiddenError(message: string | null): ProviderError {
  return new ProviderError({
    kind: 'forbidden',
    code: 403,
    detail: `account_logins: HTTP 403${said(message)}`,
    userMessage: `Ingedata Pulse does not let this API key read IAM account logins${said(message)}. Give the key's account the right to read the IAM audit (or use a key of an administrator), then try again.`,
    retriable: false,
  });
}

/** Any other non-2xx answer (429 and auth are classified by the caller). */
export function fromPulseStatus(what: string, status: number, message: string | null): ProviderError {
  const detail = `${what}: HTTP ${status}${said(message)}`;
  if (status >= 500 || status === 408) {
    return new ProviderError({
      kind: 'retries_exhausted',
      code: status,
      detail,
      userMessage: `Ingedata Pulse answered HTTP ${status} (temporarily unavailable). It is retried automatically.`,
      retriable: true,
    });
  }
  if (status === 404) {
    return new ProviderError({
      kind: 'method_not_found',
      code: status,
      detail,
      userMessage: `Nothing answers ${what} at this address (HTTP 404). Check the base URL: it should be https://pulse.ingedata.ai (without /api/v3).`,
      retriable: false,
    });
  }
  return new ProviderError({
    kind: status === 400 || status === 422 ? 'invalid_params' : 'provider_error',
    code: status,
    detail,
    userMessage: `Ingedata Pulse refused the request (HTTP ${status}${said(message)}). If this persists, please report it.`,
    retriable: false,
  });
}

const transient = transientErrors({ name: 'Ingedata Pulse' });
export const pulseMalformed = transient.malformed;
export const pulseNetworkError = transient.network;
export const pulseCancelled = transient.cancelled;
export const pulseExhausted = transient.exhausted;
