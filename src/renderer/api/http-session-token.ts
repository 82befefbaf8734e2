/**
 * Browser mode's bearer token: the app opens the page at `…/#token=<hex>` (a fragment never reaches a
 * server or a log); on first load the token moves to sessionStorage — so reloads keep working in this
 * tab — and the fragment is removed from the address bar.
 */
export const TOKEN_STORAGE_KEY = 'deribit-reconciler:api-token';

export interface TokenEnvironment {
  readonly location: { readonly hash: string; readonly pathname: string; readonly search: string };
  readonly history: { replaceState(data: unknown, unused: string, url?: string): void };
  readonly sessionStorage?: {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
  };
}

export function takeApiToken(env: TokenEnvironment): string | null {
  const params = new URLSearchParams(env.location.hash.replace(/^#/, ''));
  const fromFragment = params.get('token');
  if (fromFragment) {
    try {
      env.sessionStorage?.setItem(TOKEN_STORAGE_KEY, fromFragment);
    } catch {
      // Storage disabled: this load still works; a reload will need the link again.
    }
    params.delete('token');
    const rest = params.toString();
    env.history.replaceState(null, '', `${env.location.pathname}${env.location.search}${rest ? `#${rest}` : ''}`);
    return fromFragment;
  }
  try {
    return env.sessionStorage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}
