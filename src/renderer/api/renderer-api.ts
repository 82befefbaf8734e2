/**
 * `getApi()`: the one RendererApi the UI and the sync runner use. In the desktop app the preload has
 * put the contract on `window.api` (Electron IPC); otherwise the page runs in browser mode and talks
 * HTTP to the loopback server that served it, signed in by the one-time token from the launch URL. Failed calls throw
 * ApiCallError on either transport.
 */
import type { RendererApi } from '../../shared/contract';
import { createHttpApi, type EventSourceLike } from './http-api';
import { takeLaunchToken, type TokenEnvironment } from './http-session-token';
import { createIpcApi } from './ipc-api';

export { ApiCallError, isApiCallError, SERVICE_UNREACHABLE_MESSAGE } from './api-call-error';

/** What transport selection reads from the page's global scope (declared here so no DOM lib is needed). */
export interface RendererEnvironment extends TokenEnvironment {
  readonly api?: unknown;
  readonly location: TokenEnvironment['location'] & { readonly origin: string };
  readonly fetch: typeof fetch;
  readonly EventSource: new (url: string) => EventSourceLike;
}

function isBridge(value: unknown): value is RendererApi {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { call?: unknown; on?: unknown };
  return typeof v.call === 'function' && typeof v.on === 'function';
}

export function pickRendererApi(env: RendererEnvironment): RendererApi {
  if (isBridge(env.api)) return createIpcApi(env.api);
  // No launch token (a reload, or a page opened without the link): the session cookie, if any, is used;
  // without one, calls answer 401 with a message saying what to do.
  return createHttpApi({
    baseUrl: `${env.location.origin}/`,
    launchToken: takeLaunchToken(env),
    fetch: (input, init) => env.fetch(input, init), // keep fetch bound to the window
    openEventSource: (url) => new env.EventSource(url),
  });
}

let current: RendererApi | null = null;

export function getApi(): RendererApi {
  current ??= pickRendererApi(globalThis as unknown as RendererEnvironment);
  return current;
}
