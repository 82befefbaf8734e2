/**
 * The export API the worker calls: one encoder per file, fed rows in chain order, pure text out.
 * Byte-identical by construction: no clock, deterministic order, amounts as exact decimal text.
 */
import type { TransactionLogRow } from '../providers/deribit/types';
import type { ChainStatus, Finding, Period, PeriodSummary, ReconciliationSection } from '../recon/types';
import type { UsdValuer } from '../fiat/usd-valuer';
import type { UsdYearTotals } from '../fiat/usd-totals';
import type { SegmentTally } from './row-encoder';

export type ExportFormat = 'transactions-csv' | 'summary-csv' | 'koinly-csv' | 'cointracking-csv' | 'beancount';

export const EXPORT_FORMATS: readonly { format: ExportFormat; label: string; extension: string }[] = [
  { format: 'transactions-csv', label: 'Transactions (CSV)', extension: 'csv' },
  { format: 'summary-csv', label: 'Period summary (CSV)', extension: 'csv' },
  { format: 'koinly-csv', label: 'Koinly universal (CSV)', extension: 'csv' },
  { format: 'cointracking-csv', label: 'CoinTracking (CSV)', extension: 'csv' },
  { format: 'beancount', label: 'Beancount ledger', extension: 'beancount' },
];

/** A cached row plus what the worker already knows about it (names, classifyRow's kind key). */
export interface ExportRow extends TransactionLogRow {
  readonly accountKey: string;
  readonly accountLabel: string;
  readonly username: string | null;
  /** classifyRow(row): trade-option, trade-future, trade, settlement, delivery, deposit, withdrawal, transfer, swap, correction, position-move, bonus, unknown:<type> */
  readonly kind: string;
}

export interface ExportContext {
  readonly period: Period;
  /** Computed BEFORE rows are streamed (from the ledger); sha256 filled by the encoder at the end. */
  readonly summaries: readonly PeriodSummary[];
  readonly chains: readonly ChainStatus[];
  readonly findings: readonly Finding[];
  /** accountKey -> label */
  readonly accountLabels: ReadonlyMap<string, string>;
  /** `${accountKey}|${userId}` -> username */
  readonly usernames: ReadonlyMap<string, string>;
  /** USD values (src/core/fiat); absent: USD columns stay empty and the notes say no price data was given. */
  readonly usd?: UsdExport;
}

export interface UsdExport {
  readonly valuer: UsdValuer;
  /** Per-year USD totals per chain, computed over the period's rows before the file is written (summary CSV); null when not computed. */
  readonly totals: readonly UsdYearTotals[] | null;
  /** What the cached prices cover, one line per index, e.g. "btc_usd: Deribit delivery prices 2018-01-01 to 2026-12-06". */
  readonly coverage: readonly string[];
}

/**
 * One export file. The file is header() + every encode() result + footer(), in that order.
 * Row encoders skip rows outside [period.fromMs, period.toMs): the worker may feed whole pages.
 * The digest (section().sha256) is SHA-256 over the UTF-8 bytes of every encode() result, i.e. the
 * file minus header and footer; for summary-csv, whose data rows are the summary lines, it covers
 * those lines (written by footer()).
 */
export interface ExportEncoder {
  readonly format: ExportFormat;
  /** e.g. deribit-transactions-2025-UTC.csv — deterministic from the period */
  readonly fileName: string;
  readonly mimeType: string;
  header(): string;
  /** Rows in export order (chain order: accountKey, userId, currency, user_seq, id); returns their UTF-8 bytes, as digested. */
  encode(rows: readonly ExportRow[]): Uint8Array;
  /**
   * encode() without a copy: the rows' bytes (a buffer of their own, handed over) go to `emit` once
   * digested, maybe later (a digest on another thread hands them back); always in order, and all
   * before the digest settles. Absent: encode().
   */
  encodeTo?(rows: readonly ExportRow[], emit: (bytes: Uint8Array) => void): void;
  /**
   * How the rows may be encoded apart (createSegmentEncoder, export-split.ts): 'rows' at any row, 'user'
   * between Deribit users only; null or absent: only here. Shares encoded apart come back through
   * adopt() (their bytes, in export order, instead of encode(); passed on to `emit` once digested, as
   * encodeTo() does) and addTally() (after each share).
   */
  readonly split?: 'rows' | 'user' | null;
  adopt?(bytes: Uint8Array, emit: (bytes: Uint8Array) => void): void;
  addTally?(tally: SegmentTally): void;
  /** Trailer text (Beancount: balance assertions + the reconciliation section as comments; CSV: '' except summary-csv). */
  footer(): string;
  /** The reconciliation section with sha256 = digest of the data rows (see above). */
  section(): ReconciliationSection;
  /** For CSV formats: the text of the accompanying `<fileName>.reconciliation.txt`; null when the file carries it. */
  sidecar(): string | null;
}
