/** The one entry point the worker calls: an encoder per format over one export context. */
import { beancountFormat } from './beancount-ledger';
import { coinTrackingCsvFormat } from './cointracking-csv';
import type { ExportContext, ExportEncoder, ExportFormat } from './export-types';
import { koinlyCsvFormat } from './koinly-csv';
import { createRowEncoder } from './row-encoder';
import { createSummaryCsvEncoder } from './summary-csv';
import { transactionsCsvFormat } from './transactions-csv';

export function createExportEncoder(format: ExportFormat, ctx: ExportContext): ExportEncoder {
  switch (format) {
    case 'transactions-csv':
      return createRowEncoder(ctx, transactionsCsvFormat());
    case 'summary-csv':
      return createSummaryCsvEncoder(ctx);
    case 'koinly-csv':
      return createRowEncoder(ctx, koinlyCsvFormat(ctx));
    case 'cointracking-csv':
      return createRowEncoder(ctx, coinTrackingCsvFormat(ctx));
    case 'beancount':
      return createRowEncoder(ctx, beancountFormat(ctx));
    default: {
      const unknown: never = format;
      throw new Error(`unknown export format: ${String(unknown)}`);
    }
  }
}
