/**
 * The renderer's own origin, `app://renderer`, instead of file:// (Electron's security checklist, item
 * "avoid file://"): a standard, secure scheme registered privileged before `ready`, served by
 * `protocol.handle` from the built renderer folder only. Paths are resolved by the same code as the
 * browser-mode server (static-file-server.ts), so `..`, encoded `..`, backslashes, NUL bytes and
 * symlinks leading out of the folder are refused alike. Every response carries the app's CSP and the
 * hardening headers, so documents and workers get the policy as a real header.
 */
import { readFile } from 'node:fs/promises';
import type { CustomScheme, Protocol } from 'electron';
import { contentSecurityPolicyFor } from '../../shared/content-security-policy';
import { SECURITY_HEADERS, cacheControlOf, contentTypeOf, createRendererFileResolver } from '../transports/static-file-server';

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** What the window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * standard: real origin, relative URLs and storage (IndexedDB) like https; secure: a secure context
 * (crypto.subtle, clipboard); supportFetchAPI: module workers and fetch of the app's own files.
 * Not bypassCSP, not corsEnabled, no service workers, no extensions.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/** Must run before the app is ready (Electron refuses it afterwards). */
export function registerAppSchemePrivileged(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

function textResponse(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra },
  });
}

/** The handler for `app://renderer/…`; any other host of the scheme is not found. */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const lookup = createRendererFileResolver(rendererDir);
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return textResponse(400, 'Bad URL');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return textResponse(404, 'Not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed', { Allow: 'GET, HEAD' });
    const file = await lookup(url.pathname);
    if (file.kind === 'bad-path') return textResponse(400, 'Bad path');
    if (file.kind === 'not-found') return textResponse(404, 'Not found');
    let body: Buffer;
    try {
      body = await readFile(file.path);
    } catch {
      return textResponse(404, 'Not found');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        ...SECURITY_HEADERS,
        // The digest worker alone may compile WebAssembly (DIGEST_WORKER_CONTENT_SECURITY_POLICY).
        'Content-Security-Policy': contentSecurityPolicyFor(file.path),
        'Content-Type': contentTypeOf(file.path),
        'Content-Length': String(body.length),
        'Cache-Control': cacheControlOf(file),
      },
    });
  };
}

/** Serves the scheme on the default session (call once the app is ready). */
export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
}
