/**
 * Browser mode's launch token: the app opens the page at `…/#token=<hex>` (a fragment never reaches a
 * server or a log). On first load the page takes it out of the address bar and trades it, once, for an
 * HttpOnly session cookie (http-api.ts). The token is never stored: Chromium keeps the link in its
 * History whatever the page does, so the server spends it at the first exchange and the copy in the
 * history opens nothing.
 */
/** Where earlier versions kept the token; removed when found. */
export const TOKEN_STORAGE_KEY = 'deribit-reconciler:api-token';

export interface TokenEnvironment {
  readonly location: { readonly hash: string; readonly pathname: string; readonly search: string };
  readonly history: { replaceState(data: unknown, unused: string, url?: string): void };
  readonly sessionStorage?: { removeItem(key: string): void };
}

/** The launch token from the fragment (removed from the address bar), or null when the page was opened without one. */
export function takeLaunchToken(env: TokenEnvironment): string | null {
  try {
    env.sessionStorage?.removeItem(TOKEN_STORAGE_KEY);
  } catch {
    // Storage disabled: there is nothing of ours in it.
  }
  const params = new URLSearchParams(env.location.hash.replace(/^#/, ''));
  const token = params.get('token');
  if (!token) return null;
  params.delete('token');
  const rest = params.toString();
  env.history.replaceState(null, '', `${env.location.pathname}${env.location.search}${rest ? `#${rest}` : ''}`);
  return token;
}
