/**
 * The sync algorithm's two small interfaces: where pages come from and where they go.
 * Node tests run the engine with the core client against the simulator and Dexie over
 * fake-indexeddb; the renderer runs it with the contract client and real IndexedDB.
 */
import type {
  AccessLogEvent,
  AccessLogPage,
  AccessLogRequest,
  AccountSummary,
  DeribitSubaccount,
  TransactionLogPage,
  TransactionLogRequest,
  TransactionLogRow,
} from '../providers/deribit/types';

export interface DeribitPageSource {
  /** Main account first, then subaccounts; currencies the exchange lists. */
  discover(): Promise<{ users: readonly DeribitSubaccount[]; currencies: readonly string[]; serverTime: number }>;
  getAccountSummary(currency: string, subaccountId: number | null): Promise<AccountSummary>;
  fetchTransactionLogPage(req: TransactionLogRequest): Promise<TransactionLogPage>;
  fetchAccessLogPage(req: AccessLogRequest): Promise<AccessLogPage>;
}

export type StreamKind = 'tx' | 'access';

/** One row per stream in `syncState`: the cursor and what is known about the stream. */
export interface StreamState {
  /** `tx|<accountKey>|<userId>|<currency>` or `access|<accountKey>`. */
  readonly streamKey: string;
  readonly kind: StreamKind;
  readonly accountKey: string;
  readonly userId: number;
  readonly username: string;
  readonly currency: string | null;
  /**
   * 'backfill': walking [windowStart, windowEnd] newest-first by continuation;
   * 'idle': nothing in progress, `watermark` says up to when the stream is complete.
   */
  readonly phase: 'backfill' | 'idle';
  readonly windowStart: number;
  readonly windowEnd: number;
  /** Continuation for the next page of the current window; null = start of the window. */
  readonly continuation: number | null;
  /** Access log: offset of the next page in the current pass. */
  readonly offset: number;
  /**
   * Access log: newest id cached before this pass began. No longer read (a numeric "stop at or below
   * this id" let one absurd id end every later pass at once); kept so stored states keep their shape.
   */
  readonly stopAtId: number | null;
  /**
   * Access log: newest timestamp cached before this pass began (null: nothing was cached, a full pass).
   * The pass stops at the first page holding an event that is cached with a timestamp at or before it —
   * an event known before the pass, not one this pass stored before an interruption. Absent in states
   * stored before this field existed (such a pass simply reads to the end).
   */
  readonly stopAtTimestamp?: number | null;
  /** Access log: `records_total` on the pass's first page, the bound of the pass; absent/null when unknown. */
  readonly passTotal?: number | null;
  /** Pages fetched in the current window or pass (progress); absent in states stored before it existed. */
  readonly windowPages?: number;
  /** Everything up to this time (ms) is cached; null until the first complete pass. */
  readonly watermark: number | null;
  /** Oldest row timestamp written in the current window (progress). */
  readonly oldestSeen: number | null;
  /** Account creation time when the exchange told us (lower bound of the backfill). */
  readonly creationTimestamp: number | null;
  readonly rowsStored: number;
  readonly pagesFetched: number;
  readonly lastSyncedAt: number | null;
  readonly lastError: string | null;
}

export interface SyncStore {
  getStreams(accountKey: string): Promise<readonly StreamState[]>;
  putStream(state: StreamState): Promise<void>;
  /**
   * One transaction: insert the rows not cached before (grid rows and ledger from the same rows) and write
   * the stream's new state, with `rowsStored` increased by their number. Returns that number. A row whose
   * id is cached with other content throws PageConflictError and the transaction writes nothing.
   */
  commitTransactionPage(accountKey: string, rows: readonly TransactionLogRow[], state: StreamState): Promise<number>;
  /** The same for access-log events (keyed by account + event id), with their login events. */
  commitAccessPage(accountKey: string, events: readonly AccessLogEvent[], state: StreamState): Promise<number>;
  /** Which of these access-log event ids are cached: id → the cached event's timestamp and raw text. */
  cachedAccessEvents(accountKey: string, ids: readonly number[]): Promise<ReadonlyMap<number, CachedEvent>>;
  /** Newest cached access-log timestamp not after `notAfter` (ms), or null when none is. */
  newestAccessTimestamp(accountKey: string, notAfter: number): Promise<number | null>;
  /** Records what a sync refused (replacing an issue with the same key). Writes nothing else. */
  recordIssues(issues: readonly SyncIssue[]): Promise<void>;
}

export interface CachedEvent {
  readonly timestamp: number;
  readonly raw: string;
}

export interface StreamProgress {
  readonly streamKey: string;
  readonly kind: StreamKind;
  readonly userId: number;
  readonly username: string;
  readonly currency: string | null;
  /** 'cancelled': the run ended (cancel or another stream's error) before this stream completed its window. */
  readonly state: 'waiting' | 'running' | 'done' | 'error' | 'cancelled';
  readonly rowsStored: number;
  readonly pagesFetched: number;
  /** 0..1 over the time range (tx) or offset vs total (access); null when unknown. */
  readonly fraction: number | null;
}

export interface SyncProgress {
  readonly accountKey: string;
  readonly phase: 'discovering' | 'syncing' | 'done' | 'cancelled' | 'error';
  readonly streams: readonly StreamProgress[];
  /** Rows (and events) newly written in this run. */
  readonly newRows: number;
  readonly pagesFetched: number;
  /** Estimated remaining time (ms) from the rate limit and the remaining range; null while unknown. */
  readonly etaMs: number | null;
  /** 0..1 over the whole run (pages done vs pages estimated), never lower than earlier in the run; null while unknown. */
  readonly fraction: number | null;
  readonly startedAt: number;
  readonly message: string | null;
}

/**
 * What a sync refused and why, kept so Reconciliation can show it (a refused page writes nothing else):
 * a row re-sent with other content, a row outside the requested user/currency, an impossible timestamp.
 */
export interface SyncIssue {
  /** `<streamKey>|<kind>|<row id or cursor>`: one issue per cause, replaced when seen again. */
  readonly issueKey: string;
  readonly accountKey: string;
  readonly streamKey: string;
  readonly kind: string;
  /** Plain-language: account, stream and what was wrong. */
  readonly message: string;
  readonly rowId: number | null;
  readonly detectedAt: number;
}
