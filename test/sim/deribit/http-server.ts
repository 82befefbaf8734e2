/**
 * node:http plumbing: routes GET /api/v2/{scope}/{name}?query and JSON-RPC POSTs to the method
 * handlers, wraps results in the JSON-RPC envelope, logs every request and applies faults/latency.
 *
 * Latency is a round trip: each request's latency (latencyMs ± latencyJitterMs, seeded) is spent half on
 * the way in — the request ARRIVES (log `startedAt`, `usIn`, the rate-limit check) only after it — and
 * half on the way out. With jitter, arrivals are therefore spread like a real network spreads them, and a
 * client that only spaces its sends can be caught.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { parse, stringify } from 'lossless-json';
import { SimTimers, createSimHttpServer } from '../shared/sim-http-server';
import type { AuthService } from './auth-service';
import type { FaultQueue } from './fault-queue';
import type { MethodHandlers } from './method-handlers';
import { ERROR_MESSAGES, RpcError, defaultHttpStatus } from './rpc-errors';
import type { FaultKind, SimRequestLog } from './sim-types';

export const API_PREFIX = '/api/v2';

export interface ServerDeps {
  readonly handlers: MethodHandlers;
  readonly auth: AuthService;
  readonly faults: FaultQueue;
  readonly log: SimRequestLog[];
  readonly latencyMs: number;
  /** Each request's latency is latencyMs ± this (uniform), drawn from `random`; default 0. */
  readonly latencyJitterMs?: number;
  /** [0, 1) source for the jitter (seeded by the caller). */
  readonly random?: () => number;
  readonly rateLimitHttpStatus: number;
}

interface ParsedRequest {
  method: string;
  params: Record<string, string>;
  /** JSON text of the request's id, when it had one. */
  idText: string | undefined;
}

export function createSimServer(deps: ServerDeps): { server: Server; cancelTimers: () => void } {
  const timers = new SimTimers();
  const later = (ms: number, fn: () => void): void => timers.later(ms, fn);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { inboundMs, outboundMs } = drawLatency(deps);
    const parsed = await parseRequest(req);
    // Re-armed until due: a Node timer can fire up to a millisecond early, which no network does.
    const arriveAt = performance.now() + inboundMs;
    while (performance.now() < arriveAt) await new Promise<void>((resolve) => later(arriveAt - performance.now(), resolve));
    // usIn is the arrival on the log's clock (epoch µs), so server-side gaps read the same from either.
    const startedAt = logClockNow();
    const usIn = Math.round(startedAt * 1000);
    const entry: SimRequestLog = { method: parsed.method, startedAt, params: parsed.params, status: 0, errorCode: null };
    deps.log.push(entry);

    const fault = deps.faults.take(parsed.method);
    const envelope = (body: string): string => {
      const usOut = Math.max(usIn, Math.round(logClockNow() * 1000));
      const id = parsed.idText === undefined ? '' : `"id":${parsed.idText},`;
      return `{"jsonrpc":"2.0",${id}${body},"usIn":${usIn},"usOut":${usOut},"usDiff":${usOut - usIn},"testnet":false}`;
    };
    const send = (status: number, body: string, errorCode: number | null, contentType = 'application/json'): void => {
      later(outboundMs, () => {
        entry.status = status;
        entry.errorCode = errorCode;
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
    };
    const sendError = (error: RpcError): void => {
      const data = error.data === undefined ? '' : `,"data":${JSON.stringify(error.data)}`;
      const text = `"error":{"message":${JSON.stringify(error.message)},"code":${error.code}${data}}`;
      send(error.httpStatus, envelope(text), error.code);
    };

    if (fault && applyShortCircuit(fault)) return;
    if (fault?.type === 'expire-token') deps.auth.invalidateAccessTokens();

    let status = 200;
    let errorCode: number | null = null;
    let body: string;
    try {
      const result = deps.handlers.call(parsed.method, {
        params: parsed.params,
        authorization: req.headers.authorization,
        remote: req.socket.remoteAddress ?? 'unknown',
      });
      body = envelope(`"result":${fault?.type === 'mutate' ? mutateResult(result, fault.mutate, parsed.params) : result}`);
    } catch (caught) {
      const error = caught instanceof RpcError ? caught : new RpcError(11094, 500, { reason: String(caught) });
      if (!(caught instanceof RpcError)) console.error('deribit sim: handler crashed', caught);
      if (fault?.type !== 'hang' && fault?.type !== 'truncate') return sendError(error);
      status = error.httpStatus;
      errorCode = error.code;
      body = envelope(`"error":{"message":${JSON.stringify(error.message)},"code":${error.code}}`);
    }

    if (fault?.type === 'hang') {
      later(fault.ms, () => send(status, body, errorCode));
    } else if (fault?.type === 'truncate') {
      later(outboundMs, () => {
        entry.status = status;
        entry.errorCode = errorCode;
        if (res.destroyed) return;
        const bytes = Buffer.from(body);
        // Promise the full length, deliver half, then cut the connection: a mid-page interruption.
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': bytes.length });
        res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
      });
    } else {
      send(status, body, errorCode);
    }

    /** Faults that replace the whole exchange; true when the request is finished. */
    function applyShortCircuit(kind: FaultKind): boolean {
      switch (kind.type) {
        case 'error':
          sendError(
            new RpcError(
              kind.code,
              kind.httpStatus ?? (kind.code === 10028 ? deps.rateLimitHttpStatus : defaultHttpStatus(kind.code)),
              undefined,
              kind.message ?? ERROR_MESSAGES[kind.code] ?? 'error',
            ),
          );
          return true;
        case 'http':
          send(kind.status, kind.body ?? `<html><body><h1>${kind.status} Bad Gateway</h1></body></html>`, null, 'text/html');
          return true;
        case 'malformed':
          send(200, kind.body ?? '{"jsonrpc":"2.0","result":{"logs":[{"id":1,', null);
          return true;
        case 'drop':
          later(outboundMs, () => req.socket.destroy());
          return true;
        default:
          return false;
      }
    }
  };

  return { server: createSimHttpServer('deribit', handle), cancelTimers: () => timers.cancelAll() };
}

/** The request log's clock: epoch ms, sub-ms precise, monotonic (a test moving Date.now or `now` leaves it). */
function logClockNow(): number {
  return performance.timeOrigin + performance.now();
}

/** One request's latency, split evenly between the way in and the way out. */
function drawLatency(deps: ServerDeps): { inboundMs: number; outboundMs: number } {
  const jitter = deps.latencyJitterMs ?? 0;
  const random = deps.random ?? Math.random;
  const total = Math.max(0, deps.latencyMs + (jitter > 0 ? (2 * random() - 1) * jitter : 0));
  return { inboundMs: total / 2, outboundMs: total / 2 };
}

/** The real result text through a `mutate` fault, losslessly both ways (untouched numbers keep their text). */
function mutateResult(
  resultText: string,
  mutate: (result: unknown, params: Readonly<Record<string, string>>) => unknown,
  params: Readonly<Record<string, string>>,
): string {
  return stringify(mutate(parse(resultText), params)) ?? 'null';
}

async function parseRequest(req: IncomingMessage): Promise<ParsedRequest> {
  const url = new URL(req.url ?? '/', 'http://sim.local');
  const pathMethod = url.pathname.startsWith(`${API_PREFIX}/`) ? url.pathname.slice(API_PREFIX.length + 1) : '';
  const params: Record<string, string> = {};
  for (const [key, value] of url.searchParams) params[key] = value;
  if (req.method !== 'POST') {
    req.resume();
    return { method: pathMethod || url.pathname, params, idText: undefined };
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return { method: pathMethod || 'invalid/json', params, idText: undefined };
  }
  const rpc = (typeof body === 'object' && body !== null ? body : {}) as {
    method?: unknown;
    params?: unknown;
    id?: unknown;
  };
  if (typeof rpc.params === 'object' && rpc.params !== null) {
    for (const [key, value] of Object.entries(rpc.params)) {
      params[key] = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
  }
  const method = typeof rpc.method === 'string' && rpc.method !== '' ? rpc.method : pathMethod;
  const idText =
    typeof rpc.id === 'number' || typeof rpc.id === 'string' ? JSON.stringify(rpc.id) : undefined;
  return { method, params, idText };
}
