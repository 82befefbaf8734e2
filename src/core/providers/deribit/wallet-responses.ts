/**
 * Results of private/get_deposits, get_withdrawals and get_transfers (`{count, data}`), read from lossless
 * JSON like the transaction log: amounts keep their exact text, every entry keeps its full text in `raw`,
 * and fields a method (or an older API version) does not send are null. Only the three known lists are
 * read, and a page holding an entry of another currency than the one asked for is refused whole: it would
 * otherwise be compared with (and reconciled against) the wrong currency's log.
 */
import { ProviderError } from './errors';
import { isJsonObject, losslessJson, malformed, toDecimalText, toSafeInteger, toText } from './lossless-response';
import type { WalletListKind, WalletListPage, WalletRecord } from './types';

export const WALLET_LIST_KINDS: readonly WalletListKind[] = ['deposits', 'withdrawals', 'transfers'];
const KNOWN_KINDS: ReadonlySet<unknown> = new Set(WALLET_LIST_KINDS);

export function isWalletListKind(kind: unknown): kind is WalletListKind {
  return KNOWN_KINDS.has(kind);
}

/**
 * Refuses any wallet list but the three known ones, before a request is sent: the kind becomes part of
 * the method path (`private/get_${kind}`), and it arrives from the renderer over the contract.
 */
export function assertWalletListKind(kind: unknown): asserts kind is WalletListKind {
  if (isWalletListKind(kind)) return;
  const shown = typeof kind === 'string' ? JSON.stringify(kind.slice(0, 40)) : typeof kind;
  throw new ProviderError({
    kind: 'invalid_params',
    code: null,
    detail: `unknown wallet list kind ${shown}; known: ${WALLET_LIST_KINDS.join(', ')}`,
    userMessage: `The app asked for an unknown Deribit wallet list (${shown}); only deposits, withdrawals and transfers exist. Nothing was requested. This is a bug in the app: please report it.`,
    retriable: false,
  });
}

function currencyMismatch(kind: WalletListKind, requested: string, sent: string, entry: unknown): ProviderError {
  return new ProviderError({
    kind: 'malformed_response',
    code: null,
    detail: `${kind} entry in currency ${JSON.stringify(sent.slice(0, 40))} on a page asked for ${requested}: ${losslessJson(entry).slice(0, 200)}`,
    userMessage: `Deribit answered a request for ${requested} ${kind} with an entry in another currency (${sent.slice(0, 40)}): the page was refused and nothing from it was stored. Try again later; if this persists, please report it.`,
    retriable: false,
  });
}

/** The entry's currency: absent → the requested one; present → it must be the requested one (any case). */
function entryCurrency(entry: Readonly<Record<string, unknown>>, kind: WalletListKind, requestedCurrency: string): string {
  const sent = entry.currency;
  if (sent === undefined || sent === null) return requestedCurrency;
  const text = toText(sent);
  if (text === null) throw currencyMismatch(kind, requestedCurrency, losslessJson(sent), entry);
  if (text.toUpperCase() !== requestedCurrency.toUpperCase()) throw currencyMismatch(kind, requestedCurrency, text, entry);
  return text;
}

/** One entry of a `kind` list asked for in `requestedCurrency` (which fills `currency` when the entry omits it). */
export function toWalletRecord(entry: unknown, kind: WalletListKind, requestedCurrency: string): WalletRecord {
  assertWalletListKind(kind);
  if (!isJsonObject(entry)) throw malformed(`${kind} entry is not an object: ${losslessJson(entry).slice(0, 80)}`);
  const currency = entryCurrency(entry, kind, requestedCurrency);
  const amount = toDecimalText(entry.amount);
  // Without an amount an entry cannot be compared with anything: treat the page as unreadable.
  if (amount === null) throw malformed(`${kind} entry has no valid "amount" (${losslessJson(entry).slice(0, 200)})`);
  return {
    kind,
    currency,
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
export function toWalletListPage(result: unknown, kind: WalletListKind, requestedCurrency: string): WalletListPage {
  assertWalletListKind(kind);
  const data = Array.isArray(result) ? result : isJsonObject(result) ? result.data : undefined;
  if (!Array.isArray(data)) throw malformed(`${kind} result has no "data" array: ${losslessJson(result).slice(0, 120)}`);
  const records = data.map((entry) => toWalletRecord(entry, kind, requestedCurrency));
  const count = isJsonObject(result) ? toSafeInteger(result.count) : null;
  return { records, total: count ?? records.length };
}
