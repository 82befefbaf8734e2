/**
 * Transaction grid columns: every field, amounts right-aligned and shown exactly as stored (decimal
 * text, never a number). Only timestamp, currency and type sort (they have indexes).
 */
import type { ColDef, ValueGetterParams } from 'ag-grid-community';
import type { TransactionRecord } from '../../db/database';
import { formatUtcTimestamp } from '../formatting/utc-time';

export interface TransactionGridContext {
  readonly accountLabel: (accountKey: string) => string;
}

type Column = ColDef<TransactionRecord>;

const text =
  (pick: (row: TransactionRecord) => string | number | null) =>
  (params: ValueGetterParams<TransactionRecord>): string => {
    if (!params.data) return '';
    const value = pick(params.data);
    return value === null ? '' : String(value);
  };

const amount = (headerName: string, pick: (row: TransactionRecord) => string | null, colId: string): Column => ({
  colId,
  headerName,
  valueGetter: text(pick),
  type: 'rightAligned',
  cellClass: 'amount-cell',
  width: 140,
});

const sortable: Pick<ColDef, 'sortable' | 'sortingOrder'> = { sortable: true, sortingOrder: ['desc', 'asc'] };

export const TRANSACTION_COLUMNS: Column[] = [
  { colId: 'timestamp', headerName: 'Time (UTC)', valueGetter: text((r) => formatUtcTimestamp(r.timestamp)), width: 215, sort: 'desc', ...sortable },
  {
    colId: 'account',
    headerName: 'Account',
    valueGetter: (p) => (p.data ? (p.context as TransactionGridContext).accountLabel(p.data.accountKey) : ''),
    width: 140,
  },
  { colId: 'user', headerName: 'User', valueGetter: text((r) => r.username ?? r.userId), width: 120 },
  { colId: 'currency', headerName: 'Currency', valueGetter: text((r) => r.currency), width: 105, ...sortable },
  { colId: 'type', headerName: 'Type', valueGetter: text((r) => r.type), width: 115, ...sortable },
  { colId: 'side', headerName: 'Side', valueGetter: text((r) => r.side), width: 105 },
  { colId: 'instrument', headerName: 'Instrument', valueGetter: text((r) => r.instrumentName), width: 160 },
  amount('Change', (r) => r.change, 'change'),
  amount('Balance', (r) => r.balance, 'balance'),
  amount('Amount', (r) => r.amount, 'amount'),
  amount('Price', (r) => r.price, 'price'),
  amount('Commission', (r) => r.commission, 'commission'),
  amount('Position', (r) => r.position, 'position'),
  amount('Equity', (r) => r.equity, 'equity'),
  { colId: 'userSeq', headerName: 'User seq', valueGetter: text((r) => r.userSeq), type: 'rightAligned', width: 105 },
  { colId: 'id', headerName: 'ID', valueGetter: text((r) => r.id), type: 'rightAligned', width: 120 },
  { colId: 'tradeId', headerName: 'Trade ID', valueGetter: text((r) => r.tradeId), width: 130 },
  { colId: 'orderId', headerName: 'Order ID', valueGetter: text((r) => r.orderId), width: 140 },
  { colId: 'ip', headerName: 'IP', valueGetter: text((r) => r.ip), width: 130 },
  { colId: 'info', headerName: 'Info', valueGetter: text((r) => r.infoText), minWidth: 220, flex: 1 },
];

export const transactionRowId = (row: TransactionRecord): string => `${row.accountKey}:${row.id}`;
