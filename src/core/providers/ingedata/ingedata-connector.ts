/**
 * Ingedata Pulse IAM account logins as a LoginAuditConnector: API-key login (re-done once on 401), pages
 * newest first by `page[number]` (see login-page-cursor.ts for why), a server-side date filter when Pulse
 * accepts it and local filtering when it answers 400, 429 backoff, and a plain-words connection test.
 */
import type { ConnectionReport, LoginAuditConnector, LoginEvent, LoginPage, LoginPageRequest } from '../../logins/types';
import { isProviderError } from '../deribit/errors';
import { isJsonObject, losslessJson, type JsonObject } from '../deribit/lossless-response';
import type { ProviderStatus } from '../deribit/retry-loop';
import { failedConnection as failed, utcMinute as utc } from '../http/connection-report';
import { connectorRuntime, statusReporter, type HttpConnectorOptions } from '../http/connector-options';
import { CancelScope } from '../http/linked-abort';
import { indexIncluded, recordId, toLoginEvent } from './account-login-mapping';
import { PulseRateLimitError, pulseCancelled } from './ingedata-errors';
import { decodeCursor, encodeCursor, isNewestFirst, nextCursor, startCursor } from './login-page-cursor';
import { formatPulseDate, parsePulseDate } from './pulse-date';
import { DEFAULT_PULSE_BASE_URL, getAccountLogins, type AccountLoginsQuery, type PulseEndpoint } from './pulse-http';
import { DEFAULT_PULSE_RETRY, withPulseRetries, type PulseRetryOptions } from './pulse-retry';
import { PulseSession } from './pulse-session';

export interface IngedataConnectorOptions extends HttpConnectorOptions {
  /** The `PULSE_...` API key. */
  readonly apiKey: string;
  /** Default https://pulse.ingedata.ai; tests point it at the simulator. */
  readonly baseUrl?: string;
  /** `page[size]` asked for (Pulse's default and our default: 1000); the server may return fewer. */
  readonly pageSize?: number;
  readonly retry?: Partial<PulseRetryOptions>;
  readonly onStatus?: (status: ProviderStatus) => void;
}

/** Newest first; ties on date broken by id so offsets are stable between requests. */
export const LOGIN_SORT = '-date,-id';

const UNORDERED_NOTE =
  'Ingedata Pulse did not return logins newest first as asked (it honours only part of the sort order), so every page of the window is read and the order is worked out here.';
/** The connection test reads at most this many pages of 1,000 when the server's order cannot be trusted. */
const PROBE_MAX_PAGES = 20;

const FILTER_REJECTED_NOTE =
  'Ingedata Pulse did not accept the date filter, so logins are read newest first and filtered here; syncs read a little more than the window.';

export function createIngedataConnector(options: IngedataConnectorOptions): LoginAuditConnector {
  const { baseUrl, fetch, clock, random, timeoutMs } = connectorRuntime(options, DEFAULT_PULSE_BASE_URL);
  const pageSize = options.pageSize ?? 1000;
  const retry = { ...DEFAULT_PULSE_RETRY, ...options.retry };
  const endpoint: PulseEndpoint = { baseUrl, fetch, timeoutMs, now: clock.now };
  const session = new PulseSession(endpoint, options.apiKey);
  const retryDeps = { retry, clock, random, report: statusReporter(options.onStatus) };
  /** Learned once per connector: after a 400 on the filter, new windows start without it. */
  let filterAccepted = true;
  const scope = new CancelScope();

  const query = (page: number, size: number, range: { from: number; to: number } | null): AccountLoginsQuery => ({
    pageNumber: page,
    pageSize: size,
    sort: LOGIN_SORT,
    // `lte` one ms past `to`: right whether the server compares at ms or µs precision; the cut is made here.
    dateRange: range === null ? null : { gte: formatPulseDate(range.from), lte: formatPulseDate(range.to + 1) },
    includeAccount: true,
  });

  function fetchPage(request: LoginPageRequest, signal?: AbortSignal): Promise<LoginPage> {
    return scope.run(signal, (active) => readPage(request, active));
  }

  async function readPage(request: LoginPageRequest, active: AbortSignal): Promise<LoginPage> {
    let cursor = decodeCursor(request.cursor, filterAccepted);
    const notes: string[] = [];
    const read = (c: typeof cursor): Promise<Awaited<ReturnType<typeof getAccountLogins>>> =>
      withPulseRetries(retryDeps, active, () =>
        session.call(active, (token) => getAccountLogins(endpoint, token, query(c.page, pageSize, c.filter ? request : null), active)),
      );
    let answer;
    try {
      answer = await read(cursor);
    } catch (e) {
      if (!(cursor.filter && isProviderError(e) && e.kind === 'invalid_params')) throw e;
      // The filter's operator syntax is undocumented: on a 400 drop it and restart the window unfiltered
      // (the unfiltered collection has different page numbers, so page 1 again).
      filterAccepted = false;
      cursor = startCursor(false);
      answer = await read(cursor);
    }
    if (!cursor.filter) notes.push(FILTER_REJECTED_NOTE);

    const events: LoginEvent[] = [];
    const seen = new Set<string>();
    const ties = new Map<string, number>();
    const index = indexIncluded(answer.included);
    const dates = answer.records.map((record) => parsePulseDate(attributesOf(record).date));
    // Never trust the server's order: an older record ends the window only on a page that is newest first.
    const unordered = cursor.unordered === true || !isNewestFirst(dates);
    if (unordered && cursor.unordered !== true) notes.push(UNORDERED_NOTE);
    let reachedOlder = false;
    let previousMs: number | null = null;
    let untimed = 0;
    for (const record of answer.records) {
      const raw = losslessJson(record);
      const tie = ties.get(raw) ?? 0;
      ties.set(raw, tie + 1);
      const id = recordId(record, raw, tie);
      let ms = parsePulseDate(attributesOf(record).date);
      if (ms === null) {
        if (reachedOlder && !unordered) continue;
        untimed += 1;
        // Newest-first order puts it right after its neighbour: place it there, inside the window.
        ms = Math.min(request.to, Math.max(request.from, previousMs ?? request.to));
      } else {
        previousMs = ms;
        if (ms < request.from) {
          reachedOlder = true;
          continue;
        }
        if (ms > request.to) continue;
      }
      if (seen.has(id)) continue;
      seen.add(id);
      events.push(toLoginEvent(options.sourceKey, record, raw, id, ms, index));
    }
    if (untimed > 0) notes.push(`${untimed} Ingedata Pulse login(s) had no readable date; each is placed next to the login before it.`);
    const next = nextCursor(cursor, { length: answer.records.length, requestedSize: pageSize, reachedOlder, unordered, total: answer.total });
    return { events, cursor: next === null ? null : encodeCursor(next), notes };
  }

  function testConnection(signal?: AbortSignal): Promise<ConnectionReport> {
    return scope.run(signal, probe);
  }

  type LoginsAnswer = Awaited<ReturnType<typeof getAccountLogins>>;
  const readProbePage = (active: AbortSignal, page: number, size: number): Promise<LoginsAnswer> =>
    session.call(active, (token) => getAccountLogins(endpoint, token, query(page, size, null), active));

  /** The newest login of `answer` or `best`, whichever is newer: computed, never taken from the server's order. */
  function newestOf(answer: LoginsAnswer, best: LoginEvent | null): LoginEvent | null {
    const index = indexIncluded(answer.included);
    let newest = best;
    answer.records.forEach((record, i) => {
      const ms = parsePulseDate(attributesOf(record).date);
      if (ms !== null && (newest === null || ms > newest.timestamp)) {
        const raw = losslessJson(record);
        newest = toLoginEvent(options.sourceKey, record, raw, recordId(record, raw, i), ms, index);
      }
    });
    return newest;
  }

  async function probe(active: AbortSignal): Promise<ConnectionReport> {
    try {
      // One attempt only (plus the 401 re-login): a connection test should answer fast, not retry for minutes.
      const answer = await readProbePage(active, 1, 25);
      let newest = newestOf(answer, null);
      let sampleCount = answer.records.length;
      let partial = false;
      const complete = answer.total !== null ? answer.records.length >= answer.total : answer.records.length < 25;
      if (!complete && !isNewestFirst(answer.records.map((r) => parsePulseDate(attributesOf(r).date)))) {
        // Not newest first as asked: the newest login can be on any page. Read them all (bounded).
        sampleCount = 0;
        partial = true;
        for (let page = 1; page <= PROBE_MAX_PAGES; page++) {
          const more = await readProbePage(active, page, 1000);
          newest = newestOf(more, newest);
          sampleCount += more.records.length;
          if (more.records.length === 0 || (more.total !== null ? sampleCount >= more.total : more.records.length < 1000)) {
            partial = false;
            break;
          }
        }
      }
      const total = answer.total === null ? '' : ` ${answer.total.toLocaleString('en-US')} login(s) recorded.`;
      const base = `Connected to Ingedata Pulse at ${endpoint.baseUrl} with the API key.${total}`;
      const found = newest as LoginEvent | null;
      if (found === null) {
        return { ok: true, summary: `${base} No account logins to show yet.`, newestEventAt: null, sampleCount };
      }
      const where = [found.ip, [found.city, found.country].filter((x) => x !== null).join(', ') || null].filter((x) => x !== null);
      const who = `${found.actor ?? 'unknown account'}${where.length > 0 ? ` from ${where.join(' ')}` : ''}`;
      const caveat = partial
        ? ` Pulse did not sort newest first, so this is the newest of the first ${sampleCount.toLocaleString('en-US')} logins read; the sync reads them all.`
        : '';
      return {
        ok: true,
        summary: `${base} Newest login ${utc(found.timestamp)} (${who}).${caveat}`,
        newestEventAt: found.timestamp,
        sampleCount,
      };
    } catch (e) {
      if (active.aborted) return failed(pulseCancelled().userMessage);
      if (e instanceof PulseRateLimitError) {
        const wait = e.retryAfterMs === null ? 'a minute' : `${Math.ceil(e.retryAfterMs / 1000)} s`;
        return failed(`Ingedata Pulse is rate-limiting this key; try again in ${wait}.`);
      }
      if (isProviderError(e) && e.kind === 'network') {
        return failed(`Ingedata Pulse could not be reached at ${endpoint.baseUrl} (${e.detail.replace(`${endpoint.baseUrl}: `, '')}). Check the address, the internet connection and any proxy or firewall.`);
      }
      return failed(isProviderError(e) ? e.userMessage : `Unexpected failure: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  return {
    source: 'ingedata',
    fetchPage,
    testConnection,
    cancelAll: () => scope.cancelAll(),
  };
}

function attributesOf(record: JsonObject): JsonObject {
  return isJsonObject(record.attributes) ? record.attributes : {};
}
