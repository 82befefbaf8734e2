/**
 * Deribit domain types as they cross the core boundary: plain JSON, ids and times as numbers
 * (all well inside 2^53), every amount as the exact decimal text Deribit sent.
 */

/** Exact decimal text as sent on the wire (e.g. "3001.22270418"; exponent forms such as "1e-8" are kept as sent). */
export type DecimalText = string;

export type DeribitEnvironment = 'mainnet' | 'testnet' | 'custom';
export type DeribitAuthMethod = 'client_signature' | 'client_credentials';

export const DERIBIT_BASE_URLS: Readonly<Record<Exclude<DeribitEnvironment, 'custom'>, string>> = {
  mainnet: 'https://www.deribit.com/api/v2',
  testnet: 'https://test.deribit.com/api/v2',
};

/** One transaction-log row. `raw` is the row's JSON exactly as received (numbers keep their text). */
export interface TransactionLogRow {
  readonly id: number;
  readonly userId: number;
  readonly userSeq: number;
  readonly timestamp: number;
  readonly currency: string;
  readonly type: string;
  readonly username: string | null;
  readonly instrumentName: string | null;
  readonly side: string | null;
  readonly change: DecimalText;
  readonly balance: DecimalText;
  readonly cashflow: DecimalText | null;
  readonly commission: DecimalText | null;
  readonly equity: DecimalText | null;
  readonly amount: DecimalText | null;
  readonly price: DecimalText | null;
  readonly position: DecimalText | null;
  readonly tradeId: string | null;
  readonly orderId: string | null;
  readonly ip: string | null;
  /** `info` flattened to text for search/display: a plain string, or the object's JSON. */
  readonly infoText: string | null;
  /** The full row as lossless JSON text: every field, known or not. */
  readonly raw: string;
}

export interface TransactionLogPage {
  readonly rows: readonly TransactionLogRow[];
  /** Continuation token for the next (older) page, or null when nothing is older. */
  readonly continuation: number | null;
}

export interface TransactionLogRequest {
  readonly currency: string;
  readonly startTimestamp: number;
  readonly endTimestamp: number;
  readonly count: number;
  readonly continuation: number | null;
  /** Omit (null) for the key's own account. */
  readonly subaccountId: number | null;
}

/** One access-log event, normalised over both documented shapes (`log` or `result`). */
export interface AccessLogEvent {
  readonly id: number;
  readonly timestamp: number;
  readonly ip: string | null;
  readonly country: string | null;
  readonly city: string | null;
  /** success, failure, changed_email, ... — unknown values kept as sent. */
  readonly event: string;
  /** `data` as text: a plain string, or the object's JSON; null when absent. */
  readonly dataText: string | null;
  readonly raw: string;
}

export interface AccessLogPage {
  readonly events: readonly AccessLogEvent[];
  /** `records_total` when the server sent the object shape; null for the bare-array shape. */
  readonly total: number | null;
}

export interface AccessLogRequest {
  readonly offset: number;
  readonly count: number;
}

export interface DeribitSubaccount {
  readonly userId: number;
  readonly username: string;
  readonly email: string | null;
  readonly type: string;
  /** Whether this entry is the key's own (main) account; get_subaccounts lists it too. */
  readonly isMain: boolean;
}

export interface AccountSummary {
  readonly currency: string;
  readonly balance: DecimalText;
  readonly equity: DecimalText | null;
  /** From `extended=true`; null when the server did not send it. */
  readonly creationTimestamp: number | null;
  readonly userId: number | null;
  readonly username: string | null;
}

export interface GrantedScope {
  /** The scope string exactly as granted. */
  readonly scope: string;
  readonly tokens: readonly string[];
  /** Plain-language warnings: the key can trade or withdraw, or lacks what the app needs. */
  readonly warnings: readonly string[];
  /** True when account:read is missing: nothing can be synced. */
  readonly insufficient: boolean;
}
