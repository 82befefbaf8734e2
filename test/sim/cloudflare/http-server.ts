/**
 * node:http plumbing: GET {prefix}/accounts/{account_id}/access/logs/access_requests with Cloudflare's
 * envelope, auth (API token or legacy email + Global API Key), the per-token rate limit, injected faults
 * and latency; every request is logged at arrival.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FaultQueue } from '../shared/fault-queue';
import { SimTimers, createSimHttpServer, simResponder } from '../shared/sim-http-server';
import { QueryError, type AccessRequestStore } from './access-request-store';
import type { FaultSpec, SimCredentials, SimRequestLog } from './sim-types';
import type { TokenRateLimiter } from './token-rate-limiter';

export const API_PREFIX = '/client/v4';

export interface ServerDeps {
  readonly store: AccessRequestStore;
  readonly faults: FaultQueue<FaultSpec>;
  readonly limiter: TokenRateLimiter;
  readonly log: SimRequestLog[];
  readonly accountId: string;
  readonly credentials: SimCredentials;
  readonly now: () => number;
  readonly rateClock: () => number;
  readonly latencyMs: number;
  readonly authFailureStatus: number;
}

interface CfError {
  code: number;
  message: string;
}

function envelope(errors: CfError[], result: string): string {
  return `{"success":${errors.length === 0},"errors":${JSON.stringify(errors)},"messages":[],"result":${result}}`;
}

type AuthOutcome = { ok: true; identity: string; kind: 'token' | 'global-key' } | { ok: false; kind: SimRequestLog['auth'] };

function authenticate(req: IncomingMessage, creds: SimCredentials): AuthOutcome & { noPermission?: boolean } {
  const authorization = req.headers.authorization;
  if (typeof authorization === 'string' && /^Bearer /i.test(authorization)) {
    const token = authorization.slice(7).trim();
    if (creds.tokens.includes(token)) return { ok: true, identity: `token:${token}`, kind: 'token' };
    return { ok: false, kind: 'token', noPermission: creds.tokensWithoutPermission.includes(token) };
  }
  const email = req.headers['x-auth-email'];
  const key = req.headers['x-auth-key'];
  if (typeof email === 'string' || typeof key === 'string') {
    const match = creds.globalKeys.some((k) => k.email === email && k.key === key);
    return match ? { ok: true, identity: `key:${String(email)}`, kind: 'global-key' } : { ok: false, kind: 'global-key' };
  }
  return { ok: false, kind: 'none' };
}

export function createSimServer(deps: ServerDeps): { server: Server; timers: SimTimers } {
  const timers = new SimTimers();
  const route = new RegExp(`^${API_PREFIX}/accounts/([^/]+)/access/logs/access_requests/?$`);

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    req.resume();
    const url = new URL(req.url ?? '/', 'http://sim.local');
    const params: Record<string, string> = {};
    for (const [k, v] of url.searchParams) params[k] = v;
    const auth = authenticate(req, deps.credentials);
    const entry: SimRequestLog = { arrivedAt: deps.rateClock(), path: url.pathname, params, auth: auth.kind, status: 0, duringBlock: false };
    deps.log.push(entry);
    const respond = simResponder(req, res, entry, timers, deps.latencyMs);
    const fail = (status: number, error: CfError, headers: Record<string, string> = {}): void =>
      respond.send({ status, body: envelope([error], 'null'), headers });

    const fault = deps.faults.take();
    switch (fault?.type) {
      case 'http':
        return respond.send({
          status: fault.status,
          body: fault.body ?? `<html><body><h1>${fault.status} Bad Gateway</h1>cloudflare</body></html>`,
          contentType: fault.contentType ?? 'text/html',
        });
      case 'rate-limit':
        return fail(429, { code: 971, message: 'Please wait and consider throttling your request speed' },
          fault.retryAfterSeconds === null ? {} : { 'retry-after': String(fault.retryAfterSeconds) });
      case 'malformed':
        return respond.send({ status: 200, body: fault.body ?? '{"success":true,"errors":[],"messages":[],"result":[{"action":"login",' });
      case 'drop':
        return respond.drop();
      default:
        break;
    }

    const match = route.exec(url.pathname);
    if (req.method !== 'GET' || !match) {
      return fail(404, { code: 7003, message: `Could not route to ${url.pathname}, perhaps your object identifier is invalid?` });
    }
    // A known token lacking "Access: Audit Logs Read" is authenticated but forbidden: always 403.
    if (!auth.ok) return fail(auth.noPermission ? 403 : deps.authFailureStatus, { code: 10000, message: 'Authentication error' });
    if (decodeURIComponent(match[1] ?? '') !== deps.accountId) {
      return fail(404, { code: 7003, message: `Could not route to ${url.pathname}, perhaps your object identifier is invalid?` });
    }
    const decision = deps.limiter.check(auth.identity, entry.arrivedAt);
    if (!decision.ok) {
      entry.duringBlock = decision.duringBlock;
      return fail(429, { code: 971, message: 'Please wait and consider throttling your request speed' }, { 'retry-after': String(decision.retryAfterSeconds) });
    }
    let rows: string[];
    try {
      rows = deps.store.query(params, deps.now());
    } catch (e) {
      if (e instanceof QueryError) return fail(400, { code: e.code, message: e.message });
      throw e;
    }
    respond.deliver({ status: 200, body: envelope([], `[${rows.join(',')}]`) }, fault);
  };

  return { server: createSimHttpServer('cloudflare', handle), timers };
}
