/**
 * Turns what went wrong on one Deribit request — a JSON-RPC error code, an HTTP status without a JSON
 * error, a network failure — into a typed ProviderError saying whether to retry and what the user can do.
 */
import { ProviderError } from './errors';
import { losslessJson } from './lossless-response';

/** Codes Deribit documents as transient: rate limit, retry, settlement, maintenance, overload, timeout. */
export const RETRIABLE_CODES: ReadonlySet<number> = new Set([
  10028, 10040, 10041, 10066, 11051, 11094, 13028, 13888,
]);
export const RATE_LIMIT_CODE = 10028;
export const UNAUTHORIZED_CODE = 13009;

const CODE_NAMES: Readonly<Record<number, string>> = {
  10028: 'too_many_requests',
  10040: 'retry',
  10041: 'settlement_in_progress',
  10066: 'too_many_concurrent_requests',
  11051: 'system_maintenance',
  11094: 'internal_server_error',
  13028: 'temporarily_unavailable',
  13888: 'timed_out',
};

/** The scope a method needs, to name it when Deribit answers 13021 forbidden. */
function scopeFor(method: string): string {
  return /get_(deposits|withdrawals|transfers)|wallet|address/.test(method) ? 'wallet:read' : 'account:read';
}

function describe(method: string, code: number, message: string, data: unknown, httpStatus: number): string {
  const extra = data === null || data === undefined ? '' : ` data=${losslessJson(data).slice(0, 200)}`;
  return `${method}: error ${code} ${message || CODE_NAMES[code] || ''} (HTTP ${httpStatus})${extra}`.trim();
}

export function fromRpcError(
  method: string,
  code: number,
  message: string,
  data: unknown,
  httpStatus: number,
): ProviderError {
  const detail = describe(method, code, message, data, httpStatus);
  const make = (kind: ProviderError['kind'], userMessage: string, retriable = false): ProviderError =>
    new ProviderError({ kind, code, detail, userMessage, retriable });

  if (RETRIABLE_CODES.has(code)) {
    const what =
      code === RATE_LIMIT_CODE
        ? 'Deribit asked to slow down (rate limit).'
        : `Deribit is temporarily unable to answer (${CODE_NAMES[code] ?? code}).`;
    return make('retries_exhausted', `${what} The request is retried automatically.`, true);
  }
  switch (code) {
    case 13004:
      return make(
        'invalid_credentials',
        'Deribit rejected the client id or secret. Check the key (Account > API on Deribit): copy the client id and secret again, and make sure the key is enabled and belongs to this environment (mainnet or testnet).',
      );
    case UNAUTHORIZED_CODE:
      return make(
        'unauthorized',
        method === 'public/auth'
          ? 'Deribit rejected the key\'s signature. Check the client secret, that the key is enabled and that this computer\'s clock is correct, then try again.'
          : 'Deribit no longer accepts this key\'s session even after signing in again. The key may have been disabled, reset or deleted: check it on Deribit and add it again.',
      );
    case 13021:
      return make(
        'forbidden',
        `This key's scope does not allow ${method}: it needs ${scopeFor(method)}. Edit the key on Deribit to add ${scopeFor(method)} (read-only), or create a new read-only key.`,
      );
    case 10000:
      return make('authorization_required', 'Deribit requires signing in for this request. Remove and add the key again.');
    case -32602:
      return make('invalid_params', `Deribit rejected the parameters of ${method}. This is a bug in the app: please report it.`);
    case -32601:
      return make(
        'method_not_found',
        `Deribit does not know ${method}. Check that the base URL points at Deribit API v2.`,
      );
    default:
      return make('provider_error', `Deribit answered with error ${code} (${message || 'no message'}).`);
  }
}

/** An HTTP answer without a usable JSON-RPC error: 5xx and 429 are transient, other statuses are not. */
export function fromHttpStatus(method: string, status: number, body: string): ProviderError {
  const detail = `${method}: HTTP ${status} ${body.slice(0, 120).replace(/\s+/g, ' ')}`;
  if (status >= 500 || status === 429) {
    return new ProviderError({
      kind: 'retries_exhausted',
      code: null,
      detail,
      userMessage: `Deribit answered HTTP ${status} (temporarily unavailable). The request is retried automatically.`,
      retriable: true,
    });
  }
  return new ProviderError({
    kind: 'provider_error',
    code: null,
    detail,
    userMessage: `Deribit answered HTTP ${status}. Check that the base URL points at Deribit API v2.`,
    retriable: false,
  });
}

export function networkError(method: string, reason: string): ProviderError {
  return new ProviderError({
    kind: 'network',
    code: null,
    detail: `${method}: ${reason}`,
    userMessage: 'Deribit could not be reached (connection failed, dropped or timed out). Retrying automatically.',
    retriable: true,
  });
}

export function cancelledError(): ProviderError {
  return new ProviderError({
    kind: 'cancelled',
    code: null,
    detail: 'request cancelled',
    userMessage: 'The request was cancelled.',
    retriable: false,
  });
}

/** Every attempt failed with a transient error: say what to do now. */
export function exhaustedError(last: ProviderError, attempts: number, allNetwork: boolean): ProviderError {
  const detail = `gave up after ${attempts} attempts; last: ${last.detail}`;
  if (allNetwork) {
    return new ProviderError({
      kind: 'network',
      code: last.code,
      detail,
      userMessage:
        'Deribit could not be reached after several attempts. Check the internet connection (and any proxy or firewall), then sync again: nothing cached is lost.',
      retriable: false,
    });
  }
  return new ProviderError({
    kind: 'retries_exhausted',
    code: last.code,
    detail,
    userMessage: `Deribit kept failing after ${attempts} attempts (${last.userMessage.replace(/ The request is retried automatically\.$/, '')}). Wait a few minutes and sync again: it resumes where it stopped.`,
    retriable: false,
  });
}
