/**
 * Typed provider errors. `userMessage` says in plain words what happened and what to do;
 * it is what the UI shows. `kind` is stable and crosses the contract as plain JSON.
 */
export type ProviderErrorKind =
  | 'invalid_credentials' // 13004: wrong client id or secret
  | 'unauthorized' // 13009 after one re-auth: bad signature, expired or revoked token
  | 'forbidden' // 13021: the key's scope does not allow this call
  | 'authorization_required' // 10000
  | 'invalid_params' // -32602
  | 'method_not_found' // -32601
  | 'insufficient_scope' // granted scope lacks account:read
  | 'retries_exhausted' // a retriable condition did not clear
  | 'network' // connection refused, dropped, DNS, timeout
  | 'malformed_response' // not JSON, truncated, wrong shape
  | 'cancelled'
  | 'provider_error'; // any other error code from the provider

export interface ProviderErrorInfo {
  readonly kind: ProviderErrorKind;
  /** The provider's numeric error code when there was one. */
  readonly code: number | null;
  /** Technical detail (provider message, HTTP status). */
  readonly detail: string;
  /** What the user reads: what happened and what to do. */
  readonly userMessage: string;
  readonly retriable: boolean;
}

export class ProviderError extends Error implements ProviderErrorInfo {
  readonly kind: ProviderErrorKind;
  readonly code: number | null;
  readonly detail: string;
  readonly userMessage: string;
  readonly retriable: boolean;

  constructor(info: ProviderErrorInfo) {
    super(`${info.userMessage} (${info.detail})`);
    this.name = 'ProviderError';
    this.kind = info.kind;
    this.code = info.code;
    this.detail = info.detail;
    this.userMessage = info.userMessage;
    this.retriable = info.retriable;
  }

  toInfo(): ProviderErrorInfo {
    return {
      kind: this.kind,
      code: this.code,
      detail: this.detail,
      userMessage: this.userMessage,
      retriable: this.retriable,
    };
  }
}

export function isProviderError(e: unknown): e is ProviderError {
  return e instanceof ProviderError;
}
