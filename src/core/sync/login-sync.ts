/**
 * One sync run of a login-audit source (Cloudflare Access, Ingedata, NLPearl) through its connector.
 *
 * Windows: the first sync reaches back as far as the money history (the oldest cached Deribit row), or
 * a year when nothing is cached, or further when the user asks; later runs read [watermark − overlap, now],
 * and whenever the wanted start lies before what is covered (the Deribit history grew older, or the user
 * extended the window), an "older" window [wanted start, covered from + overlap] is read in the same run.
 * Each page is committed with the stream's new cursor in one store transaction, so a crash or cancel
 * resumes from the last committed page and re-reading is harmless (events are keyed by source + id).
 * What a provider no longer keeps is simply absent: the state records what was asked, so the app can say
 * "asked from X" instead of a bare "0 new events".
 */
import type { LoginAuditConnector, LoginEvent, LoginSourceKind } from '../logins/types';
import { isProviderError } from '../providers/deribit/errors';

/** Which window a stream is reading: the first one, the newest events since the watermark, or older history. */
export type LoginWindowPurpose = 'first' | 'recent' | 'older';

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
  /** What the current/last window is for (absent in states written before windows could reach back). */
  readonly windowPurpose?: LoginWindowPurpose;
  /** Everything from here to the watermark has been asked for (absent/null: not known yet). */
  readonly coveredFrom?: number | null;
  /** How far back the user asked this source to reach (kept, so a cancelled extension resumes). */
  readonly requestedFrom?: number | null;
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
  /** The time range this run asked the provider for (ms), so "0 new events" always says of what. */
  readonly askedFrom: number | null;
  readonly askedTo: number | null;
}

export interface RunLoginSyncOptions {
  readonly sourceKey: string;
  readonly source: LoginSourceKind;
  readonly connector: Pick<LoginAuditConnector, 'fetchPage'>;
  readonly store: LoginSyncStore;
  readonly now: () => number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: LoginSyncProgress) => void;
  /** How far back the first sync reaches when no money history is known (default 365 days). */
  readonly lookbackMs?: number;
  /** The oldest cached Deribit row (ms): login history should cover the money history. */
  readonly historyStart?: number | null;
  /** The user asked to reach back to here (ms); stored with the stream. */
  readonly reachBackTo?: number | null;
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
  let askedFrom = state.windowStart;
  const askedTo = state.windowEnd;
  const notes = new Set<string>();
  const progress = (phase: LoginSyncProgress['phase'], fraction: number | null, message: string | null): LoginSyncProgress => {
    const p = { sourceKey, phase, pagesFetched: pages, newEvents, fraction, message, askedFrom, askedTo };
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
        ...(done ? windowDone(state) : {}),
        pagesFetched: state.pagesFetched + 1,
        lastSyncedAt: done ? options.now() : state.lastSyncedAt,
        lastError: null,
        notes: [...notes],
      };
      const inserted = await store.commitLoginPage(page.events, next);
      newEvents += inserted;
      state = { ...next, eventsStored: next.eventsStored + inserted };
      if (done) {
        const older = olderWindow(options, state);
        if (older === null) return progress('done', 1, null);
        state = older;
        askedFrom = Math.min(askedFrom, older.windowStart);
        await store.putLoginStream(state);
      }
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

/** What a finished window adds: the newest end (first/recent) or the oldest start (first/older) now covered. */
function windowDone(state: LoginStreamState): Partial<LoginStreamState> {
  const purpose = state.windowPurpose ?? (state.watermark === null ? 'first' : 'recent');
  const covered = coveredFromOf(state);
  if (purpose === 'older') return { coveredFrom: covered === null ? state.windowStart : Math.min(covered, state.windowStart) };
  const coveredFrom = purpose === 'first' ? (covered === null ? state.windowStart : Math.min(covered, state.windowStart)) : covered;
  return { watermark: state.windowEnd, coveredFrom };
}

/**
 * Where the covered range starts. States written before windows could reach back do not say: their first
 * window was a year before some first sync no later than the watermark, so assume a year before it (at
 * worst this re-reads a little, which dedupes).
 */
function coveredFromOf(state: LoginStreamState): number | null {
  if (state.coveredFrom !== undefined) return state.coveredFrom;
  return state.watermark === null ? null : state.watermark - DEFAULT_LOGIN_LOOKBACK_MS;
}

/** The start the source should reach: the money history's, the user's, whichever is older. */
export function wantedStart(historyStart: number | null | undefined, requestedFrom: number | null | undefined): number | null {
  const candidates = [historyStart, requestedFrom].filter((t): t is number => typeof t === 'number' && Number.isFinite(t));
  return candidates.length === 0 ? null : Math.min(...candidates);
}

/** After the recent window: an older window when history is wanted before what is covered. */
function olderWindow(options: RunLoginSyncOptions, state: LoginStreamState): LoginStreamState | null {
  const wanted = wantedStart(options.historyStart, state.requestedFrom);
  const covered = coveredFromOf(state);
  if (wanted === null || covered === null || wanted >= covered) return null;
  return {
    ...state,
    phase: 'backfill',
    windowPurpose: 'older',
    windowStart: wanted,
    windowEnd: covered + (options.overlapMs ?? DEFAULT_OVERLAP_MS),
    cursor: null,
  };
}

/** Resume an unfinished window as stored; otherwise open the first window or an incremental one. */
function openWindow(options: RunLoginSyncOptions, stored: LoginStreamState | null, now: number): LoginStreamState {
  const reach = options.reachBackTo ?? null;
  const requestedFrom = wantedStart(reach, stored?.requestedFrom ?? null);
  if (stored?.phase === 'backfill') {
    // A new, older reach-back is taken up once this window is done.
    return { ...stored, requestedFrom };
  }
  if (stored && stored.watermark !== null) {
    return {
      ...stored,
      phase: 'backfill',
      windowPurpose: 'recent',
      windowStart: stored.watermark - (options.overlapMs ?? DEFAULT_OVERLAP_MS),
      windowEnd: now,
      cursor: null,
      coveredFrom: coveredFromOf(stored),
      requestedFrom,
    };
  }
  const wanted = wantedStart(options.historyStart, requestedFrom);
  const yearAgo = now - (options.lookbackMs ?? DEFAULT_LOGIN_LOOKBACK_MS);
  return {
    streamKey: `login|${options.sourceKey}`,
    sourceKey: options.sourceKey,
    source: options.source,
    phase: 'backfill',
    windowPurpose: 'first',
    windowStart: wanted === null ? yearAgo : Math.min(wanted, yearAgo),
    windowEnd: now,
    cursor: null,
    watermark: null,
    coveredFrom: null,
    requestedFrom,
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
