/**
 * The app's Content-Security-Policy, one string for every place it is applied: the meta tag in
 * src/renderer/index.html, the response header of every app:// document and worker (app-protocol.ts;
 * main-window.ts adds it to the dev server's responses) and of the browser-mode HTTP server
 * (static-file-server.ts); the export's digest worker alone gets DIGEST_WORKER_CONTENT_SECURITY_POLICY
 * (below), which adds WebAssembly compilation. The page talks only to its own origin: provider HTTP happens in main.
 * `frame-ancestors` only works as a header (browsers ignore it in a meta tag); it stays in the one
 * string so the policies never drift.
 *
 * Why `style-src 'unsafe-inline'` stays: ag-grid 36's themes are CSS that the grid injects as <style>
 * elements when it starts (its Theming API; the CSS-file themes are the deprecated "legacy" mode). The
 * only way around it is ag-grid's `styleNonce`, which is worth something only with a fresh nonce per
 * page load, written into both the CSP header and the page by each server and handed to every grid;
 * not done yet. Scripts stay strictly 'self' (no inline script, no eval), which is what stops injected
 * code; inline styles alone cannot run any.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The export digest worker's policy (digest-worker.ts): the app's, with 'wasm-unsafe-eval' added to
 * script-src so hash-wasm's WebAssembly SHA-256 can be compiled (twice as fast as JavaScript over a
 * large export). Why this is safe: 'wasm-unsafe-eval' permits WebAssembly compilation only, not eval or
 * new Function; the worker only ever receives bytes to hash and has no DOM; and the WebAssembly module
 * it compiles ships inside our own bundle (hash-wasm embeds it), so no fetched code is compiled. A
 * dedicated worker served from a URL takes its CSP from its own response (current Chromium), so only
 * this worker gets it: documents and every other worker keep CONTENT_SECURITY_POLICY. Without it the
 * worker falls back to JavaScript and still hashes the same.
 */
export const DIGEST_WORKER_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'");

/**
 * The digest worker's script, by the served file's path or its URL path: Vite's built
 * `assets/digest-worker-<hash>.js`, or the dev server's `/src/renderer/worker/digest-worker.ts`.
 */
const DIGEST_WORKER_PATH = /(?:^|[\\/])digest-worker(?:-[A-Za-z0-9_-]+)?\.(?:js|ts)$/;

/** The CSP for a file the app serves, by its path (a URL's without the query, or the file's on disk). */
export function contentSecurityPolicyFor(pathname: string): string {
  return DIGEST_WORKER_PATH.test(pathname) ? DIGEST_WORKER_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
}
