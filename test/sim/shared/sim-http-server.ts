/**
 * node:http plumbing every provider simulator shares: a server on 127.0.0.1 whose answers wait the
 * configured latency, the transport faults (drop, hang, truncate), a crash in a handler answered 500,
 * and a close that also cancels answers still waiting. What a request means stays in each simulator.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SimReply {
  readonly status: number;
  readonly body: string;
  /** Default application/json. */
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Timers of answers not sent yet; closing the simulator cancels them. */
export class SimTimers {
  private readonly timers = new Set<NodeJS.Timeout>();

  /** `fn` after `ms` (at once when ms ≤ 0). */
  later(ms: number, fn: () => void): void {
    if (ms <= 0) return fn();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

/** A fault as far as delivery is concerned: 'hang' (answer `ms` later) and 'truncate'; other kinds pass. */
export interface DeliveryFault {
  readonly type: string;
  readonly ms?: number;
}

export interface SimResponder {
  /** The whole reply after the latency (plus `extraDelayMs`). */
  send(reply: SimReply, extraDelayMs?: number): void;
  /** Full Content-Length promised, half the body sent, then the connection cut: a mid-page interruption. */
  truncate(reply: SimReply): void;
  /** After the latency, the socket destroyed without an answer. */
  drop(): void;
  /** The reply as a delivery fault says: `ms` late ('hang'), cut ('truncate'), else whole. */
  deliver(reply: SimReply, fault: DeliveryFault | undefined): void;
}

/** Answers one request; `entry.status` (the request log's) is set when the answer goes out. */
export function simResponder(
  req: IncomingMessage,
  res: ServerResponse,
  entry: { status: number },
  timers: SimTimers,
  latencyMs: number,
): SimResponder {
  const write = (reply: SimReply, cut: boolean): void => {
    entry.status = reply.status;
    if (res.destroyed) return;
    const bytes = Buffer.from(reply.body);
    res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json', 'content-length': bytes.length, ...reply.headers });
    if (cut) res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
    else res.end(bytes);
  };
  const responder: SimResponder = {
    send: (reply, extraDelayMs = 0) => timers.later(latencyMs + extraDelayMs, () => write(reply, false)),
    truncate: (reply) => timers.later(latencyMs, () => write(reply, true)),
    drop: () => timers.later(latencyMs, () => req.socket.destroy()),
    deliver: (reply, fault) => {
      if (fault?.type === 'hang') responder.send(reply, fault.ms ?? 0);
      else if (fault?.type === 'truncate') responder.truncate(reply);
      else responder.send(reply);
    },
  };
  return responder;
}

/** A server running `handle` per request; a throw or rejection is logged and answered 500. */
export function createSimHttpServer(name: string, handle: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>): Server {
  const server = createServer((req, res) => {
    const fail = (error: unknown): void => {
      console.error(`${name} sim: request failed`, error);
      if (!res.headersSent && !res.destroyed) res.writeHead(500).end();
    };
    try {
      void Promise.resolve(handle(req, res)).catch(fail);
    } catch (error) {
      fail(error);
    }
  });
  server.keepAliveTimeout = 5000;
  return server;
}

/** Listens on 127.0.0.1 (`port` 0 or omitted = any free port); resolves with the port. */
export async function listenOnLoopback(server: Server, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/** Stops the server: pending answers cancelled, open connections cut. Closing twice is harmless. */
export function closeSimServer(server: Server, timers: SimTimers): Promise<void> {
  timers.cancelAll();
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
