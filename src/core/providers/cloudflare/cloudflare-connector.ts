/**
 * Cloudflare Access authentication logs as a LoginAuditConnector: paging by a moving time window (see
 * time-window-walk.ts), pacing under 1,200 requests / 5 minutes per token, 429 blocks honoured, and
 * notes when the window reaches past what Cloudflare keeps (24 hours to 180 days depending on the plan).
 */
import type { ProviderStatus } from '../deribit/retry-loop';
import { isProviderError } from '../deribit/errors';
import type { ConnectionReport, LoginAuditConnector, LoginEvent, LoginPage, LoginPageRequest } from '../../logins/types';
import { failedConnection, utcMinute as utc } from '../http/connection-report';
import { connectorRuntime, statusReporter, type HttpConnectorOptions } from '../http/connector-options';
import { CancelScope } from '../http/linked-abort';
import { DEFAULT_CLOUDFLARE_BASE_URL, getAccessRequests, type AccessRequestsEndpoint, type AccessRequestsQuery } from './access-requests-http';
import { recordId, toLoginEvent } from './access-request-mapping';
import { CloudflareRateLimitError, cloudflareCancelled, type CloudflareCredentials } from './cloudflare-errors';
import { DEFAULT_CLOUDFLARE_RETRY, withCloudflareRetries, type CloudflareRetryOptions } from './cloudflare-retry';
import { CLOUDFLARE_RATE_LIMIT, RequestPacer, type RateLimit } from './request-pacer';
import { parseRfc3339, formatRfc3339Ms } from './rfc3339-time';
import { advanceWalk, decodeCursor, encodeCursor, type WalkRecord } from './time-window-walk';

export interface CloudflareConnectorOptions extends HttpConnectorOptions {
  readonly accountId: string;
  readonly credentials: CloudflareCredentials;
  /** Default https://api.cloudflare.com/client/v4; tests point it at the simulator. */
  readonly baseUrl?: string;
  /** `per_page` asked for; the server may silently return fewer (its maximum is undocumented). */
  readonly pageSize?: number;
  readonly rateLimit?: RateLimit;
  readonly retry?: Partial<CloudflareRetryOptions>;
  readonly onStatus?: (status: ProviderStatus) => void;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Free plans keep 24 hours; a window reaching further back may find nothing and that is not an error. */
const MIN_RETENTION_MS = DAY;

export function createCloudflareConnector(options: CloudflareConnectorOptions): LoginAuditConnector {
  const { baseUrl, fetch, clock, random, timeoutMs } = connectorRuntime(options, DEFAULT_CLOUDFLARE_BASE_URL);
  const now = clock.now;
  const pageSize = options.pageSize ?? 1000;
  const retry = { ...DEFAULT_CLOUDFLARE_RETRY, ...options.retry };
  const pacer = new RequestPacer(options.rateLimit ?? CLOUDFLARE_RATE_LIMIT, clock);
  const endpoint: AccessRequestsEndpoint = { baseUrl, accountId: options.accountId, credentials: options.credentials, fetch, timeoutMs, now };
  const report = statusReporter(options.onStatus);
  const scope = new CancelScope();

  function fetchPage(request: LoginPageRequest, signal?: AbortSignal): Promise<LoginPage> {
    return scope.run(signal, (active) => readPage(request, active));
  }

  async function readPage(request: LoginPageRequest, active: AbortSignal): Promise<LoginPage> {
    const cursor = decodeCursor(request.cursor, request.from);
    const query: AccessRequestsQuery = {
      since: formatRfc3339Ms(cursor.since),
      // One ms past `to`: correct whether the server's `until` is inclusive or exclusive.
      until: formatRfc3339Ms(request.to + 1),
      direction: 'asc',
      perPage: pageSize,
      page: cursor.page,
      // `limit` caps the total a query returns: never let it hide page N.
      limit: pageSize * cursor.page,
    };
    const records = await withCloudflareRetries({ retry, clock, random, pacer, report }, active, () =>
      getAccessRequests(endpoint, query, active),
    );
    const step = advanceWalk(cursor, records);
    const notes: string[] = [];
    const events = toEvents(step.all, step.fresh, request, notes);
    if (request.cursor === null) notes.push(...retentionNotes(step.all, request));
    return { events, cursor: step.next === null ? null : encodeCursor(step.next), notes };
  }

  function toEvents(all: readonly WalkRecord[], fresh: readonly WalkRecord[], request: LoginPageRequest, notes: string[]): LoginEvent[] {
    const freshIds = new Set(fresh.map((r) => r.id));
    const events: LoginEvent[] = [];
    let previousMs: number | null = null;
    let untimed = 0;
    for (const r of all) {
      if (r.time !== null) previousMs = r.time.ms;
      if (!freshIds.has(r.id)) continue;
      if (r.time === null) {
        untimed += 1;
        // Oldest-first order puts it right after its predecessor: place it there, inside the window.
        const ms = Math.min(request.to, Math.max(request.from, previousMs ?? request.from));
        events.push(toLoginEvent(options.sourceKey, r.record, r.raw, r.id, ms));
      } else if (r.time.ms >= request.from && r.time.ms <= request.to) {
        events.push(toLoginEvent(options.sourceKey, r.record, r.raw, r.id, r.time.ms));
      }
    }
    if (untimed > 0) notes.push(`${untimed} Cloudflare Access record(s) had no created_at; they are placed next to the record before them.`);
    return events;
  }

  function retentionNotes(all: readonly WalkRecord[], request: LoginPageRequest): string[] {
    if (request.from >= now() - MIN_RETENTION_MS) return [];
    const oldest = all.find((r) => r.time !== null)?.time?.ms ?? null;
    const keeps = 'Cloudflare keeps Access authentication logs for 24 hours (Free plan) up to 180 days (Enterprise), depending on the plan';
    if (oldest === null) return [`${keeps}: it returned no events since ${utc(request.from)}, so older events may already be deleted.`];
    if (oldest - request.from <= MIN_RETENTION_MS) return [];
    return [`${keeps}: the oldest event it returned is from ${utc(oldest)}; anything before may already be deleted.`];
  }

  function testConnection(signal?: AbortSignal): Promise<ConnectionReport> {
    return scope.run(signal, probe);
  }

  async function probe(active: AbortSignal): Promise<ConnectionReport> {
    const who =
      options.credentials.kind === 'api-token' ? 'with an API token' : `as ${options.credentials.email} with the Global API Key`;
    const blocked = pacer.blockedUntilMs;
    if (blocked !== null) {
      return failedConnection(`Cloudflare is rate-limiting this token until ${utc(blocked)}; try again after that.`);
    }
    const budgetWait = pacer.waitMs();
    if (budgetWait > 2000) {
      return failedConnection(`This token has used its 1,200 requests per 5 minutes (a sync is running); try again in ${Math.ceil(budgetWait / 1000)} s.`);
    }
    const t = now();
    try {
      await pacer.acquire(active);
      const records = await getAccessRequests(
        endpoint,
        { since: formatRfc3339Ms(t - 30 * DAY), until: formatRfc3339Ms(t + HOUR), direction: 'desc', perPage: 25, page: 1, limit: 25 },
        active,
      );
      let newest: { ms: number; raw: (typeof records)[number] } | null = null;
      for (const record of records) {
        const time = typeof record.created_at === 'string' ? parseRfc3339(record.created_at) : null;
        if (time !== null && (newest === null || time.ms > newest.ms)) newest = { ms: time.ms, raw: record };
      }
      const base = `Connected to Cloudflare account ${options.accountId} ${who}.`;
      if (newest === null) {
        return {
          ok: true,
          summary: `${base} No Access authentication events in the last 30 days (Cloudflare keeps 24 hours to 180 days depending on the plan).`,
          newestEventAt: null,
          sampleCount: records.length,
        };
      }
      const e = toLoginEvent(options.sourceKey, newest.raw, '', recordId(newest.raw, '', 0), newest.ms);
      const what = [e.actor, e.detail, e.outcome === 'denied' ? 'denied' : null].filter((x) => x !== null).join(', ');
      return {
        ok: true,
        summary: `${base} Read ${records.length} recent Access event(s); newest ${utc(newest.ms)} (${what}).`,
        newestEventAt: newest.ms,
        sampleCount: records.length,
      };
    } catch (e) {
      if (active.aborted) return failedConnection(cloudflareCancelled().userMessage);
      if (e instanceof CloudflareRateLimitError) {
        const ms = e.retryAfterMs ?? retry.defaultBlockMs;
        pacer.block(ms);
        return failedConnection(`Cloudflare is rate-limiting this token (1,200 requests per 5 minutes); try again in ${Math.ceil(ms / 1000)} s.`);
      }
      if (isProviderError(e) && e.kind === 'network') {
        return failedConnection(`Cloudflare could not be reached at ${baseUrl} (${e.detail}). Check the address, the internet connection and any proxy or firewall.`);
      }
      return failedConnection(isProviderError(e) ? e.userMessage : `Unexpected failure: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  return {
    source: 'cloudflare',
    fetchPage,
    testConnection,
    cancelAll: () => scope.cancelAll(),
  };
}
