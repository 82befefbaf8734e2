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
