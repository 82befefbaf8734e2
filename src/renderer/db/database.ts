/**
 * The renderer's IndexedDB cache: one Dexie class, numbered schema versions kept forever.
 * Keys make re-fetching idempotent (provider account + provider row id); no secret is ever stored here.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { AccountInfo, CachedIdentity } from '../../shared/contract';
import type { AccessLogEvent, TransactionLogRow } from '../../core/providers/deribit/types';
import type { StreamState } from '../../core/sync/types';
import type { ChainCarry, LedgerPage, LedgerRowsPage } from '../../core/recon/types';
import type { LoginEvent } from '../../core/logins/types';
import type { LoginStreamState } from '../../core/sync/login-sync';
import { buildLedgerFromTransactions } from './ledger-upgrade';
import { buildLoginEventColumns, buildLoginEventsFromAccessLog } from './login-events-upgrade';
import { mergeAccountHistories } from './account-identity-upgrade';
import type { SyncIssue } from '../../core/sync/types';
import type { LoginEventColumns } from '../../core/correlate/event-columns';

/** A person's review of a correlation incident (Findings view), kept with the cache. */
export interface IncidentReview {
  readonly incidentId: string;
  /** The incident's evidence digest when reviewed: a review holds while it is unchanged. */
  readonly evidenceDigest: string;
  readonly note: string;
  readonly reviewedAt: number;
  /** The headline when reviewed, to say what was reviewed if the incident changes. */
  readonly headline: string;
}

/** One day's USD price of an index from one price source (`mainnet`, `testnet`, `demo` or a custom base URL). */
export interface PriceRecord {
  readonly source: string;
  readonly indexName: string;
  /** YYYY-MM-DD (UTC) */
  readonly date: string;
  /** Exact decimal text as Deribit sent it. */
  readonly price: string;
}

/** What is held of one index from one source, and what could not be had. */
export interface PriceIndexState {
  /** `${source}|${indexName}` */
  readonly key: string;
  readonly source: string;
  readonly indexName: string;
  readonly oldest: string | null;
  readonly newest: string | null;
  /** Deribit has nothing older than `oldest`. */
  readonly reachedStart: boolean;
  /** Why this index cannot be had (e.g. Deribit publishes no such index), or null. */
  readonly unavailable: string | null;
  /** The last attempt's error, kept until a download succeeds. */
  readonly lastError: string | null;
  readonly checkedAt: number;
}

export interface TransactionRecord extends TransactionLogRow {
  readonly accountKey: string;
}

export interface AccessLogRecord extends AccessLogEvent {
  readonly accountKey: string;
}

/** A LoginEventColumns record as stored (login-event-columns-store.ts); `seq` is given by IndexedDB. */
export interface LoginEventColumnsRecord extends LoginEventColumns {
  readonly seq?: number;
}

export const DATABASE_NAME = 'deribit-reconciler';

export class ReconcilerDatabase extends Dexie {
  accounts!: EntityTable<AccountInfo, 'accountKey'>;
  transactions!: Table<TransactionRecord, [string, number]>;
  accessLog!: Table<AccessLogRecord, [string, number]>;
  syncState!: EntityTable<StreamState, 'streamKey'>;
  ledger!: EntityTable<LedgerPage, 'pageKey'>;
  ledgerRows!: EntityTable<LedgerRowsPage, 'pageKey'>;
  reconState!: EntityTable<ChainCarry, 'chainKey'>;
  loginEvents!: EntityTable<LoginEvent, 'key'>;
  loginSyncState!: EntityTable<LoginStreamState, 'streamKey'>;
  syncIssues!: EntityTable<SyncIssue, 'issueKey'>;
  accountAliases!: EntityTable<CachedIdentity, 'legacyKey'>;
  prices!: Table<PriceRecord, [string, string, string]>;
  priceState!: EntityTable<PriceIndexState, 'key'>;
  incidentReviews!: EntityTable<IncidentReview, 'incidentId'>;
  loginEventColumns!: EntityTable<LoginEventColumnsRecord, 'seq'>;

  constructor(name: string = DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    // Version 1: the foundation. Transactions keyed by [accountKey+id] (Deribit ids are
    // platform-unique); indexes for time, type, account and the per-user sequence.
    this.version(1).stores({
      accounts: '&accountKey',
      transactions:
        '&[accountKey+id], timestamp, type, currency, [accountKey+timestamp], [userId+currency+userSeq], [accountKey+currency+timestamp]',
      accessLog: '&[accountKey+id], timestamp, event, [accountKey+timestamp]',
      syncState: '&streamKey, accountKey',
    });
    // Version 2: a compact ledger page (reconciliation columns) written with every transaction page,
    // the carried chain state of incremental reconciliation, and normalized login events. Caches
    // written by v1 get their ledger built from the cached rows and their access log as login events.
    this.version(2).stores({
      ledger: '&pageKey, chainKey, accountKey, [chainKey+maxId]',
      ledgerRows: '&pageKey, chainKey, accountKey',
      reconState: '&chainKey, chain.accountKey',
      loginEvents: '&key, timestamp, sourceKey, [sourceKey+timestamp], kind, ip',
      loginSyncState: '&streamKey, sourceKey',
    }).upgrade(async (tx) => {
      await buildLedgerFromTransactions(tx);
      await buildLoginEventsFromAccessLog(tx);
    });
    // Version 3: a cached history belongs to the Deribit account (`deribit-<main user id>`), not to an
    // API key. Histories written under per-key ids (`acc_…`) are re-keyed, and two histories of one
    // account merged, without losing or doubling a row. `syncIssues` keeps what a sync refused (a row
    // re-sent with other content, a page outside what was asked): findings to show, never overwrites.
    // `accountAliases` remembers which old id became which account, so main can re-key its key list too.
    this.version(3).stores({
      syncIssues: '&issueKey, accountKey, streamKey',
      accountAliases: '&legacyKey, accountKey',
    }).upgrade(async (tx) => {
      await mergeAccountHistories(tx);
    });
    // Version 4: USD prices (Deribit's daily delivery prices per index) for the USD values of exports and
    // row details, keyed by source so mainnet, testnet and the demo never mix; what is held per index.
    this.version(4).stores({
      prices: '&[source+indexName+date], [source+indexName]',
      priceState: '&key, source',
    });
    // Version 5 (incidents): a person's review of a correlation incident (note, time, and the digest of
    // the evidence it was given on: a review holds while the incident's evidence is unchanged).
    this.version(5).stores({
      incidentReviews: '&incidentId, reviewedAt',
    });
    // Version 6: login events also as compact columns, one record per committed page and source, written in
    // the same transaction as the loginEvents records (correlation reads these: 100k event records cost
    // about a second to deserialise). `seq` orders the records: a later record's copy of a key wins.
    // Caches written before v6 get them built from their loginEvents.
    this.version(6).stores({
      loginEventColumns: '++seq, sourceKey',
    }).upgrade(async (tx) => {
      await buildLoginEventColumns(tx);
    });
  }
}
