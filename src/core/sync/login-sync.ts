/**
 * One sync run of a login-audit source (Cloudflare Access, Ingedata, NLPearl) through its connector:
 * a backfill window [now − lookback, now] paged by the connector's opaque cursor, then, once finished,
 * incremental windows [watermark − overlap, now]. Each page is committed with the stream's new cursor in
 * one store transaction, so a crash or cancel resumes from the last committed page and re-reading is
 * harmless (events are keyed by source + id).
 */
import type { LoginAuditConnector, LoginEvent, LoginSourceKind } from '../logins/types';
import { isProviderError } from '../providers/deribit/errors';

export interface LoginStreamState {
  /** `login|<sourceKey>` */
  readonly streamKey: string;
  readonly sourceKey: string;
  readonly source: LoginSourceKind;
  readonly phase: 'backfill' | 'idle';
  readonly windowStart: number;
  readonly windowEnd: number;
  /** The connector's cursor for the next page of the current window; null = its start. */
  readonly cursor: string | null;
  /** Everything up to this time is cached; null until the first window completes. */
  readonly watermark: number | null;
  readonly eventsStored: number;
  readonly pagesFetched: number;
  readonly lastSyncedAt: number | null;
  readonly lastError: string | null;
  /** The connector's notes from the last run (e.g. a retention limit), for the settings screen. */
  readonly notes: readonly string[];
}

export interface LoginSyncStore {
  getLoginStream(sourceKey: string): Promise<LoginStreamState | null>;
  putLoginStream(state: LoginStreamState): Promise<void>;
  /** One transaction: upsert the events by key and write the state (eventsStored increased by the new ones). Returns that number. */
  commitLoginPage(events: readonly LoginEvent[], state: LoginStreamState): Promise<number>;
}

export interface LoginSyncProgress {
  readonly sourceKey: string;
  readonly phase: 'syncing' | 'done' | 'cancelled' | 'error';
  readonly pagesFetched: number;
  readonly newEvents: number;
  /** 0 at the start, 1 when done; null while paging (connectors cannot tell how much is left). */
  readonly fraction: number | null;
  readonly message: string | null;
}

export interface RunLoginSyncOptions {
  readonly sourceKey: string;
  readonly source: LoginSourceKind;
  readonly connector: Pick<LoginAuditConnector, 'fetchPage'>;
  readonly store: LoginSyncStore;
  readonly now: () => number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: LoginSyncProgress) => void;
  /** How far back the first sync reaches (default 365 days; providers keep less and say so in notes). */
  readonly lookbackMs?: number;
  /** Re-read this much before the watermark (late-arriving events, clock skew). Default 10 minutes. */
  readonly overlapMs?: number;
}

export const DEFAULT_LOGIN_LOOKBACK_MS = 365 * 24 * 3600_000;
const DEFAULT_OVERLAP_MS = 10 * 60_000;

export async function runLoginSync(options: RunLoginSyncOptions): Promise<LoginSyncProgress> {
  const { sourceKey, store, connector, signal } = options;
  const startedAt = options.now();
  let state = openWindow(options, (await store.getLoginStream(sourceKey)) ?? null, startedAt);
  let newEvents = 0;
  let pages = 0;
  const notes = new Set<string>();
  const progress = (phase: LoginSyncProgress['phase'], fraction: number | null, message: string | null): LoginSyncProgress => {
    const p = { sourceKey, phase, pagesFetched: pages, newEvents, fraction, message };
    options.onProgress?.(p);
    return p;
  };
  await store.putLoginStream(state);
  progress('syncing', 0, null);
  try {
    for (;;) {
      signal?.throwIfAborted();
      const page = await connector.fetchPage({ from: state.windowStart, to: state.windowEnd, cursor: state.cursor }, signal);
      pages += 1;
      for (const note of page.notes) notes.add(note);
      const done = page.cursor === null;
      const next: LoginStreamState = {
        ...state,
        cursor: page.cursor,
        phase: done ? 'idle' : 'backfill',
        watermark: done ? state.windowEnd : state.watermark,
        pagesFetched: state.pagesFetched + 1,
        lastSyncedAt: done ? options.now() : state.lastSyncedAt,
        lastError: null,
        notes: [...notes],
      };
      const inserted = await store.commitLoginPage(page.events, next);
      newEvents += inserted;
      state = { ...next, eventsStored: next.eventsStored + inserted };
      if (done) return progress('done', 1, null);
      progress('syncing', null, null);
    }
  } catch (error) {
    // Cancelled by our signal, or by the connector's cancelAll (its own abort): both resume later.
    const cancelled = signal?.aborted === true || (isProviderError(error) && error.kind === 'cancelled');
    const message = cancelled ? 'Cancelled: the next sync continues from the last saved page.' : errorText(error);
    if (!cancelled) await store.putLoginStream({ ...state, lastError: message });
    return progress(cancelled ? 'cancelled' : 'error', null, message);
  }
}

/** Resume an unfinished window as stored; otherwise open the backfill (first run) or an incremental window. */
function openWindow(options: RunLoginSyncOptions, stored: LoginStreamState | null, now: number): LoginStreamState {
  if (stored?.phase === 'backfill') return stored;
  if (stored && stored.watermark !== null) {
    return { ...stored, phase: 'backfill', windowStart: stored.watermark - (options.overlapMs ?? DEFAULT_OVERLAP_MS), windowEnd: now, cursor: null };
  }
  return {
    streamKey: `login|${options.sourceKey}`,
    sourceKey: options.sourceKey,
    source: options.source,
    phase: 'backfill',
    windowStart: now - (options.lookbackMs ?? DEFAULT_LOGIN_LOOKBACK_MS),
    windowEnd: now,
    cursor: null,
    watermark: null,
    eventsStored: stored?.eventsStored ?? 0,
    pagesFetched: stored?.pagesFetched ?? 0,
    lastSyncedAt: stored?.lastSyncedAt ?? null,
    lastError: null,
    notes: [],
  };
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const userMessage = (error as { userMessage?: unknown }).userMessage;
    return typeof userMessage === 'string' ? userMessage : error.message;
  }
  return String(error);
}
