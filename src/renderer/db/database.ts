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
import { buildLoginEventsFromAccessLog } from './login-events-upgrade';
import { mergeAccountHistories } from './account-identity-upgrade';
import type { SyncIssue } from '../../core/sync/types';

export interface TransactionRecord extends TransactionLogRow {
  readonly accountKey: string;
}

export interface AccessLogRecord extends AccessLogEvent {
  readonly accountKey: string;
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
  }
}
