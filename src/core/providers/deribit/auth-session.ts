/**
 * The key's OAuth session: signs in (client_signature by default, so the secret never travels), refreshes
 * the token at 80% of the lifetime Deribit states (`expires_in`, never assumed), falls back to a full
 * sign-in when a refresh fails, and shares one sign-in between concurrent callers.
 *
 * Working tokens ask for `session:NAME account:read wallet:read`, and Deribit narrows a token to what is
 * asked, so a token never reveals that the KEY could trade or withdraw. An explicit `signIn` therefore
 * first asks for no access scope (Deribit then grants the key's full scope) only to judge the key, and
 * discards that token.
 */
import { untilAborted } from './abort-wait';
import { signClientSignature } from './client-signature';
import { isProviderError, type ProviderError } from './errors';
import { evaluateScope } from './granted-scope';
import { isJsonObject, malformed, toSafeInteger, toText } from './lossless-response';
import type { Clock } from './rate-scheduler';
import type { DeribitAuthMethod, GrantedScope } from './types';

export type PublicCall = (method: string, params: Record<string, string>, signal: AbortSignal) => Promise<unknown>;

export interface AuthSessionOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly authMethod: DeribitAuthMethod;
  readonly sessionName: string;
  readonly clock: Clock;
  /** Performs a public call with retries and pacing (the client's request path). */
  readonly publicCall: PublicCall;
}

/** Refresh when this share of the token lifetime has passed. */
const REFRESH_AT_LIFETIME = 0.8;
/** A re-measured clock skew must differ by more than this to justify a second signature attempt. */
const SKEW_CHANGE_MS = 1000;

interface Granted {
  readonly token: Token;
  readonly scope: string | null;
}

interface Token {
  readonly access: string;
  readonly refresh: string | null;
  readonly refreshAt: number;
}

function randomNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('');
}

export class AuthSession {
  private readonly options: AuthSessionOptions;
  private token: Token | null = null;
  private renewal: Promise<Token> | null = null;
  /** Server clock minus local clock (ms), measured from public/get_time before the first signature. */
  private skewMs: number | null = null;
  /** What the last token was granted. */
  private tokenScope: GrantedScope | null = null;
  /** What the key itself allows, from the probe in signIn. */
  private keyScope: GrantedScope | null = null;

  constructor(options: AuthSessionOptions) {
    this.options = options;
  }

  /** The key's own scope once signIn has judged it, else the working token's; null before any sign-in. */
  get grantedScope(): GrantedScope | null {
    return this.keyScope ?? this.tokenScope;
  }

  get requestedScope(): string {
    return `session:${this.options.sessionName} account:read wallet:read`;
  }

  /** A valid access token, signing in or refreshing first when needed. */
  async accessToken(sessionSignal: AbortSignal, callSignal: AbortSignal): Promise<string> {
    const current = this.token;
    if (!this.renewal && current && this.options.clock.now() < current.refreshAt) return current.access;
    let renewal = this.renewal;
    if (!renewal) {
      const started = this.renew(current, sessionSignal).finally(() => {
        if (this.renewal === started) this.renewal = null;
      });
      this.renewal = renewal = started;
    }
    return (await untilAborted(renewal, callSignal)).access;
  }

  /** After cancelAll: callers arriving now must not join the sign-in that is being aborted. */
  abandonRenewal(): void {
    this.renewal = null;
  }

  /** Judges what the key allows (see the header), then signs in afresh with the narrow working scope. */
  async signIn(sessionSignal: AbortSignal, callSignal: AbortSignal): Promise<GrantedScope> {
    const probe = await untilAborted(this.fullSignIn(`session:${this.options.sessionName}`, sessionSignal), callSignal);
    if (probe.scope === null) throw malformed('public/auth returned no scope');
    this.keyScope = evaluateScope(probe.scope);
    this.token = null;
    await this.accessToken(sessionSignal, callSignal);
    return this.keyScope;
  }

  /** Deribit answered 13009 to a request made with `access`: forget it so the next call signs in afresh. */
  /** Tokens held now, so errors that quote an answer can have them removed (they are credentials). */
  knownTokens(): string[] {
    const t = this.token;
    return t === null ? [] : t.refresh === null ? [t.access] : [t.access, t.refresh];
  }

  invalidate(access: string): void {
    if (this.token?.access === access) this.token = null;
  }

  private async renew(current: Token | null, signal: AbortSignal): Promise<Token> {
    let granted: Granted | null = null;
    if (current?.refresh) {
      try {
        granted = await this.request({ grant_type: 'refresh_token', refresh_token: current.refresh }, signal);
      } catch (e) {
        if (!isProviderError(e) || e.kind === 'cancelled') throw e;
        // Refresh token expired or revoked: a full sign-in below.
      }
    }
    granted ??= await this.fullSignIn(this.requestedScope, signal);
    if (granted.scope !== null) this.tokenScope = evaluateScope(granted.scope);
    this.token = granted.token;
    return granted.token;
  }

  private fullSignIn(scope: string, signal: AbortSignal): Promise<Granted> {
    if (this.options.authMethod === 'client_credentials') {
      // Only when the user chose it: the secret then travels in the query string (over TLS).
      const { clientId, clientSecret } = this.options;
      return this.request({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope }, signal);
    }
    return this.signInWithSignature(scope, signal);
  }

  private async signInWithSignature(scope: string, signal: AbortSignal): Promise<Granted> {
    const previousSkew = this.skewMs ?? (await this.measureSkew(signal));
    try {
      return await this.signedRequest(scope, previousSkew, signal);
    } catch (e) {
      if (!isRejectedSignature(e)) throw e;
      // Perhaps the local clock moved since the skew was measured (the timestamp is valid for 60 s only):
      // measure again, and try once more only if that changes anything. Never a loop.
      const skew = await this.measureSkew(signal);
      if (Math.abs(skew - previousSkew) <= SKEW_CHANGE_MS) throw e;
      return this.signedRequest(scope, skew, signal);
    }
  }

  private async signedRequest(scope: string, skewMs: number, signal: AbortSignal): Promise<Granted> {
    const timestamp = Math.round(this.options.clock.now() + skewMs);
    const nonce = randomNonce();
    const data = '';
    const signature = await signClientSignature(this.options.clientSecret, timestamp, nonce, data);
    const { clientId } = this.options;
    return this.request(
      { grant_type: 'client_signature', client_id: clientId, timestamp: String(timestamp), nonce, data, signature, scope },
      signal,
    );
  }

  private async measureSkew(signal: AbortSignal): Promise<number> {
    const { clock } = this.options;
    const sentAt = clock.now();
    const serverTime = toSafeInteger(await this.options.publicCall('public/get_time', {}, signal));
    if (serverTime === null) throw malformed('public/get_time returned no timestamp');
    const receivedAt = clock.now();
    this.skewMs = serverTime - (sentAt + receivedAt) / 2;
    return this.skewMs;
  }

  private async request(params: Record<string, string>, signal: AbortSignal): Promise<Granted> {
    const startedAt = this.options.clock.now();
    const result = await this.options.publicCall('public/auth', params, signal);
    if (!isJsonObject(result)) throw malformed('public/auth result is not an object');
    const access = toText(result.access_token);
    const expiresIn = toSafeInteger(result.expires_in);
    if (access === null || expiresIn === null) throw malformed('public/auth result lacks access_token or expires_in');
    return {
      token: {
        access,
        refresh: toText(result.refresh_token),
        // Lifetime counted from before the request left: errs on the early side.
        refreshAt: startedAt + expiresIn * 1000 * REFRESH_AT_LIFETIME,
      },
      scope: toText(result.scope),
    };
  }
}

/** What Deribit answers to a bad or stale signature: 13009, or 13004 on some deployments. */
function isRejectedSignature(e: unknown): e is ProviderError {
  return isProviderError(e) && (e.code === 13009 || e.code === 13004);
}
