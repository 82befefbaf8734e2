/**
 * node:http plumbing for `POST /v2/Account/AuditLog`: faults, auth (Bearer accountId:secretKey), the
 * optional rate limit, request binding (400 ValidationProblemDetails), the query, latency, and a log of
 * every request. Check order: fault → auth → rate limit → binding → range limit → query.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FaultQueue } from '../shared/fault-queue';
import { SimTimers, createSimHttpServer, simResponder, type SimReply } from '../shared/sim-http-server';
import { bindAuditRequest, rangeDays, runAuditQuery, type ValidationErrors } from './audit-query';
import type { NlpearlSimAccount, SimAuditRecord, SimFaultKind, SimFaultSpec, SimRequestLog } from './sim-types';

export const AUDIT_LOG_PATH = '/v2/Account/AuditLog';

export interface ServerConfig {
  readonly accounts: readonly NlpearlSimAccount[];
  readonly records: () => readonly SimAuditRecord[];
  readonly faults: FaultQueue<SimFaultSpec>;
  readonly log: SimRequestLog[];
  readonly now: () => number;
  readonly latencyMs: number;
  readonly contentType: string;
  readonly cap: number | null;
  readonly order: 'ascending' | 'descending' | 'unordered';
  readonly fromInclusive: boolean;
  readonly toInclusive: boolean;
  readonly unauthorizedBody: 'empty' | 'problem-details' | 'text';
  readonly rateLimit: { readonly limit: number; readonly windowMs: number; readonly retryAfter?: boolean; readonly status?: 429 | 503 } | null;
  readonly maxRangeDays: number | null;
}

type Reply = SimReply & { readonly contentType: string };

function traceId(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`;
}

function problem(status: number, title: string, type: string, extra: Record<string, unknown> = {}): Reply {
  return {
    status,
    contentType: 'application/problem+json; charset=utf-8',
    body: JSON.stringify({ type, title, status, ...extra, traceId: traceId() }),
  };
}

export function validationProblem(errors: ValidationErrors): Reply {
  return problem(400, 'One or more validation errors occurred.', 'https://tools.ietf.org/html/rfc9110#section-15.5.1', { errors });
}

function hashText(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function createSimServer(config: ServerConfig): { server: Server; timers: SimTimers } {
  const timers = new SimTimers();
  const windows = new Map<string, { start: number; count: number }>();

  const unauthorized = (): Reply => {
    const headers = { 'WWW-Authenticate': 'Bearer error="invalid_token"' };
    if (config.unauthorizedBody === 'problem-details') return { ...problem(401, 'Unauthorized', 'https://tools.ietf.org/html/rfc9110#section-15.5.2'), headers };
    if (config.unauthorizedBody === 'text') return { status: 401, body: 'Invalid API credentials', contentType: 'text/plain; charset=utf-8', headers };
    return { status: 401, body: '', contentType: 'text/plain', headers };
  };

  /** Fixed window per account; null when the request may go on. */
  const rateLimited = (accountId: string): Reply | null => {
    const limit = config.rateLimit;
    if (!limit) return null;
    const now = config.now();
    let w = windows.get(accountId);
    if (!w || now - w.start >= limit.windowMs) {
      w = { start: now, count: 0 };
      windows.set(accountId, w);
    }
    w.count++;
    if (w.count <= limit.limit) return null;
    const headers: Record<string, string> = limit.retryAfter === false ? {} : { 'Retry-After': String(Math.max(1, Math.ceil((w.start + limit.windowMs - now) / 1000))) };
    return { status: limit.status ?? 429, body: '', contentType: 'text/plain', headers };
  };

  const answer = (req: IncomingMessage, bodyText: string, entry: SimRequestLog): Reply => {
    if (req.method !== 'POST') return { status: 405, body: '', contentType: 'text/plain', headers: { Allow: 'POST' } };
    const auth = /^Bearer ([^:\s]+):(\S+)$/.exec(req.headers.authorization ?? '');
    const account = auth ? config.accounts.find((a) => a.accountId === auth[1] && a.secretKey === auth[2]) : undefined;
    if (!auth || !account) return unauthorized();
    const limited = rateLimited(account.accountId);
    if (limited) return limited;
    const bound = bindAuditRequest(bodyText);
    if (!bound.ok) return validationProblem(bound.errors);
    if (config.maxRangeDays !== null && rangeDays(bound.query) > config.maxRangeDays) {
      return validationProblem({ To: [`The range between From and To must not exceed ${config.maxRangeDays} days.`] });
    }
    const { answer: records, matched } = runAuditQuery(config.records(), bound.query, {
      fromInclusive: config.fromInclusive,
      toInclusive: config.toInclusive,
      order: config.order,
      cap: config.cap,
      shuffleSeed: hashText(bodyText),
    });
    entry.matched = matched;
    entry.returned = records.length;
    return { status: 200, body: `[${records.map((r) => r.text).join(',')}]`, contentType: config.contentType };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const startedAt = performance.timeOrigin + performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bodyText = Buffer.concat(chunks).toString('utf8');
    const entry: SimRequestLog = { startedAt, authorization: req.headers.authorization ?? null, body: bodyText, status: 0, returned: 0, matched: 0 };
    config.log.push(entry);

    const respond = simResponder(req, res, entry, timers, config.latencyMs);

    const fault: SimFaultKind | undefined = req.url?.startsWith(AUDIT_LOG_PATH) ? config.faults.take() : undefined;
    if (fault?.type === 'status') {
      return respond.send({ status: fault.status, body: fault.body ?? `<html><body><h1>${fault.status}</h1></body></html>`, contentType: fault.contentType ?? 'text/html', headers: fault.headers });
    }
    if (fault?.type === 'malformed') return respond.send({ status: 200, body: fault.body ?? '[{"timestamp":"2026-01-01T00:00:00Z","eventType":2,"us', contentType: config.contentType });
    if (fault?.type === 'drop') return respond.drop();

    const url = new URL(req.url ?? '/', 'http://sim.local');
    const reply: Reply = url.pathname === AUDIT_LOG_PATH ? answer(req, bodyText, entry) : { status: 404, body: '', contentType: 'text/plain' };
    respond.deliver(reply, fault);
  };

  return { server: createSimHttpServer('nlpearl', handle), timers };
}
