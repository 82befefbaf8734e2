/**
 * A real node:http server on 127.0.0.1 for tests at the network boundary (no mocks): a handler per test,
 * a streaming writer that respects backpressure and records how far it got, and a fetch that counts the
 * bytes the client actually pulled from the body.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FetchFn } from '../../../../src/core/providers/http/http-exchange';

export interface LocalServer {
  /** e.g. http://127.0.0.1:43111 */
  readonly url: string;
  close(): Promise<void>;
}

export async function startLocalServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<LocalServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface StreamStats {
  /** Bytes handed to the socket so far. */
  written: number;
  /** The client went away before the whole body was written. */
  closedEarly: boolean;
  finished: boolean;
}

/** Writes `total` bytes of `fill` in `chunkBytes` pieces, waiting for 'drain' whenever the socket is full. */
export function streamBody(res: ServerResponse, total: number, chunkBytes: number, fill = 0x61): StreamStats {
  const stats: StreamStats = { written: 0, closedEarly: false, finished: false };
  const chunk = Buffer.alloc(chunkBytes, fill);
  res.on('close', () => {
    if (!stats.finished) stats.closedEarly = true;
  });
  const pump = (): void => {
    while (stats.written < total) {
      if (res.destroyed) return;
      const ok = res.write(chunk);
      stats.written += chunkBytes;
      if (!ok) {
        res.once('drain', pump);
        return;
      }
    }
    stats.finished = true;
    res.end();
  };
  pump();
  return stats;
}

export interface PulledBytes {
  bytes: number;
  largestChunk: number;
}

/**
 * The real fetch, with the body re-exposed through a pull-only stream (no read-ahead) that counts what
 * the reader took: `pulled.bytes` is exactly what the code under test read.
 */
export function countingFetch(pulled: PulledBytes): FetchFn {
  return async (input, init) => {
    const response = await fetch(input, init);
    const source = response.body?.getReader();
    const body =
      source === undefined
        ? null
        : new ReadableStream<Uint8Array>(
            {
              async pull(controller) {
                const { done, value } = await source.read();
                if (done) return controller.close();
                pulled.bytes += value.byteLength;
                pulled.largestChunk = Math.max(pulled.largestChunk, value.byteLength);
                controller.enqueue(value);
              },
              cancel: (reason) => source.cancel(reason),
            },
            { highWaterMark: 0 },
          );
    return new Response(body, { status: response.status, headers: response.headers });
  };
}

export async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface ReceivedRequest {
  readonly method: string;
  /** Path and query as sent. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export async function readRequest(req: IncomingMessage): Promise<ReceivedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
}

/**
 * What a hostile server echoes of a request, with its credentials by name: the credential headers first
 * (so even a short quote of the echo holds them), then the URL with its query, all headers, the body.
 */
export function echoByName(r: ReceivedRequest): string {
  const credentials = ['authorization', 'x-auth-key']
    .filter((name) => r.headers[name] !== undefined)
    .map((name) => `${name}: ${String(r.headers[name])} `)
    .join('');
  return `${credentials}${r.method} ${r.url} headers=${JSON.stringify(r.headers)} body=${r.body}`;
}

/** The request's values without their names: query values, header values, the body's string values. */
export function echoBareValues(r: ReceivedRequest): string {
  const values = [...new URL(r.url, 'http://x').searchParams.values()];
  for (const v of Object.values(r.headers)) values.push(...(Array.isArray(v) ? v : v === undefined ? [] : [v.replace(/^Bearer /, '')]));
  try {
    const body: unknown = JSON.parse(r.body);
    if (typeof body === 'object' && body !== null) values.push(...Object.values(body).filter((v): v is string => typeof v === 'string'));
  } catch {
    // not JSON: no values to add
  }
  return values.join(' ');
}

/** Every text of an error a user or a log could see. */
export function visibleTexts(error: { detail: string; userMessage: string; message: string; stack?: string }): string {
  return [error.detail, error.userMessage, error.message, error.stack ?? ''].join('\n');
}
