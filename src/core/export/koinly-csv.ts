/**
 * Koinly universal CSV. Koinly treats derivatives as realized PnL: the cash part of trades,
 * settlements and deliveries is Received/Sent with label `realized gain`, the commission its fee
 * (or a `cost` line when no cash moved). Deposits, withdrawals, transfers, swaps, corrections and
 * unknown types are plain signed lines. Per currency, Received − Sent − Fee = Σ change exactly.
 */
import { csvField, csvLine, csvNumber, csvRecord } from './csv-text';
import { spaceSeparatedUtc } from './export-dates';
import type { ExportContext, ExportRow } from './export-types';
import { txHashOfRaw } from './raw-row-fields';
import { PNL_KINDS, rowCash } from './row-cash';
import { CSV_MIME, type RowFormat } from './row-encoder';
import { describeRow } from './row-wording';

export const KOINLY_COLUMNS = [
  'Date', 'Sent Amount', 'Sent Currency', 'Received Amount', 'Received Currency', 'Fee Amount', 'Fee Currency',
  'Net Worth Amount', 'Net Worth Currency', 'Label', 'Description', 'TxHash',
] as const;

type Line = readonly [sent: string | null, received: string | null, fee: string | null, label: string, note: string];

export function koinlyCsvFormat(ctx: ExportContext): RowFormat {
  let withoutLine = 0;
  let rebates = 0;
  return {
    format: 'koinly-csv',
    mimeType: CSV_MIME,
    fileStem: 'koinly',
    extension: 'csv',
    carriesSection: false,
    header: () => csvLine(KOINLY_COLUMNS),
    row(row: ExportRow) {
      const c = rowCash(row);
      const pnl = PNL_KINDS.has(row.kind);
      const lines: Line[] = [];
      if (c.cashSign !== 0) {
        const amount = c.cashMagnitude;
        lines.push(c.cashSign > 0 ? [null, amount, c.fee, pnl ? 'realized gain' : '', ''] : [amount, null, c.fee, pnl ? 'realized gain' : '', '']);
      } else if (c.fee !== null) {
        lines.push([c.fee, null, null, 'cost', ' (fee)']);
      }
      if (c.rebate !== null) {
        rebates++;
        lines.push([null, c.rebate, null, pnl ? 'realized gain' : '', ' (fee rebate)']);
      }
      if (lines.length === 0) {
        withoutLine++;
        return '';
      }
      const date = spaceSeparatedUtc(row.timestamp);
      const description = describeRow(row, ctx);
      const hash = row.kind === 'deposit' || row.kind === 'withdrawal' ? txHashOfRaw(row.raw) : null;
      const cur = row.currency;
      let text = '';
      for (const [sent, received, fee, label, note] of lines) {
        text += csvRecord([
          csvField(date),
          csvNumber(sent), csvField(sent === null ? null : cur),
          csvNumber(received), csvField(received === null ? null : cur),
          csvNumber(fee), csvField(fee === null ? null : cur),
          '', '',
          csvField(label),
          csvField(description + note),
          csvField(hash),
        ]);
      }
      return text;
    },
    footer: () => '',
    sidecarNotes: () => [
      'Every line\'s Description carries the Deribit row id. Per currency, Received − Sent − Fee equals the sum of change.',
      'Trades, settlements and deliveries: the cash part (change + commission) is realized PnL; the commission is the fee.',
      `Rows that moved no cash (change and commission 0) have no line: ${withoutLine}.`,
      `Fee rebates (negative commission) as separate Received lines: ${rebates}.`,
      'Swaps are exported per currency leg as plain Sent/Received lines (not paired into trades).',
    ],
  };
}
