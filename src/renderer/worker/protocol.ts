/**
 * The reconciliation worker's typed message protocol. Every request carries an id; the worker answers
 * with zero or more `progress` / `chunk` messages and exactly one `result` or `error` for that id.
 * Plain structured-clone data only (export chunks travel as transferable ArrayBuffers).
 */
import type { AccountSummary, WalletRecord } from '../../core/providers/deribit/types';
import type { DiscoveredStream } from '../../core/recon/account-download';
import type { HistoryBounds } from '../../core/recon/period';
import type { ExportFormat } from '../../core/export/export-types';
import type { BeancountLayout } from '../../core/export/index';
import type { ChainId, ChainStatus, Finding, Period, PeriodSummary, ReconciliationSection, TieOut } from '../../core/recon/types';
import type { CorrelateOutcome, CorrelateRequest } from './correlate-protocol';
import type { OverviewOutcome, OverviewRequest } from './overview';
import type { FundingOutcome } from './overview-funding';
import type { UsdSummary } from '../../core/fiat/usd-totals';

export type ReconcileMode = 'incremental' | 'full';

/** get_account_summary of one chain, fetched on the UI thread through the contract. */
export interface LiveBalance {
  readonly chain: ChainId;
  readonly summary: AccountSummary;
  /** When the answer arrived (ms). */
  readonly liveAt: number;
}

export interface RequestBodies {
  /** Check every chain of these accounts; incremental continues the carried state (falls back to full when it cannot). */
  reconcile: {
    readonly accountKeys: readonly string[];
    readonly mode: ReconcileMode;
    /**
     * Transaction streams the latest sync of this session discovered: one that has not stored a page yet
     * has no cursor, and would otherwise be unknown (its user's transfers would look like outside ones).
     * Redundant once the sync stores a cursor for every stream it discovers; kept for caches from before.
     */
    readonly discovered?: readonly DiscoveredStream[];
  };
  /** Money movements of these accounts against every login event (correlate-protocol.ts). */
  correlate: CorrelateRequest;
  /** Compare the newest cached balance of each chain with its live balance. */
  tieOut: { readonly live: readonly LiveBalance[] };
  /** Main user's deposit/withdrawal rows vs get_deposits / get_withdrawals of one account. */
  walletMatch: {
    readonly accountKey: string;
    readonly mainUserId: number;
    readonly currencies: readonly string[];
    readonly deposits: readonly WalletRecord[];
    readonly withdrawals: readonly WalletRecord[];
  };
  summaries: { readonly accountKeys: readonly string[]; readonly period: Period };
  export: {
    readonly accountKeys: readonly string[];
    readonly period: Period;
    readonly format: ExportFormat;
    /** accountKey → label, as the Accounts view shows it. */
    readonly accountLabels: readonly (readonly [string, string])[];
    /**
     * Deliver every file of the export (a CSV and its sidecar, or one file per user) as one .zip, its
     * entries stamped with a fixed time so that a re-run is byte-identical. Without it: the bare file.
     */
    readonly zip?: boolean;
    /** One file per Deribit user (main and each subaccount), named after the username; implies zip. */
    readonly perWallet?: boolean;
    /** Beancount: 'continuation' leaves out opens and opening balances (the previous file has them). */
    readonly beancountLayout?: BeancountLayout;
  };
  /** When the accounts' cached rows begin and end (from the first and last ledger page of each chain). */
  bounds: { readonly accountKeys: readonly string[] };
  /** The Overview: balances over time (downsampled) and monthly PnL / fees per account and currency. */
  overview: OverviewRequest;
  /** Funding (settlements' interest_pl) per account, currency and month, from the full rows. */
  overviewFunding: { readonly accountKeys: readonly string[] };
  /** USD totals per year (realized PnL, fees, funding, income) and the rows without a USD price, over a period. */
  usdSummary: { readonly accountKeys: readonly string[]; readonly period: Period };
}

export interface ReconcileOutcome {
  readonly statuses: readonly ChainStatus[];
  readonly findings: readonly Finding[];
  /** Transfers to users outside the configured keys (we cannot see their side). */
  readonly transfersOutside: number;
  /** Accounts whose access log is not fully downloaded (a pass cancelled or failed, or never finished). */
  readonly accessLogsNotDownloaded: readonly string[];
  /** `${accountKey}|${userId}` → username, for naming chains. */
  readonly usernames: readonly (readonly [string, string])[];
  /** What actually ran: an incremental request reloads chains fully when the carry does not fit. */
  readonly chainsReloaded: number;
  readonly rowsRead: number;
  readonly elapsedMs: number;
}

export interface UsdSummaryOutcome {
  readonly summary: UsdSummary;
  /** One line per currency: what the cached prices cover, or why there are none. */
  readonly coverage: readonly string[];
  readonly source: string | null;
  /** Currencies with no usable price history. */
  readonly missing: readonly string[];
}

export interface TieOutOutcome {
  readonly tieOuts: readonly { readonly chainKey: string; readonly tieOut: TieOut }[];
  readonly findings: readonly Finding[];
}

export interface WalletMatchOutcome {
  readonly findings: readonly Finding[];
  /** Rows and wallet entries that matched exactly. */
  readonly matched: number;
  readonly rowsChecked: number;
  readonly recordsChecked: number;
  /** Wallet entries without a row whose time falls in history the sync has not downloaded yet (not findings). */
  readonly notDownloaded: number;
}

export interface ExportOutcome {
  readonly fileName: string;
  readonly mimeType: string;
  readonly section: ReconciliationSection;
  /** `<fileName>.reconciliation.txt` for CSV formats. */
  readonly sidecar: { readonly fileName: string; readonly text: string } | null;
  readonly bytes: number;
  /** A zip was asked for but the file is saved as it is (with its sidecar beside it), and why. */
  readonly notZipped?: string;
  /**
   * A zipped export: the files inside, in order (data files and their sidecars). `section` is then the
   * whole export's (rows of every file; sha256 over the data rows of every file in order).
   */
  readonly entries?: readonly ExportEntry[];
  /** Time spent waiting for rows from IndexedDB and encoding them (ms): for the benchmark's breakdown. */
  readonly timing?: {
    readonly readMs: number;
    readonly workMs: number;
    readonly helperWaitMs?: number;
    readonly helperJobs?: number;
    readonly helperFailure?: string;
    readonly digestWaitMs?: number;
    readonly digestEngine?: string;
  };
}

export interface ExportEntry {
  readonly fileName: string;
  /** Data rows in this file; null for a sidecar. */
  readonly rowsExported: number | null;
  /** The Deribit user a per-wallet file holds; null for a whole-account file. */
  readonly username: string | null;
}

export interface ResultBodies {
  reconcile: ReconcileOutcome;
  correlate: CorrelateOutcome;
  tieOut: TieOutOutcome;
  walletMatch: WalletMatchOutcome;
  summaries: { readonly summaries: readonly PeriodSummary[] };
  export: ExportOutcome;
  bounds: { readonly bounds: HistoryBounds | null };
  overview: OverviewOutcome;
  overviewFunding: FundingOutcome;
  usdSummary: UsdSummaryOutcome;
}

export type RequestType = keyof RequestBodies;

export type WorkerRequest =
  | { [T in RequestType]: { readonly id: number; readonly type: T; readonly body: RequestBodies[T] } }[RequestType]
  | { readonly id: number; readonly type: 'cancel'; readonly target: number };

export interface WorkerProgress {
  readonly done: number;
  readonly total: number;
  readonly phase: string;
}

export type WorkerResponse =
  | { readonly id: number; readonly type: 'progress'; readonly progress: WorkerProgress }
  /** UTF-8 text of the export file, in order (a view that may fill only part of its transferred buffer). */
  | { readonly id: number; readonly type: 'chunk'; readonly bytes: Uint8Array<ArrayBuffer> }
  | { [T in RequestType]: { readonly id: number; readonly type: 'result'; readonly request: T; readonly result: ResultBodies[T] } }[RequestType]
  | { readonly id: number; readonly type: 'error'; readonly message: string; readonly cancelled: boolean };

/** What the handlers get besides their request body: progress, export chunks, the cancel flag. */
export interface RequestChannel {
  progress(progress: WorkerProgress): void;
  /** Sends export text (or its UTF-8 bytes, handed over with their whole buffer: do not use either after); returns the length in bytes. */
  chunk(data: string | Uint8Array): number;
  isCancelled(): boolean;
}

export class CancelledError extends Error {
  constructor() {
    super('Cancelled.');
    this.name = 'CancelledError';
  }
}
