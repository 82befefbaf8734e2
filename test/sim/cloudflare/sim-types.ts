/** Public types of the Cloudflare Access logs simulator (re-exported by index.ts). */

/** One access-request record as Cloudflare documents it: every field optional. */
export interface AccessRequestFields {
  action?: string;
  allowed?: boolean;
  app_domain?: string;
  app_uid?: string;
  connection?: string;
  /** RFC 3339, 0–9 fraction digits. */
  created_at?: string;
  ip_address?: string;
  ray_id?: string;
  user_email?: string;
  /** Undocumented in the API (Logpush has it); only sent with `includeCountry`. */
  country?: string;
}

export interface DatasetSpec {
  seed: number;
  /** Records generated between `startTime` and `endTime` (ms). */
  count: number;
  startTime: number;
  endTime: number;
  /** Probability that a record repeats the previous record's created_at exactly (default 0.08). */
  tieRate?: number;
  /** Probability that ray_id is absent (default 0.03). */
  missingRayIdRate?: number;
  /**
   * How a run of denied attempts from a foreign address ends: 'success' (default; the attacker, or the user
   * abroad, gets in) or 'denied' (every attempt refused, as most credential stuffing is: the demo's background).
   */
  burstEnding?: 'success' | 'denied';
  /** Probability that a record is an exact copy of the previous one, both without ray_id (default 0.004). */
  twinRate?: number;
}

export interface SimCredentials {
  /** API tokens with "Access: Audit Logs Read" on the account. */
  tokens: string[];
  /** Valid tokens without that permission (→ 403 code 10000). */
  tokensWithoutPermission: string[];
  /** Legacy X-Auth-Email + X-Auth-Key pairs. */
  globalKeys: { email: string; key: string }[];
}

export interface SimRateLimit {
  /** Requests per window per token (Cloudflare: 1,200 per 5 minutes). */
  limit: number;
  windowMs: number;
  /** How long a token is blocked once over the limit (Cloudflare: 5 minutes). */
  blockMs: number;
}

export interface CloudflareSimOptions {
  dataset: DatasetSpec;
  accountId?: string;
  credentials?: Partial<SimCredentials>;
  port?: number;
  latencyMs?: number;
  /** Server clock (ms) for retention; default Date.now. */
  now?: () => number;
  /** Clock for the rate limiter (ms); default the real monotonic clock in epoch ms. */
  rateClock?: () => number;
  rateLimit?: Partial<SimRateLimit>;
  /** A request during a block restarts the block (undocumented; default false). */
  extendBlockOnRequest?: boolean;
  /** Records older than now − retentionMs are silently absent (24 h Free … 180 days Enterprise; default 180 days). */
  retentionMs?: number;
  /** per_page when absent (reportedly 25). */
  defaultPerPage?: number;
  /** Silent cap on per_page (undocumented; default 1000). */
  maxPerPage?: number;
  /** 'total-cap': `limit` caps the whole result before paging (its documented meaning); 'ignored'. */
  limitMode?: 'total-cap' | 'ignored';
  sinceInclusive?: boolean;
  untilInclusive?: boolean;
  /** Always newest first, whatever `direction` says (a misbehaving server; default false). */
  ignoreDirection?: boolean;
  /** Status of auth failures (both occur in the wild; default 403). */
  authFailureStatus?: 401 | 403;
  /** Add the undocumented `country` field to records (default false). */
  includeCountry?: boolean;
}

export type FaultKind =
  | { type: 'http'; status: number; body?: string; contentType?: string }
  /** A 429 that does not come from the limiter (another client of the same token); no block. */
  | { type: 'rate-limit'; retryAfterSeconds: number | null }
  | { type: 'malformed'; body?: string }
  | { type: 'drop' }
  | { type: 'truncate' }
  | { type: 'hang'; ms: number };

export interface FaultSpec {
  /** Let this many requests pass first (default 0). */
  after?: number;
  /** How many requests get the fault (default 1). */
  times?: number;
  kind: FaultKind;
}

export interface SimRequestLog {
  /** Arrival, epoch ms with sub-ms precision (rate clock). */
  arrivedAt: number;
  path: string;
  params: Record<string, string>;
  auth: 'token' | 'global-key' | 'none';
  status: number;
  /** Answered 429 because the token was inside a block. */
  duringBlock: boolean;
}

export interface TruthRecord {
  /** The record exactly as the server sends it. */
  json: string;
  createdAt: string | null;
  /** Epoch ms (fraction truncated). */
  ms: number;
  rayId: string | null;
}

export interface CloudflareSim {
  /** Base like https://api.cloudflare.com/client/v4, e.g. http://127.0.0.1:PORT/client/v4 */
  readonly url: string;
  readonly accountId: string;
  readonly credentials: SimCredentials;
  /** Records the server would return now (retention applied), oldest first; `all` ignores retention. */
  truth(options?: { all?: boolean }): readonly TruthRecord[];
  /** More activity: generated records in [from, to], or explicit records. */
  append(spec: { count: number; from: number; to: number } | { records: readonly AccessRequestFields[] }): void;
  requests(): readonly SimRequestLog[];
  resetRequests(): void;
  injectFaults(faults: readonly FaultSpec[]): void;
  clearFaults(): void;
  close(): Promise<void>;
}
