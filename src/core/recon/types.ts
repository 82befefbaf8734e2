/**
 * Reconciliation types shared by the core (pure checks), the Dexie store (which writes a compact
 * ledger page with every committed transaction page) and the worker (which reads ledger pages back).
 * Amounts are exact: decimal text, or fixed-point BigInt at an explicit scale — never `number`.
 */
import type { DecimalText, TransactionLogRow } from '../providers/deribit/types';

/** One balance chain: a configured account (key), one user in it (main or subaccount), one currency. */
export interface ChainId {
  readonly accountKey: string;
  readonly userId: number;
  readonly currency: string;
}

export const chainKeyOf = (chain: ChainId): string => `${chain.accountKey}|${chain.userId}|${chain.currency}`;

/**
 * The reconciliation columns of the rows of one committed page that belong to one chain and were not
 * cached before (so ledger pages never repeat a row). Written in the same Dexie transaction as the
 * rows. Row order inside a page is as received (newest first); readers must not rely on it.
 */
export interface LedgerPage {
  /** `${chainKey}|${smallest id in the page}`: unique, as a row appears in one page only. */
  readonly pageKey: string;
  readonly chainKey: string;
  readonly accountKey: string;
  readonly userId: number;
  readonly currency: string;
  readonly count: number;
  readonly minId: number;
  readonly maxId: number;
  readonly minTimestamp: number;
  readonly maxTimestamp: number;
  readonly ids: Float64Array;
  readonly userSeqs: Float64Array;
  readonly timestamps: Float64Array;
  /** Index into `kindNames` per row (see classify: trade-option, settlement, transfer, unknown:<type>, ...). */
  readonly kindCodes: Uint8Array;
  readonly kindNames: readonly string[];
  /** Fixed point: value = int / 10^scale. Every change, balance and commission of the page fits int64 at it. */
  readonly scale: number;
  readonly changes: BigInt64Array;
  readonly balances: BigInt64Array;
  /** Commission (positive = paid); 0 when the row has none (null or absent). */
  readonly commissions: BigInt64Array;
  /** Transfers: the counterparty user id; -1 otherwise. */
  readonly otherUserIds: Float64Array;
  /** Sparse: [row index, ip] for rows that carry the `ip` they were placed from (trades, withdrawals). */
  readonly ips: readonly (readonly [number, string])[];
  /**
   * When some amount does not fit int64 at any scale ≤ 18, the page keeps exact texts instead and the
   * typed amount columns are empty (length 0). Readers fall back to decimal arithmetic for that page.
   */
  readonly texts: {
    readonly changes: readonly DecimalText[];
    readonly balances: readonly DecimalText[];
    readonly commissions: readonly (DecimalText | null)[];
  } | null;
}

/**
 * The full rows of the same page and chain as a LedgerPage (same pageKey), for exports: reading 4,000
 * page records is far cheaper than a million row records. Rows as first received.
 */
export interface LedgerRowsPage {
  readonly pageKey: string;
  readonly chainKey: string;
  readonly accountKey: string;
  readonly minTimestamp: number;
  readonly maxTimestamp: number;
  readonly rows: readonly TransactionLogRow[];
}

export type Severity = 'error' | 'warning' | 'info';

export type FindingKind =
  /** balance ≠ previous balance + change */
  | 'balance-break'
  /** user_seq numbers missing (judged over all of a user's currencies when numbering is shared) */
  | 'sequence-gap'
  /** the same user_seq on two different rows */
  | 'sequence-duplicate'
  /** the first cached row is not the account's first (history does not reach creation) */
  | 'history-incomplete'
  /** newest cached balance ≠ live balance from get_account_summary */
  | 'tie-out-difference'
  /** a subaccount transfer without its counterpart in the other log */
  | 'transfer-unmatched'
  /** a deposit/withdrawal row that disagrees with (or is missing from) get_deposits/get_withdrawals */
  | 'wallet-mismatch'
  /** a row type the app has never seen: kept and totalled under its own name */
  | 'unknown-type';

export interface Finding {
  readonly kind: FindingKind;
  readonly severity: Severity;
  readonly chain: ChainId;
  /** The row the finding is about (click-through target), when there is one. */
  readonly rowId: number | null;
  readonly timestamp: number | null;
  /** Plain words, e.g. "Balance 1.2 does not follow from 1.0 + 0.3 (off by -0.1)". */
  readonly message: string;
  readonly expected: DecimalText | null;
  readonly actual: DecimalText | null;
  readonly difference: DecimalText | null;
  /** Other rows involved (the previous row of a break, the other leg of a transfer, ...). */
  readonly relatedRowIds: readonly number[];
}

/**
 * What an incremental run carries forward per chain: enough to check the next rows without reading
 * the old ones again.
 */
export interface ChainCarry {
  readonly chainKey: string;
  readonly chain: ChainId;
  readonly rows: number;
  /** The last row in chain order (user_seq, then id). */
  readonly lastId: number;
  readonly lastUserSeq: number;
  readonly lastTimestamp: number;
  readonly lastBalance: DecimalText;
  readonly firstId: number;
  readonly firstUserSeq: number;
  readonly firstTimestamp: number;
  /** Findings so far (balance breaks, unknown types) — kept so the status never "forgets" an old break. */
  readonly findings: readonly Finding[];
  /** Added by recon core: balance − change of the first row (completeness without re-reading it). */
  readonly firstOpening?: DecimalText;
  /**
   * Added by recon core: when the last row broke the chain, the balance it should have had. The next row
   * decides: it follows from this (isolated altered balance) or from lastBalance (a real jump).
   */
  readonly pendingExpected?: DecimalText | null;
  /** Added by recon core: the user's sequence state (same snapshot in every chain carry of the user). */
  readonly userSeq?: UserSeqCarry;
  /** Added by recon core: transfer legs of this chain still waiting for their counterpart. */
  readonly openTransfers?: readonly TransferLeg[];
  /** Added by recon core: transfer rows of this chain whose counterparty is outside the account. */
  readonly transfersOutside?: number;
}

/** How a user's user_seq is numbered (undocumented): decided per user from the data. */
export type SeqScheme = 'per-user' | 'per-currency';

/** A run of missing user_seq numbers under the per-user scheme, with the row right after it. */
export interface SeqHole {
  readonly from: number;
  readonly count: number;
  readonly chain: ChainId;
  readonly rowId: number;
  readonly timestamp: number;
}

/** Added by recon core: what sequence checking carries per (account, user) between runs. */
export interface UserSeqCarry {
  readonly scheme: SeqScheme;
  /** Rows seen for this user over all currencies (picks the freshest snapshot among chain carries). */
  readonly rows: number;
  /** Per-user scheme: lowest and highest user_seq seen, the missing runs between them. */
  readonly minSeq: number;
  /** The row holding minSeq (the row after a hole that opens below it later). */
  readonly minRow: { readonly chain: ChainId; readonly rowId: number; readonly timestamp: number } | null;
  readonly maxSeq: number;
  readonly holes: readonly SeqHole[];
  /** Anomaly counts (gaps + duplicates) under each scheme: the smaller one wins. */
  readonly perUserDuplicates: number;
  readonly perCurrencyAnomalies: number;
  /**
   * Sequence findings of the chosen scheme so far: per-currency gaps and duplicates, or per-user
   * duplicates (per-user gaps are rebuilt from `holes`, since later rows of another currency fill them).
   */
  readonly findings: readonly Finding[];
}

/** One side of a subaccount transfer, as matched by core/recon/transfers. */
export interface TransferLeg {
  readonly chain: ChainId;
  readonly rowId: number;
  readonly timestamp: number;
  /** The row's change, exact (negative = sent). */
  readonly amount: DecimalText;
  /** info.other_user_id; null when the row does not say. */
  readonly otherUserId: number | null;
}

export interface TieOut {
  readonly liveBalance: DecimalText;
  /** When get_account_summary answered (ms). */
  readonly liveAt: number;
  readonly cachedBalance: DecimalText | null;
  /** Timestamp of the newest cached row. */
  readonly cachedAt: number | null;
  /** live − cached, exact. */
  readonly difference: DecimalText | null;
  readonly tiesOut: boolean;
}

/** A span of time in UTC ms, both ends inclusive. */
export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

/** How much of one stream the sync has downloaded (core/recon/stream-completeness). */
export interface DownloadState {
  /** Every row up to the account's newest sync is cached. */
  readonly complete: boolean;
  /** Where rows may be missing, oldest first; empty when complete. */
  readonly missing: readonly TimeRange[];
  /** Time covered / time needed, floored; 100 only when complete (at most 99 otherwise). */
  readonly percentDone: number;
}

export interface ChainStatus {
  readonly chain: ChainId;
  readonly rows: number;
  readonly firstTimestamp: number | null;
  readonly lastTimestamp: number | null;
  readonly newestBalance: DecimalText | null;
  readonly breaks: number;
  readonly gaps: number;
  /** History reaches account creation (first row is a deposit/transfer from zero, or seq starts at 1, see core). */
  readonly complete: boolean;
  readonly tieOut: TieOut | null;
  /**
   * What the sync has downloaded of the chain, when the caller knew (absent: treated as downloaded).
   * A chain not fully downloaded reports no break, gap or completeness finding: its status says so instead.
   */
  readonly download?: DownloadState;
}

/** A reporting period: [fromMs, toMs) in UTC ms, with the zone used to compute its bounds. */
export interface Period {
  readonly fromMs: number;
  readonly toMs: number;
  /** IANA zone name used for the boundaries, e.g. "UTC" or "Europe/Paris". */
  readonly timeZone: string;
  /** Human label, e.g. "2025 (UTC)" or "2025-03-01 – 2025-06-30 (Europe/Paris)". */
  readonly label: string;
}

export interface KindTotal {
  /** Stable key, e.g. "trade-option", "fee", "transfer-in:12345", "unknown:bonus_distribution". */
  readonly kind: string;
  /** Plain label for people, e.g. "Options premium", "Transfers in from Sub1 (12345)". */
  readonly label: string;
  readonly amount: DecimalText;
  readonly rows: number;
}

export interface PeriodSummary {
  readonly chain: ChainId;
  readonly username: string | null;
  readonly period: Period;
  /** Balance of the last row before the period; "0" when history is complete and nothing is earlier. */
  readonly opening: DecimalText;
  readonly openingBasis: 'previous-row' | 'zero-before-first-row' | 'unknown-history-incomplete';
  /** Balance of the last row in the period (opening when the period has no row). */
  readonly closing: DecimalText;
  readonly sumOfChanges: DecimalText;
  /** closing = opening + Σ change, verified with exact arithmetic. */
  readonly identityHolds: boolean;
  readonly rows: number;
  /** Partition of Σ change by kind: the amounts add up to sumOfChanges exactly. */
  readonly totals: readonly KindTotal[];
}

/** The reconciliation section every export carries (or is accompanied by). */
export interface ReconciliationSection {
  readonly generatedFrom: string;
  readonly period: Period;
  readonly rowsExported: number;
  readonly chains: readonly ChainStatus[];
  readonly findings: readonly Finding[];
  readonly summaries: readonly PeriodSummary[];
  /** Lower-case hex SHA-256 over the exported data rows (definition in src/core/export). */
  readonly sha256: string;
}
