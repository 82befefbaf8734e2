/**
 * private/get_deposits, get_withdrawals, get_transfers (scope wallet:read): views over the main
 * account's CLEAN transaction-log rows of the matching type (the wallet system is not what a log
 * corruption damages), plus the spec's pending entries that have no row yet. Result `{count, data}`,
 * newest first, `offset`/`count` (max 1000).
 */
import { currencyDecimals, formatFixed } from './fixed-point';
import { raw, toJsonText, type JsonValue } from './raw-json';
import { invalidParams } from './rpc-errors';
import { SeededRandom } from './seeded-random';
import type { SimDataset } from './sim-dataset';
import type { PendingWalletEntry } from './sim-types';
import { hex } from './transaction-row-json';
import type { RowKind, StreamRow } from './transaction-store';
import { parseFixed, withdrawalFeeText } from './withdrawal-fees';

export type WalletMethod = 'deposits' | 'withdrawals' | 'transfers';

const KIND: Readonly<Record<WalletMethod, RowKind>> = { deposits: 'deposit', withdrawals: 'withdrawal', transfers: 'transfer' };
/** Ids of pending withdrawals: far above any generated row id. */
const PENDING_ID_BASE = 900_000_000;

interface Listed {
  readonly timestamp: number;
  readonly render: () => JsonValue;
}

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
  const dec = currencyDecimals(currency);
  const amount = (v: bigint): JsonValue => raw(formatFixed(v, dec));
  const listed: Listed[] = pendingEntries(dataset, method, currency);
  const stream = dataset.cleanStream(dataset.mainUser.userId, currency);
  if (stream) {
    for (let i = stream.length - 1; i >= 0; i--) {
      if (stream.kindAt(i) !== KIND[method]) continue;
      const index = i;
      listed.push({
        timestamp: stream.row(i).timestamp,
        render: () => {
          const row = stream.row(index);
          return entry(method, row, rowInfo(dataset.renderRow(stream, index)), currency, amount, dataset.walletAmountDelta(row.id));
        },
      });
    }
  }
  // Stable: pending entries (listed first) stay ahead of rows with the same timestamp.
  listed.sort((a, b) => b.timestamp - a.timestamp);
  const data = listed.slice(offset, offset + count).map((item) => item.render());
  return toJsonText({ count: listed.length, data });
}

function entry(
  method: WalletMethod,
  row: StreamRow,
  info: Record<string, unknown>,
  currency: string,
  amount: (v: bigint) => JsonValue,
  delta: bigint,
): JsonValue {
  const magnitude = row.change < 0n ? -row.change : row.change;
  const text = (key: string): string | null => (typeof info[key] === 'string' ? (info[key] as string) : null);
  if (method === 'deposits') {
    return {
      address: text('addr'),
      amount: amount(row.change + delta),
      currency,
      received_timestamp: row.timestamp,
      state: 'completed',
      transaction_id: text('transaction'),
      updated_timestamp: row.timestamp,
    };
  }
  if (method === 'withdrawals') {
    // The row's change is -(amount + fee) and its commission is the fee.
    const fee = row.commission ?? 0n;
    return {
      address: text('addr'),
      amount: amount(magnitude - fee + delta),
      confirmed_timestamp: row.timestamp,
      created_timestamp: row.timestamp,
      currency,
      fee: amount(fee),
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

/** The spec's entries without a row, for this list and currency. */
function pendingEntries(dataset: SimDataset, method: WalletMethod, currency: string): Listed[] {
  const all = dataset.spec.walletPending ?? [];
  const dec = currencyDecimals(currency);
  const listed: Listed[] = [];
  all.forEach((pending, position) => {
    if (pending.currency !== currency || `${pending.kind}s` !== method) return;
    listed.push({ timestamp: pending.timestamp ?? dataset.spec.endTime, render: () => pendingEntry(pending, position, dataset.spec, dec) });
  });
  return listed;
}

function pendingEntry(pending: PendingWalletEntry, position: number, spec: { seed: number; endTime: number }, dec: number): JsonValue {
  const r = new SeededRandom(spec.seed * 7919 + position);
  const timestamp = pending.timestamp ?? spec.endTime;
  const amount = raw(formatFixed(parseFixed(pending.amount, dec), dec));
  const address = pending.currency === 'BTC' ? `bc1q${hex(r, 38)}` : `0x${hex(r, 40)}`;
  if (pending.kind === 'deposit') {
    return {
      address,
      amount,
      currency: pending.currency,
      received_timestamp: timestamp,
      state: pending.state ?? 'pending',
      transaction_id: hex(r, 64),
      updated_timestamp: timestamp,
    };
  }
  return {
    address,
    amount,
    confirmed_timestamp: null,
    created_timestamp: timestamp,
    currency: pending.currency,
    fee: raw(formatFixed(parseFixed(pending.fee ?? withdrawalFeeText(pending.currency), dec), dec)),
    id: PENDING_ID_BASE + position,
    priority: 1,
    state: pending.state ?? 'unconfirmed',
    transaction_id: null,
    updated_timestamp: timestamp,
  };
}

/** The row's `info` object (strings only matter here, so a plain parse is safe). */
function rowInfo(json: string): Record<string, unknown> {
  const info = (JSON.parse(json) as { info?: unknown }).info;
  return typeof info === 'object' && info !== null && !Array.isArray(info) ? (info as Record<string, unknown>) : {};
}
