/** The one entry point the worker calls: an encoder per format over one export context. */
import { beancountFormat } from './beancount-ledger';
import type { BeancountOptions } from './beancount-opens';
import { coinTrackingCsvFormat } from './cointracking-csv';
import { ExportDigest, type RowsDigest } from './export-digest';
import type { ExportContext, ExportEncoder, ExportFormat } from './export-types';
import { koinlyCsvFormat } from './koinly-csv';
import { createRowEncoder, createSegmentEncoder, type RowFormat, type SegmentEncoder } from './row-encoder';
import { createSummaryCsvEncoder } from './summary-csv';
import { transactionsCsvFormat } from './transactions-csv';

/** Per-format choices; every field optional, so callers that pass none get the historical files. */
export interface ExportOptions {
  /** Beancount: `layout: 'continuation'` for a period added to a ledger that holds the previous one (beancount-opens.ts). */
  readonly beancount?: BeancountOptions;
}

/**
 * `digest` takes the data rows' bytes (default: SHA-256 on this thread). The summary CSV's few lines
 * are always digested here.
 */
export function createExportEncoder(
  format: ExportFormat,
  ctx: ExportContext,
  digest: RowsDigest = new ExportDigest(),
  options: ExportOptions = {},
): ExportEncoder {
  switch (format) {
    case 'transactions-csv':
      return createRowEncoder(ctx, transactionsCsvFormat(ctx), digest);
    case 'summary-csv':
      return createSummaryCsvEncoder(ctx);
    case 'koinly-csv':
      return createRowEncoder(ctx, koinlyCsvFormat(ctx), digest);
    case 'cointracking-csv':
      return createRowEncoder(ctx, coinTrackingCsvFormat(ctx), digest);
    case 'beancount':
      return createRowEncoder(ctx, beancountFormat(ctx, options.beancount), digest);
    default: {
      const unknown: never = format;
      throw new Error(`unknown export format: ${String(unknown)}`);
    }
  }
}

/**
 * An encoder of a share of a file's rows, run apart from the file's own encoder (export-split.ts): null
 * for formats whose rows cannot be encoded apart (the summary CSV has none; Beancount carries state
 * across chains).
 */
export function createSegmentEncoderFor(format: ExportFormat, ctx: ExportContext): SegmentEncoder | null {
  let rowFormat: RowFormat | null = null;
  if (format === 'transactions-csv') rowFormat = transactionsCsvFormat(ctx);
  else if (format === 'koinly-csv') rowFormat = koinlyCsvFormat(ctx);
  else if (format === 'cointracking-csv') rowFormat = coinTrackingCsvFormat(ctx);
  return rowFormat?.split === undefined ? null : createSegmentEncoder(ctx, rowFormat);
}
