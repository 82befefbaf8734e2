/**
 * Which URLs are the app's own page: the packaged `app://renderer/index.html` (app-protocol.ts), or in
 * development the electron-vite dev server's origin (ELECTRON_RENDERER_URL). Navigation guards, the
 * permission check and the IPC sender check all ask this one policy, so they can never disagree.
 */
import { APP_ENTRY_URL, APP_HOST, APP_SCHEME } from './app-protocol';

export interface AppUrlPolicy {
  /** What the window loads. */
  readonly entryUrl: string;
  isAppUrl(url: string): boolean;
}

export interface AppUrlPolicyOptions {
  /** The dev server URL; only honoured in development (never set it in a packaged app). */
  readonly devServerUrl?: string | undefined;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export function createAppUrlPolicy(options: AppUrlPolicyOptions = {}): AppUrlPolicy {
  const dev = options.devServerUrl ? parse(options.devServerUrl) : null;
  if (dev) {
    if (dev.protocol !== 'http:' && dev.protocol !== 'https:') {
      throw new Error(`The dev server URL must be http(s): ${options.devServerUrl}`);
    }
    return {
      entryUrl: dev.href,
      // Same origin: the dev server serves the page, its modules and the HMR socket.
      isAppUrl: (url) => parse(url)?.origin === dev.origin,
    };
  }
  return {
    entryUrl: APP_ENTRY_URL,
    // The app document itself, whatever its query or fragment; not another file of the origin, not file://.
    isAppUrl: (url) => {
      const u = parse(url);
      return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.pathname === '/index.html' && u.username === '' && u.password === '';
    },
  };
}
