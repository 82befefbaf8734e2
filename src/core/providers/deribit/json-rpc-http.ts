/**
 * One Deribit request over HTTP (`GET {base}/{method}?query`), no retries: returns the lossless `result`
 * or throws a classified ProviderError. The exchange (../http/http-exchange.ts) times out on a real timer
 * on purpose: it bounds socket I/O, which an injected (possibly virtual) scheduling clock must not stretch.
 */
import { exchangeText, type FetchFn } from '../http/http-exchange';
import { cancelledError, fromHttpStatus, fromRpcError, networkError } from './error-classification';
import { parseEnvelope } from './lossless-response';

export type { FetchFn } from '../http/http-exchange';

export interface RpcRequest {
  readonly baseUrl: string;
  readonly method: string;
  readonly params: Readonly<Record<string, string>>;
  /** Access token for private methods; null for public ones. */
  readonly bearer: string | null;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  readonly fetch: FetchFn;
  /** Told the answer's `usIn` (server receive time, µs) whenever a Deribit envelope carried one, error or not. */
  readonly onUsIn?: (usIn: number) => void;
}

export function methodUrl(baseUrl: string, method: string, params: Readonly<Record<string, string>>): string {
  const query = new URLSearchParams(params).toString();
  return `${baseUrl.replace(/\/+$/, '')}/${method}${query ? `?${query}` : ''}`;
}

export async function callDeribit(req: RpcRequest): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (req.bearer !== null) headers.Authorization = `Bearer ${req.bearer}`;
  const { status, text } = await exchangeText(
    req,
    { url: methodUrl(req.baseUrl, req.method, req.params), init: { headers }, signal: req.signal },
    { service: 'Deribit', cancelled: cancelledError, network: (reason) => networkError(req.method, reason) },
  );

  let envelope;
  try {
    envelope = parseEnvelope(text);
  } catch (e) {
    // A proxy or load balancer page (502 HTML, bare 429) is not a Deribit answer: classify by status.
    if (status >= 400) throw fromHttpStatus(req.method, status, text);
    throw e;
  }
  if (envelope.usIn !== undefined) req.onUsIn?.(envelope.usIn);
  if (envelope.kind === 'error') {
    throw fromRpcError(req.method, envelope.code, envelope.message, envelope.data, status);
  }
  if (status >= 400) throw fromHttpStatus(req.method, status, text);
  return envelope.result;
}
