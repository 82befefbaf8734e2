/**
 * CoinTracking CSV. Derivative PnL as `Derivatives / Futures Profit|Loss`, trading fees in the Fee
 * column (or a `Margin Fee` line when no cash moved), deposits/withdrawals and subaccount transfers
 * as Deposit/Withdrawal, swaps/corrections/unknown types as Income or Other Fee by sign.
 * Per currency, Buy − Sell − Fee = Σ change exactly. Tx-ID is the Deribit row id.
 */
import { csvField, csvLine, csvNumber, csvRecord } from './csv-text';
import { spaceSeparatedUtc } from './export-dates';
import type { ExportContext, ExportRow } from './export-types';
import { txHashOfRaw } from './raw-row-fields';
import { PNL_KINDS, rowCash } from './row-cash';
import { CSV_MIME, type RowFormat } from './row-encoder';
import { describeRow, ownerName } from './row-wording';

export const COINTRACKING_COLUMNS = [
  'Type', 'Buy', 'Cur.', 'Sell', 'Cur.', 'Fee', 'Cur.', 'Exchange', 'Trade-Group', 'Comment', 'Date', 'Tx-ID',
] as const;

const MOVEMENT_KINDS: ReadonlySet<string> = new Set(['deposit', 'withdrawal', 'transfer']);

type Line = readonly [type: string, buy: string | null, sell: string | null, fee: string | null, txId: string, note: string];

function typeFor(kind: string, sign: 1 | -1): string {
  if (PNL_KINDS.has(kind)) return sign > 0 ? 'Derivatives / Futures Profit' : 'Derivatives / Futures Loss';
  if (MOVEMENT_KINDS.has(kind)) return sign > 0 ? 'Deposit' : 'Withdrawal';
  return sign > 0 ? 'Income' : 'Other Fee';
}

export function coinTrackingCsvFormat(ctx: ExportContext): RowFormat {
  let withoutLine = 0;
  let rebates = 0;
  return {
    format: 'cointracking-csv',
    mimeType: CSV_MIME,
    fileStem: 'cointracking',
    extension: 'csv',
    carriesSection: false,
    header: () => csvLine(COINTRACKING_COLUMNS),
    row(row: ExportRow) {
      const c = rowCash(row);
      const id = String(row.id);
      const lines: Line[] = [];
      if (c.cashSign !== 0) {
        const type = typeFor(row.kind, c.cashSign);
        lines.push(c.cashSign > 0 ? [type, c.cashMagnitude, null, c.fee, id, ''] : [type, null, c.cashMagnitude, c.fee, id, '']);
      } else if (c.fee !== null) {
        lines.push([PNL_KINDS.has(row.kind) ? 'Margin Fee' : 'Other Fee', null, c.fee, null, id, ' (fee)']);
      }
      if (c.rebate !== null) {
        rebates++;
        lines.push(['Income', c.rebate, null, null, lines.length === 0 ? id : `${id}-rebate`, ' (fee rebate)']);
      }
      if (lines.length === 0) {
        withoutLine++;
        return '';
      }
      const date = spaceSeparatedUtc(row.timestamp);
      const hash = row.kind === 'deposit' || row.kind === 'withdrawal' ? txHashOfRaw(row.raw) : null;
      const comment = describeRow(row, ctx) + (hash === null ? '' : `, tx ${hash}`);
      const group = ownerName(row);
      const cur = row.currency;
      let text = '';
      for (const [type, buy, sell, fee, txId, note] of lines) {
        text += csvRecord([
          csvField(type),
          csvNumber(buy), csvField(buy === null ? null : cur),
          csvNumber(sell), csvField(sell === null ? null : cur),
          csvNumber(fee), csvField(fee === null ? null : cur),
          'Deribit',
          csvField(group),
          csvField(comment + note),
          csvField(date),
          csvField(txId),
        ]);
      }
      return text;
    },
    footer: () => '',
    sidecarNotes: () => [
      'Tx-ID is the Deribit row id (a fee rebate line of a row that also moved cash gets "<id>-rebate"). Per currency, Buy − Sell − Fee equals the sum of change.',
      'Trades, settlements and deliveries: the cash part (change + commission) is futures/options profit or loss; the commission is the fee.',
      'Subaccount transfers are Withdrawal/Deposit pairs; swaps, corrections and unknown types are Income (in) or Other Fee (out), one line per currency leg.',
      `Rows that moved no cash (change and commission 0) have no line: ${withoutLine}.`,
      `Fee rebates (negative commission) as separate Income lines: ${rebates}.`,
    ],
  };
}
