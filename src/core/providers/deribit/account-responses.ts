/**
 * Results of the small account-discovery calls (get_time, get_currencies, get_subaccounts,
 * get_account_summary), read from lossless JSON. Unknown fields are ignored here: these are not stored.
 */
import {
  isJsonObject,
  losslessJson,
  malformed,
  toDecimalText,
  toSafeInteger,
  toText,
} from './lossless-response';
import type { AccountSummary, DeribitSubaccount } from './types';

export function toServerTime(result: unknown): number {
  const ms = toSafeInteger(result);
  if (ms === null) throw malformed(`get_time result is not a timestamp: ${losslessJson(result).slice(0, 80)}`);
  return ms;
}

export function toCurrencies(result: unknown): string[] {
  if (!Array.isArray(result)) throw malformed('get_currencies result is not an array');
  return result.map((entry) => {
    const currency = isJsonObject(entry) ? toText(entry.currency) : null;
    if (currency === null) throw malformed(`currency entry has no "currency": ${losslessJson(entry).slice(0, 120)}`);
    return currency;
  });
}

/** The key's own account is the entry typed 'main'; without one, the first entry (Deribit lists it first). */
export function toSubaccounts(result: unknown): DeribitSubaccount[] {
  if (!Array.isArray(result)) throw malformed('get_subaccounts result is not an array');
  const entries = result.map((entry) => {
    if (!isJsonObject(entry)) throw malformed('subaccount entry is not an object');
    const userId = toSafeInteger(entry.id);
    if (userId === null) throw malformed(`subaccount entry has no "id": ${losslessJson(entry).slice(0, 120)}`);
    return {
      userId,
      username: toText(entry.username) ?? String(userId),
      email: toText(entry.email),
      type: toText(entry.type) ?? 'unknown',
    };
  });
  const mainIndex = Math.max(
    0,
    entries.findIndex((e) => e.type === 'main'),
  );
  return entries.map((e, i) => ({ ...e, isMain: i === mainIndex }));
}

export function toAccountSummary(result: unknown, requestedCurrency: string): AccountSummary {
  if (!isJsonObject(result)) throw malformed('get_account_summary result is not an object');
  const balance = toDecimalText(result.balance);
  if (balance === null) throw malformed(`account summary has no "balance": ${losslessJson(result).slice(0, 160)}`);
  return {
    currency: toText(result.currency) ?? requestedCurrency,
    balance,
    equity: toDecimalText(result.equity),
    creationTimestamp: toSafeInteger(result.creation_timestamp),
    userId: toSafeInteger(result.id),
    username: toText(result.username),
  };
}
