/** Cloudflare Access authentication logs: the login-audit connector and what callers configure. */
export { createCloudflareConnector, type CloudflareConnectorOptions } from './cloudflare-connector';
export type { CloudflareCredentials } from './cloudflare-errors';
export { DEFAULT_CLOUDFLARE_BASE_URL } from './access-requests-http';
export { CLOUDFLARE_RATE_LIMIT, type RateLimit } from './request-pacer';
