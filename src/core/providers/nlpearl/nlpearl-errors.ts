/**
 * What went wrong on one NLPearl request, as a typed ProviderError: whether to retry and, in plain words,
 * what the user should check. 400 answers carry ASP.NET ValidationProblemDetails; their field errors are
 * shown verbatim because they name the exact field the server disliked.
 */
import { ProviderError } from '../deribit/errors';
import { isJsonObject, losslessJson, toSafeInteger } from '../deribit/lossless-response';
import { RateLimitError, transientErrors } from '../http/transient-errors';

/**
 * A 429, or a 503 (ASP.NET's rate limiter rejects with 503 by default; an overloaded server also gains from
 * fewer requests). NLPearl documents no limit, so the wait comes from Retry-After when sent, else from backoff.
 */
export class NlpearlRateLimitError extends RateLimitError {
  constructor(status: 429 | 503, detail: string, retryAfterMs: number | null) {
    super(
      {
        code: status,
        detail,
        userMessage:
          status === 429
            ? 'NLPearl asked to slow down (HTTP 429, rate limit). The sync waits and continues.'
            : 'NLPearl is overloaded or limiting requests (HTTP 503). The sync waits and continues.',
      },
      retryAfterMs,
    );
    this.name = 'NlpearlRateLimitError';
  }
}

/** `{"From":["msg"],"$.to":["msg"]}` → `From: msg; $.to: msg`; null when the body has no usable `errors`. */
export function validationErrorsText(body: unknown): string | null {
  if (!isJsonObject(body) || !isJsonObject(body.errors)) return null;
  const parts: string[] = [];
  for (const [field, messages] of Object.entries(body.errors)) {
    const list = Array.isArray(messages) ? messages.map((m) => (typeof m === 'string' ? m : losslessJson(m))) : [losslessJson(messages)];
    parts.push(`${field}: ${list.join(' ')}`);
  }
  return parts.length > 0 ? parts.join('; ') : null;
}

/** Title/detail of a ProblemDetails body, or the first characters of a text body. */
function problemText(body: unknown, text: string): string {
  if (isJsonObject(body)) {
    const bits = [body.title, body.detail, body.message].filter((v): v is string => typeof v === 'string' && v !== '');
    if (bits.length > 0) return bits.join(' — ');
  }
  const plain = text.trim().replace(/\s+/g, ' ').slice(0, 120);
  return plain === '' ? 'empty body' : plain;
}

/** A non-2xx answer other than 429. `body` is the parsed JSON when the text was JSON, else undefined. */
export function fromNlpearlStatus(status: number, body: unknown, text: string, accountId: string): ProviderError {
  const said = problemText(body, text);
  const code = isJsonObject(body) ? toSafeInteger(body.status) : null;
  if (status === 401 || status === 403) {
    return new ProviderError({
      kind: 'invalid_credentials',
      code: code ?? status,
      detail: `HTTP ${status}: ${said}`,
      userMessage: `NLPearl rejected the account id and secret key (HTTP ${status}: ${said}). In NLPearl, open Settings > API, copy the Account ID ("${accountId}" was used) and the Secret Key again; the key must still exist and belong to that account.`,
      retriable: false,
    });
  }
  if (status === 400) {
    const fields = validationErrorsText(body);
    return new ProviderError({
      kind: 'invalid_params',
      code: code ?? status,
      detail: `HTTP 400: ${said}${fields === null ? '' : ` (${fields})`}`,
      userMessage: `NLPearl refused the audit-log query: ${fields ?? said}. This is most likely a bug in the app or a change on NLPearl's side: please report it with this message.`,
      retriable: false,
    });
  }
  if (status >= 500 || status === 408) {
    return new ProviderError({
      kind: 'retries_exhausted',
      code: status,
      detail: `HTTP ${status}: ${said}`,
      userMessage: `NLPearl answered HTTP ${status} (temporarily unavailable). The request is retried automatically.`,
      retriable: true,
    });
  }
  return new ProviderError({
    kind: 'provider_error',
    code: status,
    detail: `HTTP ${status}: ${said}`,
    userMessage: `NLPearl answered HTTP ${status} (${said}). Check the base URL (normally https://api.nlpearl.ai); if it is right and this persists, please report it.`,
    retriable: false,
  });
}

// The base URL is typed by the user and NLPearl has no well-known error page: name it when unreachable.
const transient = transientErrors({ name: 'NLPearl', sayBaseUrl: true, alsoCheck: 'and the base URL' });
export const nlpearlMalformed = transient.malformed;
export const nlpearlNetworkError = transient.network;
export const nlpearlCancelled = transient.cancelled;
export const nlpearlExhausted = transient.exhausted;
