/**
 * Cloudflare's per-token limit: `limit` accepted requests per sliding `windowMs`; the request over it
 * gets 429 and starts a block of `blockMs` during which every request is refused (and counted, so tests
 * can assert the client sent none). Times are taken at request arrival.
 */
import type { SimRateLimit } from './sim-types';

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number; duringBlock: boolean };

interface TokenState {
  accepted: number[];
  blockedUntil: number;
}

export class TokenRateLimiter {
  private readonly tokens = new Map<string, TokenState>();
  /** Requests that arrived while their token was blocked. */
  requestsDuringBlock = 0;

  constructor(
    private readonly rate: SimRateLimit,
    private readonly extendBlockOnRequest: boolean,
  ) {}

  check(identity: string, now: number): RateDecision {
    let state = this.tokens.get(identity);
    if (!state) {
      state = { accepted: [], blockedUntil: Number.NEGATIVE_INFINITY };
      this.tokens.set(identity, state);
    }
    if (now < state.blockedUntil) {
      this.requestsDuringBlock += 1;
      if (this.extendBlockOnRequest) state.blockedUntil = now + this.rate.blockMs;
      return { ok: false, retryAfterSeconds: Math.ceil((state.blockedUntil - now) / 1000), duringBlock: true };
    }
    const horizon = now - this.rate.windowMs;
    while (state.accepted.length > 0 && (state.accepted[0] ?? 0) <= horizon) state.accepted.shift();
    if (state.accepted.length >= this.rate.limit) {
      state.blockedUntil = now + this.rate.blockMs;
      return { ok: false, retryAfterSeconds: Math.ceil(this.rate.blockMs / 1000), duringBlock: false };
    }
    state.accepted.push(now);
    return { ok: true };
  }
}
