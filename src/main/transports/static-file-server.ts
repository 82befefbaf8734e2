/**
 * Serves the built renderer (out/renderer) for browser mode: correct content types, the app's CSP and
 * hardening headers on every file, no caching of index.html (a rebuild must show up on reload), long
 * caching of Vite's hashed assets, SPA fallback to index.html for extension-less paths, and no way out
 * of the folder (encoded `..`, backslashes, NUL bytes, symlinks pointing elsewhere).
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicyFor } from '../../shared/content-security-policy';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Headers every page and asset carries. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export type StaticHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void>;

function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
  res.end(text);
}

async function fileSize(path: string): Promise<number | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

/** Where a request path leads inside the served folder. */
export type RendererFileLookup =
  | { readonly kind: 'file'; readonly path: string; readonly size: number; readonly isIndex: boolean; readonly isHashedAsset: boolean }
  | { readonly kind: 'bad-path' }
  | { readonly kind: 'not-found' };

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path (still percent-encoded) to a file inside `staticDir`, or says why not. Shared by the
 * browser-mode server and the Electron app:// handler, so both refuse the same escapes: encoded `..`,
 * backslashes, NUL bytes, and symlinks whose target lies outside the folder.
 */
export function createRendererFileResolver(staticDir: string): (pathname: string) => Promise<RendererFileLookup> {
  const root = resolve(staticDir);
  const realRoot = realpath(root).catch(() => root);
  const indexPath = resolve(root, 'index.html');
  const inside = (path: string, base: string): boolean => path === base || path.startsWith(base + sep);
  const found = (path: string, size: number): RendererFileLookup => {
    const isIndex = path === indexPath;
    return { kind: 'file', path, size, isIndex, isHashedAsset: !isIndex && inside(path, resolve(root, 'assets')) };
  };

  return async (pathname) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return { kind: 'bad-path' };
    }
    if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'bad-path' };
    const candidate = resolve(root, `.${decoded.endsWith('/') ? `${decoded}index.html` : decoded}`);
    if (!inside(candidate, root)) return { kind: 'not-found' };
    const size = await fileSize(candidate);
    if (size !== null) {
      // A symlink inside the folder must not lead outside it.
      const real = await realpath(candidate).catch(() => null);
      if (real === null || !inside(real, await realRoot)) return { kind: 'not-found' };
      return found(candidate, size);
    }
    // Client-side routes (no file extension) get the app; a missing asset is a plain 404.
    const indexSize = extname(decoded) === '' ? await fileSize(indexPath) : null;
    return indexSize === null ? { kind: 'not-found' } : found(indexPath, indexSize);
  };
}

/** Index never cached (a rebuild must show on reload), Vite's hashed assets cached for good, the rest revalidated. */
export function cacheControlOf(lookup: Extract<RendererFileLookup, { kind: 'file' }>): string {
  return lookup.isIndex ? 'no-store' : lookup.isHashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache';
}

export function createStaticFileServer(staticDir: string): StaticHandler {
  const lookup = createRendererFileResolver(staticDir);

  const send = async (req: IncomingMessage, res: ServerResponse, file: Extract<RendererFileLookup, { kind: 'file' }>): Promise<void> => {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      // The digest worker alone may compile WebAssembly (DIGEST_WORKER_CONTENT_SECURITY_POLICY).
      'Content-Security-Policy': contentSecurityPolicyFor(file.path),
      'Content-Type': contentTypeOf(file.path),
      'Content-Length': String(file.size),
      'Cache-Control': cacheControlOf(file),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await new Promise<void>((done) => {
      const stream = createReadStream(file.path);
      stream.on('error', () => {
        res.destroy();
        done();
      });
      stream.on('end', done);
      stream.pipe(res);
    });
  };

  return async (req, res, pathname) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
      return;
    }
    const file = await lookup(pathname);
    if (file.kind === 'bad-path') sendText(res, 400, 'Bad path');
    else if (file.kind === 'not-found') sendText(res, 404, 'Not found');
    else await send(req, res, file);
  };
}
