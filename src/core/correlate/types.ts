/**
 * Correlation of money leaving an account with login/security events from every login source.
 * Pure data: the worker selects movements from ledger pages, reads login events, and calls `correlate`.
 */
import type { DecimalText } from '../providers/deribit/types';
import type { ChainId } from '../recon/types';

/** One transaction-log row the correlation looks at (money that left, or a row that carries an ip). */
export interface MoneyMovement {
  readonly chain: ChainId;
  readonly rowId: number;
  readonly timestamp: number;
  /** Classify key: withdrawal, transfer, trade-option, settlement, unknown:<type>, ... */
  readonly kind: string;
  /** Exact decimal text (negative for money that left). */
  readonly change: DecimalText;
  readonly ip: string | null;
  readonly username: string | null;
}

/** What `selectMovements` reads out of ledger pages. */
export interface MovementSelection {
  /** Withdrawals, transfers out and losses at or above the currency's threshold, by (time, row id). */
  readonly movements: MoneyMovement[];
  /** Every row that carries the ip it was placed from (trades, withdrawals), by (time, row id) within one selection. */
  readonly ipRows: MoneyMovement[];
}

export interface MovementSelectionOptions {
  /** Currency → positive decimal text; a loss is a negative change with |change| ≥ threshold. None = no losses. */
  readonly lossThresholds: ReadonlyMap<string, string>;
  /** `${accountKey}|${userId}` → username, for the findings' wording (ledger pages carry no names). */
  readonly usernames?: ReadonlyMap<string, string>;
  /** accountKey → the account's own user ids (main + subaccounts): transfers between them are not money leaving. */
  readonly accountUsers?: ReadonlyMap<string, ReadonlySet<number>>;
}

/** What people call their accounts and login sources: reasons name those instead of internal keys. */
export interface DisplayNames {
  /** accountKey → the account's label. */
  readonly accounts: ReadonlyMap<string, string>;
  /** sourceKey → the source's label (a Deribit account's access log under its account key). */
  readonly sources: ReadonlyMap<string, string>;
}

export const NO_NAMES: DisplayNames = { accounts: new Map(), sources: new Map() };

export interface CorrelationOptions {
  /** How far before a movement a login/security event counts (exchanges treat 24 h as the risk window). */
  readonly windowMs: number;
  readonly lossThresholds: ReadonlyMap<string, string>;
  /** Consecutive logins of one identity closer than this are judged for impossible travel (distance / time). */
  readonly twoCountryWindowMs: number;
  /** Travel needing more than this (km/h, after the places' uncertainty) is impossible; default geo/travel-speed's 1,000. */
  readonly travelSpeedKmh?: number;
  /** At least `count` failed logins within `withinMs` before a success. */
  readonly failedBurst: { readonly count: number; readonly withinMs: number };
  /** How reasons name accounts and sources (default: by their keys). */
  readonly names: DisplayNames;
}

const HOUR = 3_600_000;

export const DEFAULT_CORRELATION_OPTIONS: CorrelationOptions = {
  windowMs: 24 * HOUR,
  lossThresholds: new Map(),
  twoCountryWindowMs: 6 * HOUR,
  failedBurst: { count: 5, withinMs: 15 * 60_000 },
  names: NO_NAMES,
};

export type SignalKind =
  | 'security-change-before-withdrawal'
  | 'api-key-change-before-withdrawal'
  | 'new-ip-before-movement'
  | 'new-country-before-movement'
  | 'failed-burst-then-success'
  | 'unknown-ip-on-row'
  | 'two-countries'
  | 'access-denied-same-ip'
  | 'subaccount-login-enabled';

export type CorrelationSeverity = 'high' | 'medium' | 'low';

export interface RowRef {
  readonly accountKey: string;
  readonly id: number;
}

export interface CorrelationFinding {
  /** Stable across runs over the same data: signal + the movement row or the anchoring event key. */
  readonly id: string;
  readonly signal: SignalKind;
  readonly severity: CorrelationSeverity;
  /** Plain words with times, IPs, countries and amounts. */
  readonly reason: string;
  readonly timestamp: number;
  readonly movement: MoneyMovement | null;
  readonly evidence: { readonly loginEventKeys: string[]; readonly rowIds: RowRef[] };
}
