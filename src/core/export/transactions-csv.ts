/**
 * Transactions CSV: every field of every row. The named columns are for people and spreadsheets; `raw`
 * is the row's exact JSON text, so fields the app does not know yet are exported too.
 */
import type { ExportContext, ExportRow } from './export-types';
import { usdNotes, UsdCounter } from './usd-columns';
import { csvField, csvLine, csvNumber, CSV_EOL } from './csv-text';
import { isoUtc } from './export-dates';
import { CSV_MIME, type RowFormat } from './row-encoder';

export const TRANSACTIONS_CSV_COLUMNS = [
  'account', 'account_key', 'user_id', 'username', 'currency', 'id', 'user_seq', 'timestamp', 'date', 'type',
  'kind', 'instrument', 'side', 'amount', 'price', 'position', 'change', 'balance', 'cashflow', 'commission',
  'equity', 'trade_id', 'order_id', 'ip', 'info', 'usd_price', 'usd_price_source', 'usd_value', 'raw',
] as const;

export function transactionsCsvFormat(ctx: ExportContext): RowFormat {
  const usd = new UsdCounter(ctx.usd?.valuer ?? null);
  /** usd_price, usd_price_source, usd_value: the price and where it came from, or why there is none. */
  const usdCells = (r: ExportRow): string => {
    const v = usd.value(r);
    if (v === null) return ',,';
    return v.priced ? csvNumber(v.price.price) + ',' + csvField(v.price.label) + ',' + v.usd : ',' + csvField(v.reason) + ',';
  };
  return {
    format: 'transactions-csv',
    mimeType: CSV_MIME,
    fileStem: 'transactions',
    extension: 'csv',
    carriesSection: false,
    header: () => csvLine(TRANSACTIONS_CSV_COLUMNS),
    // Hot path (a million rows): one concatenation, no intermediate arrays. Text through csvField (formula-like
    // text neutralised), amounts through csvNumber (exact decimal text as is), ids and times as numbers.
    row: (r: ExportRow) =>
      csvField(r.accountLabel) + ',' + csvField(r.accountKey) + ',' + r.userId + ',' + csvField(r.username) + ',' +
      csvField(r.currency) + ',' + r.id + ',' + r.userSeq + ',' + r.timestamp + ',' + isoUtc(r.timestamp) + ',' +
      csvField(r.type) + ',' + csvField(r.kind) + ',' + csvField(r.instrumentName) + ',' + csvField(r.side) + ',' +
      csvNumber(r.amount) + ',' + csvNumber(r.price) + ',' + csvNumber(r.position) + ',' + csvNumber(r.change) + ',' +
      csvNumber(r.balance) + ',' + csvNumber(r.cashflow) + ',' + csvNumber(r.commission) + ',' + csvNumber(r.equity) + ',' +
      csvField(r.tradeId) + ',' + csvField(r.orderId) + ',' + csvField(r.ip) + ',' + csvField(r.infoText) + ',' +
      usdCells(r) + ',' + csvField(r.raw) + CSV_EOL,
    footer: () => '',
    sidecarNotes: () => usdNotes(ctx, usd, 'usd_value is change × usd_price'),
  };
}
