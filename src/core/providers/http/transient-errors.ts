/**
 * The errors every HTTP login connector raises the same way, worded with the service's name: a rate
 * limit (with the wait the server asked for), an unreadable answer, an unreachable server, a cancel, and
 * "gave up after n attempts". Status classification stays in each provider: its codes and hints differ.
 */
import { ProviderError } from '../deribit/errors';

/** A rate-limit answer; retried after `retryAfterMs` (the server's Retry-After) when it sent one. */
export class RateLimitError extends ProviderError {
  readonly retryAfterMs: number | null;

  constructor(info: { readonly code: number; readonly detail: string; readonly userMessage: string }, retryAfterMs: number | null) {
    super({ kind: 'retries_exhausted', retriable: true, ...info });
    this.name = 'RateLimitError';
    this.retryAfterMs = retryAfterMs;
  }
}

export interface ServiceWording {
  /** What the user calls the service: "Cloudflare", "Ingedata Pulse". */
  readonly name: string;
  /** Name the base URL when it cannot be reached (worth checking when the user typed it). */
  readonly sayBaseUrl?: boolean;
  /** Something more to check once it stayed unreachable, e.g. "and the base URL". */
  readonly alsoCheck?: string;
}

export interface TransientErrors {
  malformed(detail: string): ProviderError;
  network(baseUrl: string, reason: string): ProviderError;
  cancelled(): ProviderError;
  /** Every attempt failed with a transient error: say what to do now. */
  exhausted(last: ProviderError, attempts: number): ProviderError;
}

/** The "we retry" endings of these messages, cut when they are quoted inside "kept failing (…)". */
const RETRY_SUFFIX = / (The request is retried automatically|It is retried automatically|Retrying automatically|The sync waits and continues)\.$/;

export function cancelledError(): ProviderError {
  return new ProviderError({ kind: 'cancelled', code: null, detail: 'request cancelled', userMessage: 'The request was cancelled.', retriable: false });
}

export function transientErrors(wording: ServiceWording): TransientErrors {
  const { name } = wording;
  return {
    malformed: (detail) =>
      new ProviderError({
        kind: 'malformed_response',
        code: null,
        detail,
        userMessage: `${name} sent a response that could not be read (incomplete or unexpected). It is retried automatically.`,
        retriable: true,
      }),
    network: (baseUrl, reason) =>
      new ProviderError({
        kind: 'network',
        code: null,
        detail: `${baseUrl}: ${reason}`,
        userMessage: `${name} could not be reached${wording.sayBaseUrl === true ? ` at ${baseUrl}` : ''} (connection failed, dropped or timed out). Retrying automatically.`,
        retriable: true,
      }),
    cancelled: cancelledError,
    exhausted: (last, attempts) => {
      const detail = `gave up after ${attempts} attempts; last: ${last.detail}`;
      if (last.kind === 'network') {
        const also = wording.alsoCheck === undefined ? '' : ` ${wording.alsoCheck}`;
        return new ProviderError({
          kind: 'network',
          code: last.code,
          detail,
          userMessage: `${name} could not be reached after several attempts. Check the internet connection (and any proxy or firewall)${also}, then sync again: nothing cached is lost.`,
          retriable: false,
        });
      }
      return new ProviderError({
        kind: 'retries_exhausted',
        code: last.code,
        detail,
        userMessage: `${name} kept failing after ${attempts} attempts (${last.userMessage.replace(RETRY_SUFFIX, '')}). Wait a few minutes and sync again: it resumes where it stopped.`,
        retriable: false,
      });
    },
  };
}
