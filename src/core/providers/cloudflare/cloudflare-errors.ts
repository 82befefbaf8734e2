/**
 * What went wrong on one Cloudflare request, as a typed ProviderError: whether to retry and, in plain
 * words, which credential or setting the user should check.
 */
import { ProviderError } from '../deribit/errors';
import { RateLimitError, transientErrors } from '../http/transient-errors';

export type CloudflareCredentials =
  | { readonly kind: 'api-token'; readonly token: string }
  /** Legacy: the account email (X-Auth-Email) and the Global API Key (X-Auth-Key). */
  | { readonly kind: 'global-key'; readonly email: string; readonly key: string };

export interface CloudflareApiError {
  readonly code: number | null;
  readonly message: string;
}

export const PERMISSION = 'Access: Audit Logs Read';

/** A 429: the whole token is blocked until `retryAfterMs` has passed (Cloudflare blocks for 5 minutes). */
export class CloudflareRateLimitError extends RateLimitError {
  constructor(detail: string, retryAfterMs: number | null) {
    super(
      { code: 429, detail, userMessage: 'Cloudflare is rate-limiting this token (1,200 requests per 5 minutes). The sync waits and continues.' },
      retryAfterMs,
    );
    this.name = 'CloudflareRateLimitError';
  }
}

function errorsText(errors: readonly CloudflareApiError[]): string {
  return errors.map((e) => `${e.code ?? '?'} ${e.message}`).join('; ') || 'no error details';
}

export function authError(status: number, errors: readonly CloudflareApiError[], credentials: CloudflareCredentials): ProviderError {
  const said = errorsText(errors);
  const userMessage =
    credentials.kind === 'api-token'
      ? `Cloudflare rejected the API token (HTTP ${status}: ${said}). Check the API token under My Profile > API Tokens: it must be active, cover this account and include the permission "${PERMISSION}".`
      : `Cloudflare rejected the email and Global API Key (HTTP ${status}: ${said}). Check the email (X-Auth-Email, your Cloudflare login) and the Global API Key (X-Auth-Key, My Profile > API Tokens); the user needs the permission "${PERMISSION}" on this account. A scoped API token is safer than the Global API Key.`;
  return new ProviderError({
    kind: 'invalid_credentials',
    code: errors[0]?.code ?? null,
    detail: `HTTP ${status}: ${said}`,
    userMessage,
    retriable: false,
  });
}

/** Any non-2xx answer other than 429 (which the caller turns into a CloudflareRateLimitError). */
export function fromCloudflareStatus(
  status: number,
  errors: readonly CloudflareApiError[],
  credentials: CloudflareCredentials,
  accountId: string,
): ProviderError {
  if (status === 401 || status === 403 || errors.some((e) => e.code === 10000 || e.code === 9103 || e.code === 9109)) {
    return authError(status, errors, credentials);
  }
  const said = errorsText(errors);
  const detail = `HTTP ${status}: ${said}`;
  if (status >= 500) {
    return new ProviderError({
      kind: 'retries_exhausted',
      code: errors[0]?.code ?? null,
      detail,
      userMessage: `Cloudflare answered HTTP ${status} (temporarily unavailable). The request is retried automatically.`,
      retriable: true,
    });
  }
  if (status === 404 || errors.some((e) => e.code === 7003)) {
    return new ProviderError({
      kind: 'provider_error',
      code: errors[0]?.code ?? null,
      detail,
      userMessage: `Cloudflare does not know account "${accountId}" at this address (${said}). Copy the Account ID from the Cloudflare dashboard (the account's Overview page) and check the base URL.`,
      retriable: false,
    });
  }
  return new ProviderError({
    kind: status === 400 ? 'invalid_params' : 'provider_error',
    code: errors[0]?.code ?? null,
    detail,
    userMessage: `Cloudflare refused the request (HTTP ${status}: ${said}). If this persists, please report it.`,
    retriable: false,
  });
}

const transient = transientErrors({ name: 'Cloudflare' });
export const cloudflareMalformed = transient.malformed;
export const cloudflareNetworkError = transient.network;
export const cloudflareCancelled = transient.cancelled;
export const cloudflareExhausted = transient.exhausted;
