/**
 * Transactions CSV: every field of every row. The named columns are for people and spreadsheets; `raw`
 * is the row's exact JSON text, so fields the app does not know yet are exported too.
 */
import type { ExportContext, ExportRow } from './export-types';
import { usdNotes, UsdCounter } from './usd-columns';
import type { UsdPrice } from '../fiat/usd-valuer';
import { fieldRoom, NUMBER_ROOM, putField, putInteger, putIsoUtc, putNumber, type CsvBytes } from './csv-bytes';
import { csvField, csvLine, csvNumber, CSV_EOL } from './csv-text';
import { isoUtc } from './export-dates';
import { CSV_MIME, type RowFormat } from './row-encoder';

const COMMA = 44;

export const TRANSACTIONS_CSV_COLUMNS = [
  'account', 'account_key', 'user_id', 'username', 'currency', 'id', 'user_seq', 'timestamp', 'date', 'type',
  'kind', 'instrument', 'side', 'amount', 'price', 'position', 'change', 'balance', 'cashflow', 'commission',
  'equity', 'trade_id', 'order_id', 'ip', 'info', 'usd_price', 'usd_price_source', 'usd_value', 'raw',
] as const;

export function transactionsCsvFormat(ctx: ExportContext): RowFormat {
  const usd = new UsdCounter(ctx.usd?.valuer ?? null);
  /** The usd_price and usd_price_source cells last written for a shared price, as bytes. */
  let cellsOf: UsdPrice | null = null;
  let cells: Uint8Array = new Uint8Array(0);
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
    // The same fields written as bytes (csv-bytes.ts): what the export runs; row() stays the reference.
    // Room for the named columns is made once, then every field is put at a position held in a local.
    writeRow(r: ExportRow, out: CsvBytes) {
      let b = out.room(
        fieldRoom(r.accountLabel) + fieldRoom(r.accountKey) + fieldRoom(r.username) + fieldRoom(r.currency) + fieldRoom(r.type) +
        fieldRoom(r.kind) + fieldRoom(r.instrumentName) + fieldRoom(r.side) + fieldRoom(r.amount) + fieldRoom(r.price) +
        fieldRoom(r.position) + fieldRoom(r.change) + fieldRoom(r.balance) + fieldRoom(r.cashflow) + fieldRoom(r.commission) +
        fieldRoom(r.equity) + fieldRoom(r.tradeId) + fieldRoom(r.orderId) + fieldRoom(r.ip) + fieldRoom(r.infoText) +
        5 * NUMBER_ROOM + TRANSACTIONS_CSV_COLUMNS.length,
      );
      let at = out.length;
      at = putField(b, at, r.accountLabel); b[at++] = COMMA; at = putField(b, at, r.accountKey); b[at++] = COMMA;
      at = putInteger(b, at, r.userId); b[at++] = COMMA; at = putField(b, at, r.username); b[at++] = COMMA;
      at = putField(b, at, r.currency); b[at++] = COMMA; at = putInteger(b, at, r.id); b[at++] = COMMA;
      at = putInteger(b, at, r.userSeq); b[at++] = COMMA; at = putInteger(b, at, r.timestamp); b[at++] = COMMA;
      at = putIsoUtc(b, at, r.timestamp); b[at++] = COMMA; at = putField(b, at, r.type); b[at++] = COMMA;
      at = putField(b, at, r.kind); b[at++] = COMMA; at = putField(b, at, r.instrumentName); b[at++] = COMMA;
      at = putField(b, at, r.side); b[at++] = COMMA; at = putNumber(b, at, r.amount); b[at++] = COMMA;
      at = putNumber(b, at, r.price); b[at++] = COMMA; at = putNumber(b, at, r.position); b[at++] = COMMA;
      at = putNumber(b, at, r.change); b[at++] = COMMA; at = putNumber(b, at, r.balance); b[at++] = COMMA;
      at = putNumber(b, at, r.cashflow); b[at++] = COMMA; at = putNumber(b, at, r.commission); b[at++] = COMMA;
      at = putNumber(b, at, r.equity); b[at++] = COMMA; at = putField(b, at, r.tradeId); b[at++] = COMMA;
      at = putField(b, at, r.orderId); b[at++] = COMMA; at = putField(b, at, r.ip); b[at++] = COMMA;
      at = putField(b, at, r.infoText); b[at++] = COMMA;
      out.moveTo(at);
      const v = usd.value(r);
      if (v === null) {
        out.comma();
        out.comma();
      } else if (v.priced) {
        // A day's delivery price (and par) is one shared object for all its rows: its two cells are copied, not re-encoded.
        if (v.price !== cellsOf) {
          const start = out.length;
          out.number(v.price.price); out.comma(); out.field(v.price.label); out.comma();
          if (v.price.source === 'delivery-price' || v.price.source === 'par') {
            cellsOf = v.price;
            cells = out.copy(start);
          }
        } else out.bytes(cells);
        out.text(v.usd);
      } else {
        out.comma(); out.field(v.reason); out.comma();
      }
      b = out.room(fieldRoom(r.raw) + 3);
      at = out.length;
      b[at++] = COMMA;
      at = putField(b, at, r.raw);
      b[at++] = 13;
      b[at++] = 10;
      out.moveTo(at);
    },
    footer: () => '',
    sidecarNotes: () => usdNotes(ctx, usd, 'usd_value is change × usd_price'),
    // Each row's text is its own; only the USD counts carry over (added up in export order).
    split: 'rows',
    tally: () => ({ counts: [], usd: usd.tally() }),
    addTally: (t) => usd.addTally(t.usd),
  };
}
