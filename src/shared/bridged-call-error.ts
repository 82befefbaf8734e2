/**
 * How a failed call's ProviderErrorInfo survives Electron's contextBridge. The bridge copies an Error
 * thrown by the preload into the page's world but keeps only its message (custom fields are dropped),
 * so the preload writes the info into the message and the renderer's IPC client reads it back.
 */
import type { ProviderErrorInfo, ProviderErrorKind } from '../core/providers/deribit/errors';

const MARKER = 'deribit-reconciler:call-error:';

const KINDS: ReadonlySet<ProviderErrorKind> = new Set<ProviderErrorKind>([
  'invalid_credentials',
  'unauthorized',
  'forbidden',
  'authorization_required',
  'invalid_params',
  'method_not_found',
  'insufficient_scope',
  'retries_exhausted',
  'network',
  'malformed_response',
  'cancelled',
  'provider_error',
]);

export function encodeBridgedError(info: ProviderErrorInfo): string {
  const plain: ProviderErrorInfo = {
    kind: info.kind,
    code: info.code,
    detail: info.detail,
    userMessage: info.userMessage,
    retriable: info.retriable,
  };
  return `${MARKER}${JSON.stringify(plain)}`;
}

/** The info inside a bridged error message, or null when the message carries none (or a damaged one). */
export function decodeBridgedError(message: string): ProviderErrorInfo | null {
  const at = message.indexOf(MARKER);
  if (at < 0) return null;
  try {
    return toProviderErrorInfo(JSON.parse(message.slice(at + MARKER.length)) as unknown);
  } catch {
    return null;
  }
}

/** Checks a value that crossed a process or network boundary; null when it is not a ProviderErrorInfo. */
export function toProviderErrorInfo(value: unknown): ProviderErrorInfo | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.kind !== 'string' || !KINDS.has(v.kind as ProviderErrorKind)) return null;
  if (v.code !== null && typeof v.code !== 'number') return null;
  if (typeof v.detail !== 'string' || typeof v.userMessage !== 'string' || typeof v.retriable !== 'boolean') return null;
  return {
    kind: v.kind as ProviderErrorKind,
    code: v.code,
    detail: v.detail,
    userMessage: v.userMessage,
    retriable: v.retriable,
  };
}
