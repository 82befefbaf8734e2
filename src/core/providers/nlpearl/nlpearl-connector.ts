/**
 * The NLPearl audit-log connector: time windows from the plan (audit-window-plan.ts) queried with
 * `POST /v2/Account/AuditLog`, each answer filtered to its window, mapped to LoginEvents and returned with
 * the plan as the cursor. One page makes up to `maxRequestsPerPage` requests and returns as soon as it has
 * events, so a cancel loses at most one page's requests.
 *
 * Bounds: the server's inclusivity of `from`/`to` is undocumented and its timestamps have sub-millisecond
 * digits, so window [a, b] (ms, inclusive) is asked as [a − 1 ms, b + 1 ms] and records are kept by their
 * floored millisecond. Whatever the server does at the edges, each record lands in exactly one window.
 */
import type { ConnectionReport, LoginAuditConnector, LoginEvent, LoginPage, LoginPageRequest } from '../../logins/types';
import { isProviderError } from '../deribit/errors';
import { losslessJson, toText, type JsonObject } from '../deribit/lossless-response';
import { failedConnection, utcMinute } from '../http/connection-report';
import { connectorRuntime, type HttpConnectorOptions } from '../http/connector-options';
import { CancelScope } from '../http/linked-abort';
import { recordId, toLoginEvent } from './audit-event-mapping';
import { DEFAULT_NLPEARL_BASE_URL, postAuditLog, type AuditLogEndpoint } from './audit-log-http';
import { DEFAULT_RETRY_TUNING, RequestPacing, withRetries, type RetryTuning } from './audit-request-retry';
import { formatRequestTime, parseAuditTimestamp } from './audit-timestamp';
import {
  DEFAULT_PLAN_TUNING,
  decodePlan,
  encodePlan,
  planDone,
  settleWindow,
  startPlan,
  takeWindow,
  type PlanTuning,
  type PlanWindow,
  type WindowPlan,
} from './audit-window-plan';

export interface NlpearlConnectorOptions extends HttpConnectorOptions {
  /** Default https://api.nlpearl.ai */
  readonly baseUrl?: string;
  readonly accountId: string;
  readonly secretKey: string;
  readonly retry?: Partial<RetryTuning>;
  readonly plan?: Partial<PlanTuning>;
  /** Default 4. */
  readonly maxRequestsPerPage?: number;
  /** testConnection reads this far back; default 30 days. */
  readonly testLookbackMs?: number;
}

const DAY_MS = 86_400_000;

interface WindowAnswer {
  readonly raw: number;
  readonly events: readonly LoginEvent[];
  readonly unreadable: number;
}

export function createNlpearlConnector(options: NlpearlConnectorOptions): LoginAuditConnector {
  const { baseUrl, fetch, clock, random, timeoutMs } = connectorRuntime(options, DEFAULT_NLPEARL_BASE_URL);
  const { now, sleep } = clock;
  const tuning: PlanTuning = { ...DEFAULT_PLAN_TUNING, ...options.plan };
  const retry: RetryTuning = { ...DEFAULT_RETRY_TUNING, ...options.retry };
  const maxRequestsPerPage = Math.max(1, options.maxRequestsPerPage ?? 4);
  const endpoint: AuditLogEndpoint = { baseUrl, accountId: options.accountId, secretKey: options.secretKey, fetch, timeoutMs, now };
  const pacing = new RequestPacing(now, sleep);
  const scope = new CancelScope();

  const query = (from: number, to: number, signal: AbortSignal, attempts = retry.maxAttempts): Promise<readonly JsonObject[]> =>
    withRetries({ retry: { ...retry, maxAttempts: attempts }, sleep, random, pacing, baseUrl }, signal, () =>
      postAuditLog(endpoint, { from: formatRequestTime(from), to: formatRequestTime(to) }, signal),
    );

  async function readWindow(window: PlanWindow, signal: AbortSignal): Promise<WindowAnswer> {
    const records = await query(window.from - 1, window.to + 1, signal);
    const seen = new Map<string, number>();
    const events: LoginEvent[] = [];
    let unreadable = 0;
    for (const record of records) {
      const raw = losslessJson(record);
      const text = toText(record.timestamp);
      let timestamp = text === null ? null : parseAuditTimestamp(text);
      if (timestamp === null) {
        // Kept rather than dropped: placed at the window's start so it is still seen; its id is stable.
        unreadable += 1;
        timestamp = window.from;
      } else if (timestamp < window.from || timestamp > window.to) {
        continue;
      }
      const occurrence = seen.get(raw) ?? 0;
      seen.set(raw, occurrence + 1);
      events.push(toLoginEvent(options.sourceKey, record, raw, recordId(raw, occurrence), timestamp));
    }
    return { raw: records.length, events, unreadable };
  }

  async function fetchPage(request: LoginPageRequest, signal?: AbortSignal): Promise<LoginPage> {
    const { from, to } = request;
    if (from > to) return { events: [], cursor: null, notes: [] };
    const notes: string[] = [];
    let plan: WindowPlan | null = request.cursor === null ? null : decodePlan(request.cursor, from, to);
    if (plan === null) {
      if (request.cursor !== null) notes.push('The saved NLPearl sync position could not be read; this window is read again from its start.');
      plan = startPlan(from, to, tuning);
    }
    const active = scope.link(signal);
    const events: LoginEvent[] = [];
    try {
      for (let requests = 0; requests < maxRequestsPerPage && events.length === 0; requests++) {
        const taken = takeWindow(plan);
        if (taken === null) break;
        const answer = await readWindow(taken.window, active.signal);
        const settled = settleWindow(taken.plan, taken.window, answer.raw, answer.events.length, tuning);
        plan = settled.plan;
        if (settled.note !== null) notes.push(settled.note);
        if (!settled.accepted) continue;
        if (answer.unreadable > 0) notes.push(`${answer.unreadable} NLPearl audit record(s) had an unreadable timestamp and are shown at ${utcMinute(taken.window.from)}.`);
        events.push(...answer.events);
      }
    } finally {
      active.release();
    }
    return { events, cursor: planDone(plan) ? null : encodePlan(plan), notes };
  }

  async function testConnection(signal?: AbortSignal): Promise<ConnectionReport> {
    const to = now();
    const lookback = options.testLookbackMs ?? 30 * DAY_MS;
    const active = scope.link(signal);
    try {
      const records = await query(to - lookback, to, active.signal, 2);
      let newest: number | null = null;
      for (const record of records) {
        const text = toText(record.timestamp);
        const t = text === null ? null : parseAuditTimestamp(text);
        if (t !== null && (newest === null || t > newest)) newest = t;
      }
      const days = Math.round(lookback / DAY_MS);
      const count = records.length.toLocaleString('en-US');
      const seen = newest === null ? '' : `, newest ${utcMinute(newest)}`;
      let summary = `Connected to NLPearl account ${options.accountId}; ${count} audit events in the last ${days} days${seen}.`;
      if (records.length === 0) summary = `Connected to NLPearl account ${options.accountId}; no audit events in the last ${days} days.`;
      else if (records.length >= tuning.minSuspectCount) {
        // One answer may be cut by an undocumented cap: say so instead of presenting it as the total.
        summary = `Connected to NLPearl account ${options.accountId}; one query for the last ${days} days returned ${count} audit events${newest === null ? '' : ` (newest seen ${utcMinute(newest)})`}; NLPearl may cap an answer, so the sync reads smaller windows to get them all.`;
      }
      return { ok: true, summary, newestEventAt: newest, sampleCount: records.length };
    } catch (e) {
      let summary = isProviderError(e) ? e.userMessage : `NLPearl test failed: ${e instanceof Error ? e.message : String(e)}`;
      if (isProviderError(e) && e.kind === 'network') {
        summary = `NLPearl could not be reached at ${baseUrl} (${e.detail}). Check the base URL (normally ${DEFAULT_NLPEARL_BASE_URL}) and the internet connection.`;
      }
      return failedConnection(summary);
    } finally {
      active.release();
    }
  }

  return {
    source: 'nlpearl',
    fetchPage,
    testConnection,
    cancelAll: () => scope.cancelAll(),
  };
}
