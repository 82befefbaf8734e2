/** What to show for a failed call: the provider's userMessage when there is one, else plain words. */

export interface ShownError {
  readonly message: string;
  /** ProviderErrorInfo kind when known ('network' = the background service is unreachable). */
  readonly kind: string | null;
}

export function toShownError(error: unknown): ShownError {
  if (typeof error === 'object' && error !== null) {
    const e = error as { userMessage?: unknown; kind?: unknown; message?: unknown };
    const kind = typeof e.kind === 'string' ? e.kind : null;
    if (typeof e.userMessage === 'string' && e.userMessage !== '') return { message: e.userMessage, kind };
    if (typeof e.message === 'string' && e.message !== '') return { message: e.message, kind };
  }
  return { message: 'Something went wrong. Try again.', kind: null };
}
