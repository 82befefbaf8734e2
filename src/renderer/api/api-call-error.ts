/**
 * What a failed contract call throws in the renderer, whichever transport carried it: an Error with
 * the ProviderErrorInfo fields, so the UI can show `userMessage` and decide on `kind`/`retriable`
 * ('network' means the app's background service itself is unreachable: show "offline").
 */
import { ProviderError, type ProviderErrorInfo } from '../../core/providers/deribit/errors';

export class ApiCallError extends ProviderError {
  constructor(info: ProviderErrorInfo) {
    super(info);
    this.name = 'ApiCallError';
  }
}

export function isApiCallError(error: unknown): error is ApiCallError {
  return error instanceof ApiCallError;
}

export const SERVICE_UNREACHABLE_MESSAGE =
  "The app's background service is not reachable. Check that the app is still running, then try again; cached data stays browsable.";
