/**
 * What a failed contract call throws in the renderer, whichever transport carried it: an Error with
 * the ProviderErrorInfo fields, so the UI can show `userMessage` and decide on `kind`/`retriable`
 * ('network' means the app's background service itself is unreachable: show "offline").
 */
import type { ProviderErrorInfo, ProviderErrorKind } from '../../core/providers/deribit/errors';

export class ApiCallError extends Error implements ProviderErrorInfo {
  readonly kind: ProviderErrorKind;
  readonly code: number | null;
  readonly detail: string;
  readonly userMessage: string;
  readonly retriable: boolean;

  constructor(info: ProviderErrorInfo) {
    super(`${info.userMessage} (${info.detail})`);
    this.name = 'ApiCallError';
    this.kind = info.kind;
    this.code = info.code;
    this.detail = info.detail;
    this.userMessage = info.userMessage;
    this.retriable = info.retriable;
  }

  toInfo(): ProviderErrorInfo {
    return { kind: this.kind, code: this.code, detail: this.detail, userMessage: this.userMessage, retriable: this.retriable };
  }
}

export function isApiCallError(error: unknown): error is ApiCallError {
  return error instanceof ApiCallError;
}

export const SERVICE_UNREACHABLE_MESSAGE =
  "The app's background service is not reachable. Check that the app is still running, then try again; cached data stays browsable.";
