/** The one entry point the worker calls: an encoder per format over one export context. */
import { beancountFormat } from './beancount-ledger';
import { coinTrackingCsvFormat } from './cointracking-csv';
import { ExportDigest, type RowsDigest } from './export-digest';
import type { ExportContext, ExportEncoder, ExportFormat } from './export-types';
import { koinlyCsvFormat } from './koinly-csv';
import { createRowEncoder } from './row-encoder';
import { createSummaryCsvEncoder } from './summary-csv';
import { transactionsCsvFormat } from './transactions-csv';

/**
 * `digest` takes the data rows' bytes (default: SHA-256 on this thread). The summary CSV's few lines
 * are always digested here.
 */
export function createExportEncoder(format: ExportFormat, ctx: ExportContext, digest: RowsDigest = new ExportDigest()): ExportEncoder {
  switch (format) {
    case 'transactions-csv':
      return createRowEncoder(ctx, transactionsCsvFormat(), digest);
    case 'summary-csv':
      return createSummaryCsvEncoder(ctx);
    case 'koinly-csv':
      return createRowEncoder(ctx, koinlyCsvFormat(ctx), digest);
    case 'cointracking-csv':
      return createRowEncoder(ctx, coinTrackingCsvFormat(ctx), digest);
    case 'beancount':
      return createRowEncoder(ctx, beancountFormat(ctx), digest);
    default: {
      const unknown: never = format;
      throw new Error(`unknown export format: ${String(unknown)}`);
    }
  }
}
