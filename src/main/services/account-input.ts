/** Checks what the user typed into "Add account" before anything is sent anywhere. */
import { ProviderError } from '../../core/providers/deribit/errors';
import { DERIBIT_BASE_URLS } from '../../core/providers/deribit/types';
import type { AddAccountArgs } from '../../shared/contract';

function invalid(userMessage: string, detail: string): ProviderError {
  return new ProviderError({ kind: 'invalid_params', code: null, detail, userMessage, retriable: false });
}

/** The base URL to use, or a clear error. Custom URLs must be http(s); plain http only on loopback. */
export function resolveBaseUrl(args: Pick<AddAccountArgs, 'environment' | 'baseUrl'>): string {
  if (args.environment === 'mainnet' || args.environment === 'testnet') return DERIBIT_BASE_URLS[args.environment];
  if (args.environment !== 'custom') throw invalid('Choose Mainnet, Testnet or a custom URL.', `environment=${String(args.environment)}`);
  let url: URL;
  try {
    url = new URL((args.baseUrl ?? '').trim());
  } catch {
    throw invalid('The custom base URL is not a valid URL. Example: https://test.deribit.com/api/v2', 'bad url');
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw invalid('A custom base URL must use https:// (plain http:// is allowed only for 127.0.0.1).', url.protocol);
  }
  return url.toString().replace(/\/+$/, '');
}

export function validateAddAccount(args: AddAccountArgs): AddAccountArgs {
  if (typeof args !== 'object' || args === null) throw invalid('Fill in the form to add an account.', 'no args');
  const clientId = String(args.clientId ?? '').trim();
  const clientSecret = String(args.clientSecret ?? '').trim();
  if (!clientId) throw invalid('Enter the API key\'s Client ID.', 'empty client id');
  if (!clientSecret) throw invalid('Enter the API key\'s Client secret.', 'empty client secret');
  if (args.authMethod !== 'client_signature' && args.authMethod !== 'client_credentials') {
    throw invalid('Choose how to sign in: client signature or client credentials.', 'bad auth method');
  }
  return { ...args, label: String(args.label ?? '').trim() || clientId, clientId, clientSecret };
}

/** Adding a key waits at most this long for Deribit (or a custom server) before saying it cannot be reached. */
export const KEY_PROBE_DEADLINE_MS = 4_500;
/** One attempt's limit inside the probe: a refused connection is retried once quickly, a silent host is not. */
export const KEY_PROBE_ATTEMPT_TIMEOUT_MS = 4_000;
export const KEY_PROBE_RETRY = { maxAttempts: 2, baseDelayMs: 100, maxDelayMs: 300 } as const;

/** The reason inside a network error's detail ("public/auth: fetch: connect ECONNREFUSED …" → "connect ECONNREFUSED …"). */
function networkReason(detail: string): string {
  const last = detail.includes('last: ') ? detail.slice(detail.lastIndexOf('last: ') + 6) : detail;
  const reason = last.replace(/^(public|private)\/[a-z_]+:\s*/, '').replace(/^(fetch|request|body|read):\s*/, '').trim();
  return reason === '' ? 'no answer' : reason;
}

/**
 * What a failed key check says when the server did not answer: the URL that could not be reached and
 * why, and what to do. Any other failure (wrong secret, scope) is passed on as it is.
 */
export function probeFailure(baseUrl: string, error: unknown, timedOut: boolean, cancelled: boolean): unknown {
  if (cancelled) {
    return new ProviderError({ kind: 'cancelled', code: null, detail: `key check of ${baseUrl} cancelled`, userMessage: 'Cancelled: nothing was added.', retriable: false });
  }
  const info = error instanceof ProviderError ? error : null;
  const unreachable = timedOut || (info !== null && (info.kind === 'network' || (info.kind === 'cancelled' && timedOut)));
  if (!unreachable) return error;
  const reason = timedOut ? `no answer within ${(KEY_PROBE_DEADLINE_MS / 1000).toFixed(1)} s` : networkReason(info?.detail ?? '');
  return new ProviderError({
    kind: 'network',
    code: null,
    detail: `probe ${baseUrl}: ${reason}`,
    userMessage: `${baseUrl} could not be reached (${reason}). Check the address and that this computer can reach it, then add the key again. Nothing was added.`,
    retriable: false,
  });
}
