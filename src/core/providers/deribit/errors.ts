/**
 * Typed provider errors. `userMessage` says in plain words what happened and what to do;
 * it is what the UI shows. `kind` is stable and crosses the contract as plain JSON.
 *
 * Details and messages quote providers' answers, which can echo a request and its credentials: every
 * error is built with anything that looks like a credential removed (`client_secret=…`, `Bearer …`), and
 * `redact(knownSecrets)` removes the exact secrets a caller holds (see ../http/redact-secrets.ts).
 */
import { redactSecrets } from '../http/redact-secrets';

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
    const detail = redactSecrets(info.detail);
    const userMessage = redactSecrets(info.userMessage);
    super(`${userMessage} (${detail})`);
    this.name = 'ProviderError';
    this.kind = info.kind;
    this.code = info.code;
    this.detail = detail;
    this.userMessage = userMessage;
    this.retriable = info.retriable;
  }

  /**
   * Removes these exact secret values (e.g. the client secret and tokens of the request that failed) from
   * the detail, the user message, the message and the stack; the same error is returned, its class kept.
   */
  redact(knownSecrets: readonly (string | null | undefined)[]): this {
    const self = this as { detail: string; userMessage: string; message: string; stack?: string };
    self.detail = redactSecrets(this.detail, knownSecrets);
    self.userMessage = redactSecrets(this.userMessage, knownSecrets);
    self.message = redactSecrets(this.message, knownSecrets);
    if (this.stack !== undefined) self.stack = redactSecrets(this.stack, knownSecrets);
    return this;
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

/**
 * Runs `call`; a ProviderError it throws leaves with `knownSecrets` redacted (see ProviderError.redact).
 * Wrap each request where its credentials are known, inside the retry loop, so status reports and
 * "gave up after n attempts" details quote the redacted text.
 */
export async function redactingSecrets<T>(knownSecrets: readonly (string | null | undefined)[], call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof ProviderError) throw e.redact(knownSecrets);
    throw e;
  }
}
