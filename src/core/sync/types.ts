/**
 * The sync algorithm's two small interfaces: where pages come from and where they go.
 * Node tests run the engine with the core client against the simulator and Dexie over
 * fake-indexeddb; the renderer runs it with the contract client and real IndexedDB.
 */
import type {
  AccessLogPage,
  AccessLogRequest,
  AccountSummary,
  DeribitSubaccount,
  TransactionLogPage,
  TransactionLogRequest,
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
  /** Access log: newest id cached before this pass began (a pass stops when it reaches it). */
  readonly stopAtId: number | null;
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

import type { AccessLogEvent, TransactionLogRow } from '../providers/deribit/types';

export interface SyncStore {
  getStreams(accountKey: string): Promise<readonly StreamState[]>;
  putStream(state: StreamState): Promise<void>;
  /**
   * One transaction: upsert the rows (keyed by account + row id) and write the stream's new state, with
   * `rowsStored` increased by the number of rows that were not cached before. Returns that number.
   */
  commitTransactionPage(accountKey: string, rows: readonly TransactionLogRow[], state: StreamState): Promise<number>;
  /** The same for access-log events (keyed by account + event id). */
  commitAccessPage(accountKey: string, events: readonly AccessLogEvent[], state: StreamState): Promise<number>;
  /** Newest cached access-log event id for the account, or null. */
  newestAccessEventId(accountKey: string): Promise<number | null>;
}

export interface StreamProgress {
  readonly streamKey: string;
  readonly kind: StreamKind;
  readonly userId: number;
  readonly username: string;
  readonly currency: string | null;
  readonly state: 'waiting' | 'running' | 'done' | 'error';
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
  /** 0..1 over the whole run (pages done vs pages estimated); null while unknown. */
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
