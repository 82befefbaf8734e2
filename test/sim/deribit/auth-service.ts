/**
 * public/auth and bearer-token checks: client_credentials, client_signature (HMAC-SHA256 over
 * `timestamp\nnonce\ndata`, time window and single-use nonces) and refresh_token, with scope
 * narrowing. Tokens expire on the injected server clock.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { RpcError, invalidParams } from './rpc-errors';
import type { SimKey } from './sim-types';

const ACCESS_SCOPES = ['account', 'trade', 'wallet', 'block_trade', 'custody'] as const;
const LEVELS = { none: 0, read: 1, read_write: 2 } as const;
type Level = keyof typeof LEVELS;

export interface TokenGrant {
  readonly clientId: string;
  readonly scope: string;
  readonly expiresAt: number;
}

export interface AuthSettings {
  readonly keys: readonly SimKey[];
  readonly now: () => number;
  readonly tokenTtlSeconds: number;
  readonly signatureWindowMs: number;
  readonly badSignatureCode: 13004 | 13009;
}

/** Refresh tokens outlive access tokens (a week here, like the exchange's long-lived refresh). */
const REFRESH_TTL_MS = 7 * 86_400_000;

export class AuthService {
  private readonly accessTokens = new Map<string, TokenGrant>();
  private readonly refreshTokens = new Map<string, TokenGrant>();
  private readonly usedNonces = new Map<string, Set<string>>();

  constructor(private readonly settings: AuthSettings) {}

  /** Handles public/auth; returns the result object. */
  authenticate(params: Readonly<Record<string, string>>): Record<string, string | number> {
    const grantType = params.grant_type;
    let clientId: string;
    let baseScope: string;
    if (grantType === 'client_credentials') {
      const key = this.keyFor(params.client_id);
      if (!key || params.client_secret === undefined || !safeEqual(params.client_secret, key.clientSecret)) {
        throw new RpcError(13004, 400);
      }
      clientId = key.clientId;
      baseScope = key.scope;
    } else if (grantType === 'client_signature') {
      const key = this.checkSignature(params);
      clientId = key.clientId;
      baseScope = key.scope;
    } else if (grantType === 'refresh_token') {
      const grant = params.refresh_token === undefined ? undefined : this.refreshTokens.get(params.refresh_token);
      if (!grant || grant.expiresAt <= this.settings.now()) throw new RpcError(13009, 401);
      if (params.refresh_token !== undefined) this.refreshTokens.delete(params.refresh_token);
      const key = this.keyFor(grant.clientId);
      if (!key) throw new RpcError(13004, 400);
      // A refreshed token keeps the previous grant unless a new scope is asked for.
      return this.issue(key.clientId, params.scope === undefined ? grant.scope : narrowScope(key.scope, params.scope));
    } else {
      throw invalidParams('grant_type', 'must be client_credentials, client_signature or refresh_token');
    }
    return this.issue(clientId, narrowScope(baseScope, params.scope));
  }

  /** Resolves `Authorization: Bearer <token>`; throws 13009 when missing, unknown or expired. */
  authorize(header: string | undefined): TokenGrant {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    const grant = match?.[1] === undefined ? undefined : this.accessTokens.get(match[1]);
    if (!grant || grant.expiresAt <= this.settings.now()) throw new RpcError(13009, 401);
    return grant;
  }

  /** The 'expire-token' fault: every access token stops working at once (refresh tokens survive). */
  invalidateAccessTokens(): void {
    this.accessTokens.clear();
  }

  private checkSignature(params: Readonly<Record<string, string>>): SimKey {
    const key = this.keyFor(params.client_id);
    if (!key) throw new RpcError(13004, 400);
    const { timestamp, nonce, signature } = params;
    if (timestamp === undefined || nonce === undefined || signature === undefined) {
      throw invalidParams('signature', 'timestamp, nonce and signature are required');
    }
    const bad = (reason: string): RpcError =>
      new RpcError(this.settings.badSignatureCode, this.settings.badSignatureCode === 13009 ? 401 : 400, { reason });
    const ts = Number(timestamp);
    if (!Number.isFinite(ts) || Math.abs(this.settings.now() - ts) > this.settings.signatureWindowMs) {
      throw bad('timestamp outside the signature window');
    }
    const expected = signClientRequest(key.clientSecret, timestamp, nonce, params.data ?? '');
    if (!safeEqual(signature.toLowerCase(), expected)) throw bad('invalid signature');
    const nonces = this.usedNonces.get(key.clientId) ?? new Set<string>();
    if (nonces.has(nonce)) throw bad('nonce already used');
    nonces.add(nonce);
    this.usedNonces.set(key.clientId, nonces);
    return key;
  }

  private issue(clientId: string, scope: string): Record<string, string | number> {
    const now = this.settings.now();
    const accessToken = randomBytes(18).toString('base64url');
    const refreshToken = randomBytes(18).toString('base64url');
    this.accessTokens.set(accessToken, { clientId, scope, expiresAt: now + this.settings.tokenTtlSeconds * 1000 });
    this.refreshTokens.set(refreshToken, { clientId, scope, expiresAt: now + REFRESH_TTL_MS });
    return {
      access_token: accessToken,
      expires_in: this.settings.tokenTtlSeconds,
      refresh_token: refreshToken,
      scope,
      token_type: 'bearer',
    };
  }

  private keyFor(clientId: string | undefined): SimKey | undefined {
    return this.settings.keys.find((k) => k.clientId === clientId);
  }
}

/** hex(HMAC_SHA256(secret, timestamp + "\n" + nonce + "\n" + data)) */
export function signClientRequest(secret: string, timestamp: string, nonce: string, data: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${nonce}\n${data}`).digest('hex');
}

/**
 * Granted = requested ∩ allowed for the access scopes (x:read_write implies x:read); with no access
 * scope requested the key's full scope; `session:NAME` is always echoed.
 */
export function narrowScope(allowed: string, requested: string | undefined): string {
  const allowedLevels = accessLevels(allowed);
  const tokens = (requested ?? '').split(/\s+/).filter(Boolean);
  const requestedLevels = accessLevels(tokens.join(' '));
  const granted: string[] = [];
  if (requestedLevels.size === 0) {
    granted.push(...allowed.split(/\s+/).filter((t) => isAccessScope(t)));
  } else {
    for (const [area, level] of requestedLevels) {
      const max = Math.min(LEVELS[level], LEVELS[allowedLevels.get(area) ?? 'none']);
      if (max > 0) granted.push(`${area}:${max === 2 ? 'read_write' : 'read'}`);
    }
  }
  for (const token of tokens) if (token.startsWith('session:')) granted.push(token);
  return granted.join(' ');
}

/** Whether a granted scope string allows reading `area` (read or read_write). */
export function scopeAllows(scope: string, area: (typeof ACCESS_SCOPES)[number]): boolean {
  const level = accessLevels(scope).get(area);
  return level === 'read' || level === 'read_write';
}

function accessLevels(scope: string): Map<string, Level> {
  const levels = new Map<string, Level>();
  for (const token of scope.split(/\s+/)) {
    if (!isAccessScope(token)) continue;
    const [area = '', level = 'none'] = token.split(':') as [string, Level];
    const current = levels.get(area);
    if (current === undefined || LEVELS[level] > LEVELS[current]) levels.set(area, level);
  }
  return levels;
}

function isAccessScope(token: string): boolean {
  const [area, level] = token.split(':');
  return (
    (ACCESS_SCOPES as readonly string[]).includes(area ?? '') && level !== undefined && level in LEVELS
  );
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
