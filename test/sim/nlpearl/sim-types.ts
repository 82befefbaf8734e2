/** Public types of the NLPearl audit-log simulator (re-exported by index.ts). */

export interface NlpearlSimAccount {
  readonly accountId: string;
  readonly secretKey: string;
}

export interface AuditDatasetSpec {
  readonly seed: number;
  /** Records generated (bursts and identical duplicates included). */
  readonly events: number;
  /** ms; records lie in [startTime, endTime]. */
  readonly startTime: number;
  readonly endTime: number;
}

/** How a record is written; every one of these is undocumented, hence an option. */
export interface AuditRenderStyle {
  /** Key of the IP inside additionalData; 'mixed' varies it per record (default). */
  readonly ipKey: 'ip' | 'IP' | 'ipAddress' | 'clientIp' | 'mixed';
  /** Suffix of `timestamp`: 'Z' (default), '+00:00', or none (a UTC DateTime of unspecified kind). */
  readonly timestampZone: 'Z' | '+00:00' | 'none';
  /** `eventType` as its number (default, per the schema) or as its enum name (JsonStringEnumConverter). */
  readonly eventTypeStyle: 'number' | 'name';
}

export interface SimAuditRecord {
  /** Floored epoch ms. */
  readonly timestampMs: number;
  /** 100 ns ticks within that millisecond (0–9999): .NET keeps 7 fraction digits. */
  readonly subTicks: number;
  readonly eventType: number;
  readonly userId: string | null;
  /** The record exactly as served (compact JSON). */
  readonly text: string;
}

export type SimFaultKind =
  /** Any status with a body (default: a proxy's HTML page). */
  | { readonly type: 'status'; readonly status: number; readonly body?: string; readonly contentType?: string; readonly headers?: Record<string, string> }
  /** 200 with a body that is not the JSON array (default: cut in the middle of a record). */
  | { readonly type: 'malformed'; readonly body?: string }
  /** Socket destroyed without an answer. */
  | { readonly type: 'drop' }
  /** Answered normally after `ms` more. */
  | { readonly type: 'hang'; readonly ms: number }
  /** Full Content-Length promised, half the body sent, socket cut. */
  | { readonly type: 'truncate' };

export interface SimFaultSpec {
  readonly kind: SimFaultKind;
  /** Requests let through before this fault hits (default 0). */
  readonly after?: number;
  /** Requests it hits (default 1). */
  readonly times?: number;
}

export interface NlpearlSimOptions {
  readonly dataset?: Partial<AuditDatasetSpec>;
  readonly accounts?: readonly NlpearlSimAccount[];
  readonly port?: number;
  /** Server clock for the rate limiter (default Date.now). */
  readonly now?: () => number;
  readonly latencyMs?: number;
  /** Content-Type of a 200 (default 'application/json; charset=utf-8'; the doc also lists text/plain). */
  readonly contentType?: 'application/json; charset=utf-8' | 'application/json' | 'text/plain' | 'text/plain; charset=utf-8';
  /** Hidden cap: at most this many records per answer (default 1000); null = no cap. */
  readonly cap?: number | null;
  /** Order in which records are listed, and so which ones the cap keeps (default 'descending'). */
  readonly order?: 'ascending' | 'descending' | 'unordered';
  /** Whether a record exactly at `from` / `to` is included (default true / true). */
  readonly fromInclusive?: boolean;
  readonly toInclusive?: boolean;
  /** Body of a 401 (default 'empty' with WWW-Authenticate: Bearer, as ASP.NET's JWT handler does). */
  readonly unauthorizedBody?: 'empty' | 'problem-details' | 'text';
  /** Undocumented limit: fixed window per account (default none). */
  readonly rateLimit?: { readonly limit: number; readonly windowMs: number; readonly retryAfter?: boolean; readonly status?: 429 | 503 } | null;
  /** Undocumented retention: records older than now − retentionMs are silently absent (default null = kept forever). */
  readonly retentionMs?: number | null;
  /** Undocumented: refuse ranges longer than this many days with a 400 (default none). */
  readonly maxRangeDays?: number | null;
  readonly style?: Partial<AuditRenderStyle>;
}

export interface SimRequestLog {
  /** Epoch ms (real clock) at arrival. */
  readonly startedAt: number;
  readonly authorization: string | null;
  /** The request body text. */
  readonly body: string;
  /** 0 while pending or when the socket was dropped. */
  status: number;
  /** Records in the answer (before any fault). */
  returned: number;
  /** Records the query matched before the cap. */
  matched: number;
}
