/**
 * Transaction grid columns: money first (after when, who, what), amounts right-aligned in a tabular
 * face, grouped in the chosen locale and decimal-aligned to the currency's precision, always the
 * exact stored text. Every column sorts (time, type and currency through their indexes; the rest in
 * memory within the filtered set).
 *
 * To add a column (e.g. a USD value): append a GridColumn here, e.g.
 *   { id: 'usdValue', header: 'Value (USD)', kind: 'amount', value: (r, ctx) => ctx.usdValue(r), currency: () => 'USD' }
 * `value` must return the exact decimal text (or null); put what it needs into TransactionGridContext.
 * A line in the row details: add it to transactionDetailLines below.
 */
import type { TransactionRecord } from '../../db/database';
import type { GridColumn, GridDisplay } from '../cache-grid/grid-columns';
import type { DetailLine } from '../cache-grid/row-details-panel';
import { usdDetailValue, type ValuerFor } from '../../prices/use-usd-valuers';

export interface TransactionGridContext {
  readonly accountLabel: (accountKey: string) => string;
  /** The account's USD valuer from the cached prices (null while they are read). */
  readonly usdValuer: ValuerFor;
}

type Column = GridColumn<TransactionRecord, TransactionGridContext>;

/** An amount in the row's currency (decimal points aligned to its precision), or in other units (contracts, USD). */
const amount = (id: string, header: string, pick: (row: TransactionRecord) => string | null, inCurrency = true): Column => ({
  id,
  header,
  kind: 'amount',
  value: pick,
  ...(inCurrency ? { currency: (r: TransactionRecord) => r.currency } : {}),
});

export const TRANSACTION_COLUMNS: readonly Column[] = [
  { id: 'timestamp', header: 'Time', kind: 'time', value: (r) => r.timestamp },
  { id: 'user', header: 'User', kind: 'text', value: (r) => r.username ?? String(r.userId) },
  { id: 'currency', header: 'Currency', kind: 'text', value: (r) => r.currency },
  { id: 'type', header: 'Type', kind: 'text', value: (r) => r.type },
  amount('change', 'Change', (r) => r.change),
  amount('balance', 'Balance', (r) => r.balance),
  amount('amount', 'Amount', (r) => r.amount, false),
  amount('price', 'Price', (r) => r.price, false),
  amount('commission', 'Commission', (r) => r.commission),
  amount('position', 'Position', (r) => r.position, false),
  amount('equity', 'Equity', (r) => r.equity),
  { id: 'side', header: 'Side', kind: 'text', value: (r) => r.side },
  { id: 'instrument', header: 'Instrument', kind: 'text', value: (r) => r.instrumentName },
  { id: 'account', header: 'Account', kind: 'text', value: (r, ctx) => ctx.accountLabel(r.accountKey) },
  { id: 'userSeq', header: 'User seq', kind: 'integer', value: (r) => r.userSeq },
  { id: 'id', header: 'ID', kind: 'integer', value: (r) => r.id },
  { id: 'tradeId', header: 'Trade ID', kind: 'text', value: (r) => r.tradeId },
  { id: 'orderId', header: 'Order ID', kind: 'text', value: (r) => r.orderId },
  { id: 'ip', header: 'IP', kind: 'text', value: (r) => r.ip },
  { id: 'info', header: 'Info', kind: 'text', value: (r) => r.infoText, minWidth: 220, flex: 1 },
];

export const transactionRowId = (row: TransactionRecord): string => `${row.accountKey}:${row.id}`;

/** Labelled lines above the raw JSON (times are added by the view). */
export function transactionDetailLines(row: TransactionRecord, context: TransactionGridContext, _display: GridDisplay): DetailLine[] {
  return [
    { label: 'Account', value: `${context.accountLabel(row.accountKey)} · user ${row.username ?? row.userId} (${row.userId})` },
    { label: 'Change', value: `${row.change} ${row.currency}` },
    { label: 'Balance', value: `${row.balance} ${row.currency}` },
    { label: 'USD value', value: usdDetailValue(row, context.usdValuer(row.accountKey)) },
  ];
}
