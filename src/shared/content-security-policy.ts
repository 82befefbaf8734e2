/**
 * The app's Content-Security-Policy, one string for every place it is applied: the meta tag in
 * src/renderer/index.html, the Electron response header (main-window.ts) and the browser-mode HTTP
 * server (http-transport.ts). The page talks only to its own origin: provider HTTP happens in main.
 * `frame-ancestors` only works as a header (browsers ignore it in a meta tag); it stays in the one
 * string so the policies never drift.
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
