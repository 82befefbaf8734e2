/**
 * Transactions CSV: every field of every row. The named columns are for people and spreadsheets; `raw`
 * is the row's exact JSON text, so fields the app does not know yet are exported too.
 */
import type { ExportRow } from './export-types';
import { csvField, csvLine, CSV_EOL } from './csv-text';
import { isoUtc } from './export-dates';
import { CSV_MIME, type RowFormat } from './row-encoder';

export const TRANSACTIONS_CSV_COLUMNS = [
  'account', 'account_key', 'user_id', 'username', 'currency', 'id', 'user_seq', 'timestamp', 'date', 'type',
  'kind', 'instrument', 'side', 'amount', 'price', 'position', 'change', 'balance', 'cashflow', 'commission',
  'equity', 'trade_id', 'order_id', 'ip', 'info', 'raw',
] as const;

export function transactionsCsvFormat(): RowFormat {
  return {
    format: 'transactions-csv',
    mimeType: CSV_MIME,
    fileStem: 'transactions',
    extension: 'csv',
    carriesSection: false,
    header: () => csvLine(TRANSACTIONS_CSV_COLUMNS),
    // Hot path (a million rows): one concatenation, no intermediate arrays.
    row: (r: ExportRow) =>
      csvField(r.accountLabel) + ',' + csvField(r.accountKey) + ',' + r.userId + ',' + csvField(r.username) + ',' +
      csvField(r.currency) + ',' + r.id + ',' + r.userSeq + ',' + r.timestamp + ',' + isoUtc(r.timestamp) + ',' +
      csvField(r.type) + ',' + csvField(r.kind) + ',' + csvField(r.instrumentName) + ',' + csvField(r.side) + ',' +
      csvField(r.amount) + ',' + csvField(r.price) + ',' + csvField(r.position) + ',' + csvField(r.change) + ',' +
      csvField(r.balance) + ',' + csvField(r.cashflow) + ',' + csvField(r.commission) + ',' + csvField(r.equity) + ',' +
      csvField(r.tradeId) + ',' + csvField(r.orderId) + ',' + csvField(r.ip) + ',' + csvField(r.infoText) + ',' +
      csvField(r.raw) + CSV_EOL,
    footer: () => '',
    sidecarNotes: () => [],
  };
}
