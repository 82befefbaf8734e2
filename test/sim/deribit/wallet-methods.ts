/**
 * private/get_deposits, get_withdrawals, get_transfers (scope wallet:read): views over the main
 * account's transaction-log rows of the matching type, so the app can cross-check them.
 * Result `{count, data}`, newest first, `offset`/`count` (max 1000).
 */
import { currencyDecimals, formatFixed } from './fixed-point';
import { raw, toJsonText, type JsonValue } from './raw-json';
import { invalidParams } from './rpc-errors';
import type { SimDataset } from './sim-dataset';
import type { RowKind, StreamRow } from './transaction-store';

export type WalletMethod = 'deposits' | 'withdrawals' | 'transfers';

const KIND: Readonly<Record<WalletMethod, RowKind>> = { deposits: 'deposit', withdrawals: 'withdrawal', transfers: 'transfer' };

export function walletList(
  dataset: SimDataset,
  method: WalletMethod,
  currency: string,
  params: Readonly<Record<string, string>>,
): string {
  const offset = params.offset === undefined ? 0 : Number(params.offset);
  const count = params.count === undefined ? 10 : Number(params.count);
  if (!Number.isInteger(offset) || offset < 0) throw invalidParams('offset', 'must be a non-negative integer');
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw invalidParams('count', 'must be between 1 and 1000');
  const stream = dataset.stream(dataset.mainUser.userId, currency);
  const matching: number[] = [];
  if (stream) {
    for (let i = stream.length - 1; i >= 0; i--) if (stream.kindAt(i) === KIND[method]) matching.push(i);
  }
  const dec = currencyDecimals(currency);
  const data = matching.slice(offset, offset + count).map((index) => {
    if (!stream) return null;
    const row = stream.row(index);
    const info = rowInfo(dataset.renderRow(stream, index));
    return entry(method, row, info, currency, (v) => raw(formatFixed(v, dec)));
  });
  return toJsonText({ count: matching.length, data });
}

function entry(
  method: WalletMethod,
  row: StreamRow,
  info: Record<string, unknown>,
  currency: string,
  amount: (v: bigint) => JsonValue,
): JsonValue {
  const magnitude = row.change < 0n ? -row.change : row.change;
  const text = (key: string): string | null => (typeof info[key] === 'string' ? (info[key] as string) : null);
  if (method === 'deposits') {
    return {
      address: text('addr'),
      amount: amount(magnitude),
      currency,
      received_timestamp: row.timestamp,
      state: 'completed',
      transaction_id: text('transaction'),
      updated_timestamp: row.timestamp,
    };
  }
  if (method === 'withdrawals') {
    return {
      address: text('addr'),
      amount: amount(magnitude),
      confirmed_timestamp: row.timestamp,
      created_timestamp: row.timestamp,
      currency,
      fee: 0,
      id: row.id,
      priority: 1,
      state: 'completed',
      transaction_id: text('transaction'),
      updated_timestamp: row.timestamp,
    };
  }
  return {
    amount: amount(magnitude),
    created_timestamp: row.timestamp,
    currency,
    direction: row.change < 0n ? 'payment' : 'income',
    id: row.id,
    other_side: text('other_user'),
    state: 'confirmed',
    type: 'subaccount',
    updated_timestamp: row.timestamp,
  };
}

/** The row's `info` object (strings only matter here, so a plain parse is safe). */
function rowInfo(json: string): Record<string, unknown> {
  const info = (JSON.parse(json) as { info?: unknown }).info;
  return typeof info === 'object' && info !== null ? (info as Record<string, unknown>) : {};
}
