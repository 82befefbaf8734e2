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
  /** ms; account creation (creation_timestamp) — rows lie in [startTime, endTime] */
  startTime: number;
  /** ms; newest generated row */
  endTime: number;
}

export interface DeribitSimOptions {
  dataset: DatasetSpec;
  keys?: SimKey[];
  port?: number;
  /** server clock (ms) for get_time, token expiry, signature window, usIn/usOut */
  now?: () => number;
  latencyMs?: number;
  /** sustained limit of get_transaction_log per key, default 1000; 0 disables */
  txLogIntervalMs?: number;
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
}

export type FaultKind =
  | { type: 'error'; code: number; message?: string; httpStatus?: number }
  | { type: 'http'; status: number; body?: string }
  | { type: 'drop' }
  | { type: 'hang'; ms: number }
  | { type: 'truncate' }
  | { type: 'malformed'; body?: string }
  | { type: 'expire-token' };

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
  /** Ground truth: the rows exactly as the server would send them (JSON text of each row, newest first). */
  truthTransactions(userId: number, currency: string): readonly TruthTransaction[];
  truthAccessLog(): readonly TruthAccessEvent[];
  /** Simulate new activity after endTime: n new rows per (user,currency) and m access events, times > previous newest. */
  appendActivity(spec: { rowsPerStream: number; accessLogEvents: number; until: number }): void;
  close(): Promise<void>;
}
