/**
 * Holds the Pulse bearer token obtained from the API key. The token's lifetime is undocumented, so it is
 * kept until a data call answers 401; then the key is exchanged again ONCE and the call repeated. A second
 * 401 right after a fresh login is final (the key works but its session is refused).
 */
import { ProviderError } from '../deribit/errors';
import { sessionRejectedError } from './ingedata-errors';
import { PulseTokenRejected, postLogin, type PulseEndpoint } from './pulse-http';

export class PulseSession {
  private token: Promise<string> | null = null;

  constructor(
    private readonly endpoint: PulseEndpoint,
    private readonly key: string,
  ) {}

  /** Signs in if needed (one login shared by concurrent callers); a failed login is not cached. */
  private currentToken(signal: AbortSignal): Promise<string> {
    if (this.token === null) {
      const pending = postLogin(this.endpoint, this.key, signal);
      this.token = pending;
      pending.catch(() => {
        if (this.token === pending) this.token = null;
      });
    }
    return this.token;
  }

  /** Runs `call` with a token; on 401 signs in again once and repeats it. */
  async call<T>(signal: AbortSignal, call: (token: string) => Promise<T>): Promise<T> {
    const first = await this.currentToken(signal);
    try {
      return await call(first);
    } catch (e) {
      if (!(e instanceof PulseTokenRejected)) throw e;
      // Another caller may already have replaced the token; only drop the one that was refused.
      if (this.token !== null && (await this.token.catch(() => null)) === first) this.token = null;
    }
    const fresh = await this.currentToken(signal);
    try {
      return await call(fresh);
    } catch (e) {
      if (e instanceof PulseTokenRejected) {
        this.token = null;
        throw sessionRejectedError(e.serverMessage);
      }
      throw e;
    }
  }

  /** Forgets the token (e.g. after the key was changed). */
  reset(): void {
    this.token = null;
  }
}

export function isFinalAuthError(e: unknown): boolean {
  return e instanceof ProviderError && (e.kind === 'invalid_credentials' || e.kind === 'unauthorized' || e.kind === 'forbidden');
}
