/**
 * Results of private/get_deposits, get_withdrawals and get_transfers (`{count, data}`), read from lossless
 * JSON like the transaction log: amounts keep their exact text, every entry keeps its full text in `raw`,
 * and fields a method (or an older API version) does not send are null.
 */
import { isJsonObject, losslessJson, malformed, toDecimalText, toSafeInteger, toText } from './lossless-response';
import type { WalletListKind, WalletListPage, WalletRecord } from './types';

export function toWalletRecord(entry: unknown, kind: WalletListKind, fallbackCurrency: string): WalletRecord {
  if (!isJsonObject(entry)) throw malformed(`${kind} entry is not an object: ${losslessJson(entry).slice(0, 80)}`);
  const amount = toDecimalText(entry.amount);
  // Without an amount an entry cannot be compared with anything: treat the page as unreadable.
  if (amount === null) throw malformed(`${kind} entry has no valid "amount" (${losslessJson(entry).slice(0, 200)})`);
  return {
    kind,
    currency: toText(entry.currency) ?? fallbackCurrency,
    id: toSafeInteger(entry.id),
    amount,
    fee: toDecimalText(entry.fee),
    state: toText(entry.state),
    transactionId: toText(entry.transaction_id),
    address: toText(entry.address),
    timestamp: toSafeInteger(entry.received_timestamp) ?? toSafeInteger(entry.created_timestamp),
    updatedTimestamp: toSafeInteger(entry.updated_timestamp),
    direction: toText(entry.direction),
    otherSide: toText(entry.other_side),
    raw: losslessJson(entry),
  };
}

/** `{count, data}` as documented; a bare array is accepted too. `count` absent → the entries on the page. */
export function toWalletListPage(result: unknown, kind: WalletListKind, fallbackCurrency: string): WalletListPage {
  const data = Array.isArray(result) ? result : isJsonObject(result) ? result.data : undefined;
  if (!Array.isArray(data)) throw malformed(`${kind} result has no "data" array: ${losslessJson(result).slice(0, 120)}`);
  const records = data.map((entry) => toWalletRecord(entry, kind, fallbackCurrency));
  const count = isJsonObject(result) ? toSafeInteger(result.count) : null;
  return { records, total: count ?? records.length };
}
