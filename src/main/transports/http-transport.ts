/**
 * Browser mode's transport: the same contract handlers behind an HTTP server on 127.0.0.1 only.
 * - `POST /api/session` with `Authorization: Bearer <launch token>`: spends the one-time launch token
 *   and answers with the session cookie (HttpOnly, SameSite=Strict, Path=/api, host-only on 127.0.0.1).
 * - `POST /api/<call>`: JSON body (≤ 1 MiB) → 200 with the CallEnvelope; needs the session cookie, or
 *   `Authorization: Bearer <api token>` (programmatic clients in this process: tests, benchmarks).
 * - `GET /api/events`: server-sent events (`event: <name>` / `data: <json>`), a keep-alive comment every
 *   15 s; the session cookie (or `?token=<api token>`).
 * - anything else: the built renderer (static-file-server.ts).
 * Why a cookie: Chromium keeps every URL it opened in its History, Top Sites and Sessions files, even
 * after the page replaced it. The launch link (`#token=…`, a fragment never sent to a server) therefore
 * carries a token that works once; the credential the page then uses lives in a cookie no script can
 * read and no URL ever shows. `newLaunchUrl()` mints another link whenever one is needed.
 * Host and Origin are checked on every request so another web page — directly or through DNS
 * rebinding — can neither call the API nor read the app.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CONTRACT_EVENTS,
  type CallEnvelope,
  type ContractCalls,
  type ContractEventName,
  type ContractEvents,
} from '../../shared/contract';
import { invokeContractCall, isContractCallName, transportError } from './contract-invocation';
import { SECURITY_HEADERS, createStaticFileServer } from './static-file-server';

export interface HttpTransportOptions {
  readonly handlers: ContractCalls;
  /** The built renderer (out/renderer). */
  readonly staticDir: string;
  /** Loopback only, by design. */
  readonly host: '127.0.0.1';
  /** 0 picks a free port. */
  readonly port: number;
  /** A fixed token (tests); by default 32 random bytes, hex. */
  readonly token?: string;
  /** Tests only: a shorter keep-alive interval. */
  readonly keepAliveMs?: number;
  /** Tests only: a smaller body limit. */
  readonly maxBodyBytes?: number;
}

export interface HttpTransport {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /** A URL to open in a browser: `url` plus `#token=<launch token>`; each works once. */
  newLaunchUrl(): string;
  /**
   * A `file://` URL of a one-time launch page (a private temporary file) that posts its launch token to
   * `/launch`: the token travels in a POST body, never in an address, so the browser's History, Top Sites
   * and Sessions hold no token at all. The file is deleted once spent, or when the transport closes.
   */
  newLaunchFile(): Promise<string>;
  /** The API token: a bearer for programmatic clients in this process; never put in a URL for a browser. */
  readonly token: string;
  /** The session cookie's name (per port: cookies ignore ports, two instances must not share one). */
  readonly cookieName: string;
  readonly port: number;
  emit<E extends ContractEventName>(name: E, payload: ContractEvents[E]): void;
  close(): Promise<void>;
}

const MIB = 1024 * 1024;
const EVENT_NAMES: ReadonlySet<string> = new Set(CONTRACT_EVENTS);

class BodyTooLarge extends Error {}

const LINK_USED_MESSAGE =
  'This page is not connected to the app. Each link the app prints works once: open a new one ' +
  '(press Enter in the terminal where the app runs), or restart the app.';

function sendJson(res: ServerResponse, status: number, body: CallEnvelope<unknown>, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

function refuse(res: ServerResponse, status: number, kind: Parameters<typeof transportError>[0], detail: string, userMessage: string): void {
  sendJson(res, status, { ok: false, error: transportError(kind, detail, userMessage) });
}

/**
 * Reads the body up to `limit` bytes. Past the limit it keeps draining (so the client can read the 413
 * instead of a reset connection) but stores nothing, and gives up on bodies far beyond it.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit * 8) {
        req.destroy();
        reject(new BodyTooLarge());
      } else if (size <= limit) {
        chunks.push(chunk);
      }
    });
    req.on('end', () => (size > limit ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

export async function startHttpTransport(options: HttpTransportOptions): Promise<HttpTransport> {
  if (options.host !== '127.0.0.1') throw new Error('The HTTP transport listens on 127.0.0.1 only.');
  const token = options.token ?? randomBytes(32).toString('hex');
  const tokenBytes = Buffer.from(token, 'utf8');
  const maxBody = options.maxBodyBytes ?? MIB;
  const launchTokens = new Set<string>();
  const sessions = new Set<string>();
  const serveStatic = createStaticFileServer(options.staticDir);
  const streams = new Set<ServerResponse>();
  let port = 0;

  const tokenMatches = (candidate: string | null | undefined): boolean => {
    if (!candidate) return false;
    const bytes = Buffer.from(candidate, 'utf8');
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  };
  const bearer = (req: IncomingMessage): string | null => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    return match?.[1] ?? null;
  };
  const cookieName = (): string => `deribit_reconciler_session_${port}`;
  const sessionOf = (req: IncomingMessage): string | null => {
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === cookieName()) return part.slice(eq + 1).trim();
    }
    return null;
  };
  /** Constant-time membership: every candidate compared in full. */
  const inSet = (set: ReadonlySet<string>, candidate: string | null): boolean => {
    if (!candidate) return false;
    const bytes = Buffer.from(candidate, 'utf8');
    let found = false;
    for (const each of set) {
      const other = Buffer.from(each, 'utf8');
      if (other.length === bytes.length && timingSafeEqual(other, bytes)) found = true;
    }
    return found;
  };
  const authenticated = (req: IncomingMessage): boolean => tokenMatches(bearer(req)) || inSet(sessions, sessionOf(req));

  /** Spends a launch token for a session cookie. A spent or unknown one is refused unless the browser is already signed in. */
  const startSession = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'POST') {
      sendJson(res, 405, { ok: false, error: transportError('invalid_params', `${req.method ?? ''} session`, 'Sessions start with a POST request.') }, { Allow: 'POST' });
      return;
    }
    const presented = bearer(req);
    if (presented !== null && inSet(launchTokens, presented)) {
      launchTokens.delete(presented);
      const session = randomBytes(32).toString('hex');
      sessions.add(session);
      res.writeHead(204, {
        ...SECURITY_HEADERS,
        'Cache-Control': 'no-store',
        // No Domain: host-only (127.0.0.1). No Max-Age: gone when the browser closes. No Secure: plain http on loopback.
        'Set-Cookie': `${cookieName()}=${session}; Path=/api; HttpOnly; SameSite=Strict`,
      });
      res.end();
      return;
    }
    if (inSet(sessions, sessionOf(req))) {
      res.writeHead(204, { ...SECURITY_HEADERS, 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    refuse(res, 401, 'authorization_required', 'launch token unknown or already used', LINK_USED_MESSAGE);
  };
  /** Launch pages written by newLaunchFile: token → the folder holding the file (deleted once spent). */
  const launchFiles = new Map<string, string>();
  const dropLaunchFile = (launch: string): void => {
    const dir = launchFiles.get(launch);
    launchFiles.delete(launch);
    if (dir !== undefined) void rm(dir, { recursive: true, force: true });
  };

  /**
   * `POST /launch` from a launch page (form body `token=<launch token>`, Origin `null` as a file:// page
   * sends it): spends the token for the session cookie and sends the browser to the app with a 303, so no
   * address it visits ever holds the token.
   */
  const launchByForm = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST' || !/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
      res.writeHead(405, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', Allow: 'POST' });
      res.end('Open the launch page the app printed.');
      return;
    }
    let presented: string | null;
    try {
      presented = new URLSearchParams(await readBody(req, 1024)).get('token');
    } catch {
      res.destroy();
      return;
    }
    if (presented !== null && inSet(launchTokens, presented)) {
      launchTokens.delete(presented);
      dropLaunchFile(presented);
      const session = randomBytes(32).toString('hex');
      sessions.add(session);
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        'Cache-Control': 'no-store',
        Location: '/',
        'Set-Cookie': `${cookieName()}=${session}; Path=/api; HttpOnly; SameSite=Strict`,
      });
      res.end();
      return;
    }
    res.writeHead(401, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(LINK_USED_MESSAGE);
  };

  // DNS rebinding: a hostile name resolving to 127.0.0.1 still sends its own name as Host.
  const hostAllowed = (host: string | undefined): boolean =>
    host !== undefined && [`127.0.0.1:${port}`, `localhost:${port}`].includes(host.toLowerCase());
  const originAllowed = (origin: string | undefined): boolean =>
    origin === undefined || [`http://127.0.0.1:${port}`, `http://localhost:${port}`].includes(origin.toLowerCase());

  const handleCall = async (req: IncomingMessage, res: ServerResponse, name: string): Promise<void> => {
    if (!isContractCallName(name)) {
      refuse(res, 404, 'method_not_found', `unknown call ${name}`, 'The app asked for something this version does not provide.');
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { ok: false, error: transportError('invalid_params', `${req.method ?? ''} ${name}`, 'Calls are POST requests.') }, { Allow: 'POST' });
      return;
    }
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      refuse(res, 415, 'invalid_params', 'content-type must be application/json', 'The app sent a malformed request. Reload the page.');
      return;
    }
    const declared = Number(req.headers['content-length'] ?? '0');
    let text: string;
    try {
      if (declared > maxBody * 8) throw new BodyTooLarge();
      text = await readBody(req, maxBody);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        sendJson(res, 413, { ok: false, error: transportError('invalid_params', `body over ${maxBody} bytes`, 'The request was too large.') }, { Connection: 'close' });
      } else {
        res.destroy();
      }
      return;
    }
    let args: unknown;
    try {
      args = JSON.parse(text) as unknown;
    } catch {
      refuse(res, 400, 'invalid_params', 'body is not JSON', 'The app sent a malformed request. Reload the page.');
      return;
    }
    sendJson(res, 200, await invokeContractCall(options.handlers, name, args));
  };

  const openEventStream = (req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write('retry: 2000\n\n');
    streams.add(res);
    req.on('close', () => streams.delete(res));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!hostAllowed(req.headers.host)) {
      refuse(res, 403, 'forbidden', `host ${req.headers.host ?? '(none)'} refused`, 'Open the app at 127.0.0.1 or localhost.');
      return;
    }
    // A launch page is a local file: its form post arrives with Origin "null". It carries nothing but a
    // one-time 256-bit token, so it is the one request that may come from there.
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/launch' && (req.headers.origin === 'null' || originAllowed(req.headers.origin))) {
      await launchByForm(req, res);
      return;
    }
    if (!originAllowed(req.headers.origin)) {
      refuse(res, 403, 'forbidden', `origin ${req.headers.origin ?? ''} refused`, 'Requests from other sites are refused.');
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname !== '/api' && !url.pathname.startsWith('/api/')) {
      await serveStatic(req, res, url.pathname);
      return;
    }
    if (url.pathname === '/api/session') {
      startSession(req, res);
      return;
    }
    const isEvents = url.pathname === '/api/events';
    // A programmatic EventSource cannot send headers: the events stream takes the API token from the query as well.
    if (!authenticated(req) && !(isEvents && tokenMatches(url.searchParams.get('token')))) {
      refuse(res, 401, 'authorization_required', 'missing or wrong session', LINK_USED_MESSAGE);
      return;
    }
    if (isEvents) {
      if (req.method !== 'GET') {
        refuse(res, 405, 'invalid_params', `${req.method ?? ''} events`, 'The event stream is a GET request.');
        return;
      }
      openEventStream(req, res);
      return;
    }
    await handleCall(req, res, url.pathname.slice('/api/'.length));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'provider_error', 'transport failure', 'Something went wrong in the app. Try again.');
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  const keepAlive = setInterval(() => {
    for (const stream of streams) stream.write(': keep-alive\n\n');
  }, options.keepAliveMs ?? 15_000);
  keepAlive.unref();

  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    newLaunchUrl() {
      const launch = randomBytes(32).toString('hex');
      launchTokens.add(launch);
      return `${url}#token=${launch}`;
    },
    async newLaunchFile() {
      const launch = randomBytes(32).toString('hex');
      const dir = await mkdtemp(join(tmpdir(), 'deribit-reconciler-launch-'));
      const file = join(dir, 'open-deribit-reconciler.html');
      const html =
        '<!doctype html><meta charset="utf-8"><title>Opening Deribit Reconciler…</title>' +
        `<form method="post" action="${url}launch"><input type="hidden" name="token" value="${launch}">` +
        '<p>Opening Deribit Reconciler… <button type="submit">Open</button></p></form>' +
        '<script>document.forms[0].submit();</script>';
      await writeFile(file, html, { mode: 0o600 });
      launchTokens.add(launch);
      launchFiles.set(launch, dir);
      return pathToFileURL(file).href;
    },
    token,
    cookieName: cookieName(),
    port,
    emit(name, payload) {
      if (!EVENT_NAMES.has(name)) return;
      const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const stream of streams) stream.write(frame);
    },
    async close() {
      clearInterval(keepAlive);
      for (const launch of [...launchFiles.keys()]) dropLaunchFile(launch);
      for (const stream of streams) stream.end();
      streams.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
