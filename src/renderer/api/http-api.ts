/**
 * The renderer's API in browser mode: contract calls as `POST /api/<name>` carrying the HttpOnly session
 * cookie, which the first call obtains by spending the one-time launch token (`POST /api/session`);
 * events over one EventSource (`/api/events`, opened on the first subscription and closed after the
 * last). Clients without a cookie jar (Node tests) pass the API token as a bearer instead. Failures become ApiCallError; when the app's service itself cannot be reached
 * the kind is 'network', which the UI shows as offline.
 */
import { toProviderErrorInfo } from '../../shared/bridged-call-error';
import {
  CONTRACT_CALLS,
  CONTRACT_EVENTS,
  type CallResult,
  type ContractCallName,
  type ContractEventName,
  type ContractEvents,
  type RendererApi,
} from '../../shared/contract';
import { ApiCallError, SERVICE_UNREACHABLE_MESSAGE } from './api-call-error';

/** The part of the browser's EventSource this client uses. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: { readonly data: unknown }) => void): void;
  removeEventListener(type: string, listener: (event: { readonly data: unknown }) => void): void;
  close(): void;
}

export interface HttpApiOptions {
  /** The app server's root, e.g. `http://127.0.0.1:5180/`. */
  readonly baseUrl: string;
  /** The one-time launch token from the page's address, traded for the session cookie before the first call. */
  readonly launchToken?: string | null;
  /** A bearer API token, for clients with no cookie jar (tests); a browser page never has one. */
  readonly token?: string;
  readonly fetch: typeof fetch;
  readonly openEventSource: (url: string) => EventSourceLike;
}

const CALL_NAMES: ReadonlySet<string> = new Set(CONTRACT_CALLS);
const EVENT_NAMES: ReadonlySet<string> = new Set(CONTRACT_EVENTS);

function unreachable(detail: string): ApiCallError {
  return new ApiCallError({ kind: 'network', code: null, detail, userMessage: SERVICE_UNREACHABLE_MESSAGE, retriable: true });
}

function malformed(detail: string): ApiCallError {
  return new ApiCallError({
    kind: 'malformed_response',
    code: null,
    detail,
    userMessage: "The app's background service gave an unexpected answer. Reload the page; restart the app if it persists.",
    retriable: true,
  });
}

export function createHttpApi(options: HttpApiOptions): RendererApi {
  const { baseUrl, token } = options;
  const authorization: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};

  // Spent at most once. Its answer needs no reading: a refused token (already used, say by the tab this
  // one was duplicated from) still leaves a valid cookie usable, and without one each call's 401 says what to do.
  let session: Promise<void> | null = null;
  const ensureSession = (): Promise<void> => {
    session ??= options.launchToken
      ? options
          .fetch(new URL('api/session', baseUrl).href, {
            method: 'POST',
            headers: { Authorization: `Bearer ${options.launchToken}` },
            credentials: 'same-origin',
          })
          .then(() => undefined, () => undefined)
      : Promise.resolve();
    return session;
  };

  const call = async <N extends ContractCallName>(name: N, args: unknown): Promise<CallResult<N>> => {
    if (!CALL_NAMES.has(name)) {
      throw new ApiCallError({ kind: 'method_not_found', code: null, detail: `unknown call ${String(name)}`, userMessage: 'The app asked for something this version does not provide.', retriable: false });
    }
    await ensureSession();
    let response: Response;
    let text: string;
    try {
      response = await options.fetch(new URL(`api/${name}`, baseUrl).href, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...authorization },
        body: JSON.stringify(args),
        credentials: 'same-origin',
      });
      text = await response.text();
    } catch (error) {
      // fetch rejects only when no HTTP answer arrived: server gone, connection refused or dropped.
      throw unreachable(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
    let body: unknown;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      // Something other than the app answered (or it failed before answering JSON).
      if (response.status >= 500) throw unreachable(`${name}: HTTP ${response.status}`);
      throw malformed(`${name}: HTTP ${response.status}, body is not JSON`);
    }
    const envelope = body as { ok?: unknown; value?: unknown; error?: unknown } | null;
    if (envelope !== null && typeof envelope === 'object') {
      if (envelope.ok === true) return envelope.value as CallResult<N>;
      const info = envelope.ok === false ? toProviderErrorInfo(envelope.error) : null;
      if (info) throw new ApiCallError(info);
    }
    throw malformed(`${name}: HTTP ${response.status}, not a call envelope`);
  };

  // One EventSource shared by every subscription; one dispatcher per event name.
  let source: EventSourceLike | null = null;
  const subscribers = new Map<string, { listeners: Set<(payload: unknown) => void>; dispatch: (event: { readonly data: unknown }) => void }>();

  const on = <E extends ContractEventName>(name: E, listener: (payload: ContractEvents[E]) => void): (() => void) => {
    if (!EVENT_NAMES.has(name)) throw new TypeError(`Unknown event: ${String(name)}`);
    if (!source) {
      const url = new URL(token ? `api/events?token=${encodeURIComponent(token)}` : 'api/events', baseUrl).href;
      // The cookie must exist before the stream connects; until then the source is a placeholder that queues.
      source = options.launchToken ? deferredEventSource(ensureSession().then(() => options.openEventSource(url))) : options.openEventSource(url);
    }
    let entry = subscribers.get(name);
    if (!entry) {
      const listeners = new Set<(payload: unknown) => void>();
      const dispatch = (event: { readonly data: unknown }): void => {
        let payload: unknown;
        try {
          payload = JSON.parse(String(event.data)) as unknown;
        } catch {
          return; // a damaged frame: skip it, the next status update replaces it
        }
        for (const each of [...listeners]) {
          try {
            each(payload);
          } catch (error) {
            console.error(`A "${name}" listener failed`, error);
          }
        }
      };
      entry = { listeners, dispatch };
      subscribers.set(name, entry);
      source.addEventListener(name, dispatch);
    }
    // A wrapper per subscription, so subscribing the same function twice needs two unsubscribes.
    const wrapped = (payload: unknown): void => listener(payload as ContractEvents[E]);
    const current = entry;
    current.listeners.add(wrapped);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      current.listeners.delete(wrapped);
      if (current.listeners.size > 0) return;
      source?.removeEventListener(name, current.dispatch);
      subscribers.delete(name);
      if (subscribers.size === 0) {
        source?.close();
        source = null;
      }
    };
  };

  return { call, on };
}

/**
 * An EventSource that exists once `opening` resolves: listeners added and a close() called before then
 * are applied to it when it arrives.
 */
function deferredEventSource(opening: Promise<EventSourceLike>): EventSourceLike {
  let real: EventSourceLike | null = null;
  let closed = false;
  const pending: [type: string, listener: (event: { readonly data: unknown }) => void, add: boolean][] = [];
  void opening.then((source) => {
    if (closed) {
      source.close();
      return;
    }
    real = source;
    for (const [type, listener, add] of pending) {
      if (add) source.addEventListener(type, listener);
      else source.removeEventListener(type, listener);
    }
    pending.length = 0;
  });
  return {
    addEventListener(type, listener) {
      if (real) real.addEventListener(type, listener);
      else pending.push([type, listener, true]);
    },
    removeEventListener(type, listener) {
      if (real) real.removeEventListener(type, listener);
      else pending.push([type, listener, false]);
    },
    close() {
      closed = true;
      real?.close();
    },
  };
}
