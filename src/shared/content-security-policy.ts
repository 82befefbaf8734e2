/**
 * The app's Content-Security-Policy, one string for every place it is applied: the meta tag in
 * src/renderer/index.html, the response header of every app:// document and worker (app-protocol.ts;
 * main-window.ts adds it to the dev server's responses) and of the browser-mode HTTP server
 * (static-file-server.ts). The page talks only to its own origin: provider HTTP happens in main.
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
