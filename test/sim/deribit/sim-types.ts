import type { DeliveryPriceOptions } from './delivery-prices';
/** Public types of the Deribit simulator (re-exported by index.ts). */

export interface SimKey {
  clientId: string;
  clientSecret: string;
  /** max scope the key allows, space separated */
  scope: string;
}

export interface DatasetSpec {
  seed: number;
  /** number of subaccounts besides main */
  subaccounts: number;
  /** e.g. ['BTC','ETH','USDC'] */
  currencies: string[];
  /** approx transaction-log rows per (user, currency) (transfers add the counterpart legs) */
  rowsPerStream: number;
  /** events in the MAIN account's access log */
  accessLogEvents: number;
  /**
   * How often the access log holds security changes (password, 2FA, API keys, whitelist): `frequent`
   * (default; about one event in six, so short test histories contain every kind) or `rare` (a few a year
   * in a busy history, as a real trader's log looks: the demo uses it so its findings are the planted ones).
   */
  accessLogSecurityEvents?: 'frequent' | 'rare';
  /**
   * Where access-log events come from: `random` (default; each event picks a place on its own, so two
   * countries minutes apart happen) or `itinerary` (a London trader who travels: trips of a few days to
   * Frankfurt, Stockholm, the US or China, with no located event while in the air, as the demo uses).
   */
  accessLogPlaces?: 'random' | 'itinerary';
  /** ms; account creation (creation_timestamp) — rows lie in [startTime, endTime] */
  startTime: number;
  /** ms; newest generated row */
  endTime: number;
  /** Deliberate defects in what is served (see README "Corruptions"); default none. */
  corruptions?: readonly Corruption[];
  /** Wallet entries not (yet) booked in the transaction log, e.g. an unconfirmed withdrawal; default none. */
  walletPending?: readonly PendingWalletEntry[];
}

/**
 * The row a corruption applies to: a row of one (user, currency) stream, named by its position in the
 * CLEAN stream (`index`, 0 = oldest) or by its `rowId`. With neither, the middle eligible row is taken.
 */
export interface CorruptionRowRef {
  readonly userId: number;
  readonly currency: string;
  readonly index?: number;
  readonly rowId?: number;
}

export type Corruption =
  /** The row's balance is served off by `delta` (decimal text); its change and every other row stay true. */
  | (CorruptionRowRef & { readonly kind: 'alter-balance'; readonly delta: string })
  /** The row is never served: its user_seq is missing and the next row no longer follows. */
  | (CorruptionRowRef & { readonly kind: 'drop-row' })
  /** The movement is booked twice: a re-chained copy right after it (fresh id, next user_seq). */
  | (CorruptionRowRef & { readonly kind: 'duplicate-movement' })
  /** The very same row (same id) is served twice; the cache must absorb it. */
  | (CorruptionRowRef & { readonly kind: 'duplicate-row' })
  /** A transfer row whose counterpart leg is missing from the other user's log (that log re-chained). */
  | (CorruptionRowRef & { readonly kind: 'orphan-transfer' })
  /** The main account's get_deposits/get_withdrawals entry for this row has `amount` off by `delta`. */
  | (CorruptionRowRef & { readonly kind: 'wallet-amount'; readonly delta: string });

export type CorruptionKind = Corruption['kind'];

/** A wallet entry with no transaction-log row (main account). */
export interface PendingWalletEntry {
  readonly kind: 'deposit' | 'withdrawal';
  readonly currency: string;
  /** Positive decimal text. */
  readonly amount: string;
  /** Withdrawals: default the currency's withdrawal fee. */
  readonly fee?: string;
  /** Default 'unconfirmed' (withdrawal) or 'pending' (deposit). */
  readonly state?: string;
  /** Default the dataset's endTime. */
  readonly timestamp?: number;
}

/** A finding a reconciler should report for a corruption. */
export interface ExpectedFinding {
  readonly kind: 'balance-break' | 'sequence-gap' | 'tie-out-difference' | 'transfer-unmatched' | 'wallet-mismatch';
  readonly userId: number;
  readonly currency: string;
  /** The served row the finding is about; null when no served row carries it. */
  readonly rowId: number | null;
}

/** What one corruption did, resolved after generation (for assertions). */
export interface CorruptionTarget {
  readonly corruption: Corruption;
  readonly kind: CorruptionKind;
  /** The chain the corruption was applied to. */
  readonly userId: number;
  readonly currency: string;
  /** The clean row it was applied to. */
  readonly sourceRowId: number;
  readonly sourceIndex: number;
  /**
   * The served row that carries the corruption: the altered row, the copy, the served twin, the orphaned
   * leg, the wallet-disagreeing row; for drop-row the dropped row's id (not served).
   */
  readonly rowId: number;
  /** user_seq of `rowId` as served (drop-row: the number that is now missing). */
  readonly userSeq: number;
  readonly timestamp: number;
  /** Ids of rows the corruption also touches (removed counterpart leg, the original of a copy, neighbours). */
  readonly relatedRowIds: readonly number[];
  /** The true value and the served one where one value is off (alter-balance, wallet-amount). */
  readonly expected: string | null;
  readonly actual: string | null;
  readonly expectedFindings: readonly ExpectedFinding[];
  readonly description: string;
}

export interface DeribitSimOptions {
  dataset: DatasetSpec;
  keys?: SimKey[];
  port?: number;
  /**
   * server clock (ms) for get_time, token expiry, signature window. usIn/usOut are NOT on it: they are the
   * real arrival/answer times on the request log's clock (`startedAt`), so server-side gaps can be measured
   */
  now?: () => number;
  /** round trip per request (ms): half before the request arrives, half before the answer leaves */
  latencyMs?: number;
  /** each request's latency is latencyMs ± up to this (uniform, seeded by `latencySeed`); default 0 */
  latencyJitterMs?: number;
  /** default the dataset's seed */
  latencySeed?: number;
  /** sustained limit of get_transaction_log per account (see rateLimitScope), default 1000; 0 disables */
  txLogIntervalMs?: number;
  /**
   * 'account' (default, as Deribit counts per user id): every key here is a key of the main user, so all
   * keys share one transaction-log bucket and one credit bucket. 'key': separate buckets per key.
   */
  rateLimitScope?: 'account' | 'key';
  /** bucket capacity for that limit, default 1 */
  txLogBurst?: number;
  /** other calls; default 50000/10000/500 */
  creditBucket?: { capacity: number; refillPerSec: number; cost: number };
  rateLimitHttpStatus?: 200 | 400 | 429;
  tokenTtlSeconds?: number;
  signatureWindowMs?: number;
  badSignatureCode?: 13004 | 13009;
  accessLogShape?: 'object' | 'array';
  accessLogEventField?: 'result' | 'log';
  lastPageContinuation?: 'null' | 'empty-page-follows';
  continuationStyle?: 'next-older-id' | 'last-id-on-page';
  timeBoundsInclusive?: boolean;
  userSeqScope?: 'per-user' | 'per-currency';
  maxCount?: { txLog: number; accessLog: number };
  /**
   * What public/get_time answers (ms); default the server clock `now`. Only the answer changes: tokens
   * and signatures keep `now`, as a server whose time service alone is wrong would (usIn/usOut are on the
   * request log's clock, see `now`).
   */
  serverTimeAnswer?: () => number;
  /** public/get_delivery_prices: which indexes, from which day, days missing, order (delivery-prices.ts). */
  deliveryPrices?: DeliveryPriceOptions;
}

export type FaultKind =
  | { type: 'error'; code: number; message?: string; httpStatus?: number }
  | { type: 'http'; status: number; body?: string }
  | { type: 'drop' }
  | { type: 'hang'; ms: number }
  | { type: 'truncate' }
  | { type: 'malformed'; body?: string }
  | { type: 'expire-token' }
  /**
   * A hostile or buggy answer: the real `result` (parsed losslessly: numbers are lossless-json
   * LosslessNumber, so untouched amounts keep their exact text) is passed to `mutate` with the request's
   * params, and what it returns is sent instead. Applied only when the method succeeded (an error, e.g.
   * 10028, is sent as is and still uses up the fault), so give a filter in `mutate` and `times` to spare.
   */
  | { type: 'mutate'; mutate: (result: unknown, params: Readonly<Record<string, string>>) => unknown };

export interface FaultSpec {
  /** e.g. 'private/get_transaction_log'; omitted = any method */
  method?: string;
  /** let this many matching requests pass first (default 0) */
  after?: number;
  /** how many matching requests get the fault (default 1) */
  times?: number;
  kind: FaultKind;
}

export interface SimRequestLog {
  method: string;
  /** arrival time, epoch ms with sub-ms precision (real clock, not the injected `now`) */
  startedAt: number;
  params: Record<string, string>;
  /** HTTP status sent; 0 when the socket was dropped or never answered */
  status: number;
  errorCode: number | null;
}

export interface TruthTransaction {
  id: number;
  json: string;
  timestamp: number;
  balance: string;
  change: string;
  userSeq: number;
  type: string;
}

export interface TruthAccessEvent {
  id: number;
  json: string;
  timestamp: number;
}

export interface DeribitSim {
  /** base, e.g. http://127.0.0.1:PORT/api/v2 */
  readonly url: string;
  readonly mainUserId: number;
  readonly users: readonly { userId: number; username: string; isMain: boolean }[];
  injectFaults(faults: FaultSpec[]): void;
  clearFaults(): void;
  requests(): readonly SimRequestLog[];
  resetRequests(): void;
  /**
   * Ground truth: the rows exactly as the server sends them (JSON text of each row, newest first), with
   * every corruption applied (a duplicate-row appears twice, a dropped row not at all).
   */
  truthTransactions(userId: number, currency: string): readonly TruthTransaction[];
  /** The rows as generated, before any corruption (same as truthTransactions when there is none). */
  cleanTruthTransactions(userId: number, currency: string): readonly TruthTransaction[];
  /** What each corruption of the dataset targets, in the order given. */
  corruptionTargets(): readonly CorruptionTarget[];
  truthAccessLog(): readonly TruthAccessEvent[];
  /** Every published delivery price of `index` up to the server clock, oldest first ([] for an index not served). */
  truthDeliveryPrices(index: string): readonly { date: string; price: string }[];
  /** Simulate new activity after endTime: n new rows per (user,currency) and m access events, times > previous newest. */
  appendActivity(spec: { rowsPerStream: number; accessLogEvents: number; until: number }): void;
  close(): Promise<void>;
}
