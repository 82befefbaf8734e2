/**
 * Which URLs are the app's own page: the packaged `file://…/out/renderer/index.html`, or in development
 * the electron-vite dev server's origin (ELECTRON_RENDERER_URL). Navigation guards and the IPC sender
 * check both ask this one policy, so they can never disagree.
 */
import { pathToFileURL } from 'node:url';

export interface AppUrlPolicy {
  /** What the window loads. */
  readonly entryUrl: string;
  isAppUrl(url: string): boolean;
}

export interface AppUrlPolicyOptions {
  /** Absolute path of the built index.html (used when there is no dev server). */
  readonly indexHtmlPath: string;
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

export function createAppUrlPolicy(options: AppUrlPolicyOptions): AppUrlPolicy {
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
  const entry = pathToFileURL(options.indexHtmlPath);
  return {
    entryUrl: entry.href,
    // The exact file, whatever the query or fragment; no other file on disk is the app.
    isAppUrl: (url) => {
      const u = parse(url);
      return u !== null && u.protocol === 'file:' && u.host === entry.host && u.pathname === entry.pathname;
    },
  };
}
