/**
 * node:http plumbing for the Pulse simulator: routes the login POST and the account_logins GET, answers
 * errors as `{"message": ...}`, logs every request and applies faults (the shared FIFO queue with the
 * Deribit simulator's fault kinds; `method` = 'login' | 'account_logins') and latency.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FaultQueue } from '../shared/fault-queue';
import { SimTimers, createSimHttpServer, simResponder } from '../shared/sim-http-server';
import { PulseHttpError, answerAccountLogins, type QueryOptions } from './account-logins-query';
import type { LoginDataset } from './login-dataset';
import type { PulseAuth } from './pulse-auth';
import type { PulseRateLimiter } from './pulse-rate-limit';
import type { FaultKind, FaultSpec, PulseRequestLog } from './sim-types';

export const LOGIN_PATH = '/api/v3/iam/auth/api/login';
export const ACCOUNT_LOGINS_PATH = '/api/v3/iam/account_logins';

export interface ServerDeps {
  readonly dataset: LoginDataset;
  readonly auth: PulseAuth;
  readonly limiter: PulseRateLimiter;
  readonly faults: FaultQueue<FaultSpec>;
  readonly log: () => PulseRequestLog[];
  readonly query: QueryOptions;
  readonly latencyMs: number;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function createPulseServer(deps: ServerDeps): { server: Server; timers: SimTimers } {
  const timers = new SimTimers();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const startedAt = performance.timeOrigin + performance.now();
    const url = new URL(req.url ?? '/', 'http://sim.local');
    const bodyText = req.method === 'POST' ? await readBody(req) : (req.resume(), '');
    const route =
      req.method === 'POST' && url.pathname === LOGIN_PATH ? 'login' : req.method === 'GET' && url.pathname === ACCOUNT_LOGINS_PATH ? 'account_logins' : url.pathname;
    const params: Record<string, string> = {};
    for (const [key, value] of url.searchParams) params[key] = params[key] === undefined ? value : `${params[key]},${value}`;
    const entry: PulseRequestLog = { route, startedAt, params, status: 0 };
    deps.log().push(entry);

    const respond = simResponder(req, res, entry, timers, deps.latencyMs);
    const send = (status: number, body: string, headers: Record<string, string> = {}): void => respond.send({ status, body, headers });
    const tooMany = (resetMs: number): void =>
      send(429, JSON.stringify({ message: 'Too many requests' }), deps.limiter.sendsRetryAfter ? { 'retry-after': String(Math.max(1, Math.ceil(resetMs / 1000))) } : {});

    const fault = deps.faults.take(route);
    if (fault && shortCircuit(fault)) return;
    if (fault?.type === 'expire-token') deps.auth.invalidateAll();

    let status = 200;
    let body: string;
    let headers: Record<string, string> = {};
    try {
      if (route === 'login') {
        const submitted = /"key"\s*:\s*"([^"]*)"/.exec(bodyText)?.[1] ?? req.socket.remoteAddress ?? 'unknown';
        const wait = deps.limiter.take(submitted);
        if (wait !== null) return tooMany(wait);
        body = deps.auth.login(bodyText).body;
      } else if (route === 'account_logins') {
        const key = deps.auth.check(req.headers.authorization);
        const wait = deps.limiter.take(key);
        if (wait !== null) return tooMany(wait);
        body = answerAccountLogins(deps.dataset, url.searchParams, deps.query);
        headers = { 'content-type': 'application/vnd.api+json' };
      } else {
        throw new PulseHttpError(404, `Not found: ${req.method ?? 'GET'} ${url.pathname}`);
      }
    } catch (caught) {
      const error = caught instanceof PulseHttpError ? caught : new PulseHttpError(500, 'Internal server error');
      if (!(caught instanceof PulseHttpError)) console.error('ingedata sim: handler crashed', caught);
      status = error.status;
      body = error.body();
    }
    respond.deliver({ status, body, headers }, fault);

    /** Faults that replace the whole exchange; true when the request is finished. */
    function shortCircuit(kind: FaultKind): boolean {
      switch (kind.type) {
        case 'error': {
          const httpStatus = kind.httpStatus ?? kind.code;
          if (httpStatus === 429) {
            send(429, JSON.stringify({ message: kind.message ?? 'Too many requests' }), deps.limiter.sendsRetryAfter ? { 'retry-after': '1' } : {});
          } else {
            send(httpStatus, JSON.stringify({ message: kind.message ?? 'Error' }));
          }
          return true;
        }
        case 'http':
          respond.send({ status: kind.status, body: kind.body ?? `<html><body><h1>${kind.status} Bad Gateway</h1></body></html>`, contentType: 'text/html' });
          return true;
        case 'malformed':
          send(200, kind.body ?? '{"data":[{"type":"iam/account_logins","id":"1",');
          return true;
        case 'drop':
          respond.drop();
          return true;
        default:
          return false;
      }
    }
  };

  return { server: createSimHttpServer('ingedata', handle), timers };
}
