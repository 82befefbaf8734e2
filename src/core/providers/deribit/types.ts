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

/** Which wallet list: private/get_deposits, get_withdrawals or get_transfers. */
export type WalletListKind = 'deposits' | 'withdrawals' | 'transfers';

/**
 * One entry of a wallet list, normalised over the three methods. Fields a method does not send are null;
 * `raw` keeps the entry exactly as received.
 */
/** The wallet lists cover the key's own (main) account: Deribit documents no subaccount parameter. */
export interface WalletRecord {
  readonly kind: WalletListKind;
  readonly currency: string;
  /** Withdrawals and transfers carry an id; deposits do not (null). */
  readonly id: number | null;
  /** Always positive as Deribit sends it (direction is in `kind`/`direction`). */
  readonly amount: DecimalText;
  /** Withdrawal fee; null elsewhere. */
  readonly fee: DecimalText | null;
  readonly state: string | null;
  /** On-chain transaction hash (deposits, withdrawals). */
  readonly transactionId: string | null;
  readonly address: string | null;
  /** received_timestamp (deposits) or created_timestamp (withdrawals, transfers). */
  readonly timestamp: number | null;
  readonly updatedTimestamp: number | null;
  /** Transfers: 'payment' (out) or 'income' (in). */
  readonly direction: string | null;
  /** Transfers: the other side as Deribit names it. */
  readonly otherSide: string | null;
  readonly raw: string;
}

export interface WalletListPage {
  readonly records: readonly WalletRecord[];
  /** `count` from the result: total entries on the server. */
  readonly total: number;
}

export interface WalletListRequest {
  readonly kind: WalletListKind;
  readonly currency: string;
  readonly offset: number;
  /** 1..1000 */
  readonly count: number;
}
