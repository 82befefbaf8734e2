/**
 * API-key login: POST /api/v3/iam/auth/api/login {"key"} → {"meta":{"token"}}. Tokens expire on the
 * injected clock after `tokenTtlMs` (undocumented lifetime) or when invalidated by a fault / expireTokens().
 */
import { randomBytes } from 'node:crypto';
import { PulseHttpError } from './account-logins-query';

export class PulseAuth {
  private readonly tokens = new Map<string, { key: string; expiresAt: number }>();

  constructor(
    private readonly keys: readonly string[],
    private readonly now: () => number,
    private readonly ttlMs: number | null,
  ) {}

  /** The login response body for a request body, or a PulseHttpError. */
  login(bodyText: string): { body: string; key: string } {
    let key: unknown;
    try {
      key = (JSON.parse(bodyText) as { key?: unknown } | null)?.key;
    } catch {
      throw new PulseHttpError(400, 'Invalid JSON body');
    }
    if (typeof key !== 'string' || key === '') throw new PulseHttpError(400, 'key is required');
    if (!this.keys.includes(key)) throw new PulseHttpError(401, 'Invalid API key');
    const token = `pulse_tok_${randomBytes(18).toString('hex')}`;
    this.tokens.set(token, { key, expiresAt: this.ttlMs === null ? Number.POSITIVE_INFINITY : this.now() + this.ttlMs });
    return { body: JSON.stringify({ meta: { token } }), key };
  }

  /** The API key behind a valid bearer token, or a 401. */
  check(authorization: string | undefined): string {
    const m = /^Bearer (\S+)$/.exec(authorization ?? '');
    if (!m?.[1]) throw new PulseHttpError(401, 'Missing authorization token');
    const entry = this.tokens.get(m[1]);
    if (!entry) throw new PulseHttpError(401, 'Invalid or expired token');
    if (this.now() >= entry.expiresAt) {
      this.tokens.delete(m[1]);
      throw new PulseHttpError(401, 'Token expired');
    }
    return entry.key;
  }

  invalidateAll(): void {
    this.tokens.clear();
  }
}
