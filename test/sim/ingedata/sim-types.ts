/** Public types of the Ingedata Pulse simulator (re-exported by index.ts). */
import type { FaultSpec } from '../deribit/sim-types';

export type { FaultKind, FaultSpec } from '../deribit/sim-types';

export interface PulseDatasetSpec {
  seed: number;
  /** account logins to generate, spread over [startTime, endTime] */
  logins: number;
  /** distinct accounts (default 12) */
  accounts?: number;
  startTime: number;
  endTime: number;
  /**
   * Where logins away from home come from: 'random' (default; one login in five from anywhere, unusual
   * countries included, so "two countries minutes apart" happens) or 'itinerary' (people travel: trips of
   * days to the usual places, no IP while in the air, so consecutive located logins are a journey apart).
   */
  travel?: 'random' | 'itinerary';
}

/** Where `count=true` puts the total (undocumented). */
export type CountLocation = 'meta.count' | 'meta.total' | 'meta.page.total' | 'absent';
/**
 * How much of `sort` the server honours (undocumented): 'all'; 'fields-not-direction' reads the fields but
 * ignores `-`, so `-date,-id` comes back oldest first; 'first-field' sorts by the first field only
 * (direction kept, ties in id-ascending order); 'none' ignores `sort` (default order: id ascending).
 */
export type SortSupport = 'all' | 'fields-not-direction' | 'first-field' | 'none';
/** How `filter[date]` is treated (operator syntax undocumented). */
export type DateFilterMode = 'bracket-operators' | 'reject' | 'ignore';
/**
 * Shape of `attributes.ip` (an "open struct"): 'mixed' uses all of them (and null, and plain strings);
 * 'address-geolocation' = {address, geolocation: {country, city}};
 * 'geolocation-codes' = {address, geolocation: {country_code, country_name, city_name}};
 * 'ip-geo-objects' = {ip, geo: {country: {iso_code, name}, city: {name}}}; 'string' = "1.2.3.4".
 */
export type IpShape = 'mixed' | 'string' | 'address-geolocation' | 'geolocation-codes' | 'ip-geo-objects';
/** 'iso-ms' = 2026-03-04T12:34:56.789Z; 'iso-micro-offset' = 2026-03-04T12:34:56.789123+00:00. */
export type DateFormat = 'iso-ms' | 'iso-micro-offset';
/** 'both' = top-level id + attributes.id; 'attributes-only'; 'none' (both are optional in the schema). */
export type IdStyle = 'both' | 'attributes-only' | 'none';

export interface PulseRateLimit {
  /** requests allowed per token (per key for logins) in each fixed window */
  requests: number;
  windowMs: number;
  /** send `Retry-After` (seconds) with the 429 */
  retryAfter: boolean;
}

export interface IngedataSimOptions {
  dataset: PulseDatasetSpec;
  /** valid API keys; default [DEFAULT_PULSE_KEY] */
  apiKeys?: string[];
  port?: number;
  latencyMs?: number;
  /** server clock (ms) for token expiry and rate-limit windows; default Date.now */
  now?: () => number;
  /** token lifetime (undocumented), default 1 hour; null = never expires */
  tokenTtlMs?: number | null;
  countLocation?: CountLocation;
  dateFilter?: DateFilterMode;
  /** default 'all' */
  sortSupport?: SortSupport;
  ipShape?: IpShape;
  dateFormat?: DateFormat;
  idStyle?: IdStyle;
  /** undocumented retention: logins older than now − retentionMs are silently absent; default null = kept forever */
  retentionMs?: number | null;
  /** silently caps page[size] (undocumented); default null = honour any size */
  maxPageSize?: number | null;
  /** undocumented; default {requests: 120, windowMs: 60_000, retryAfter: true}; null = no limit */
  rateLimit?: PulseRateLimit | null;
}

export interface PulseRequestLog {
  /** 'login' | 'account_logins' | the path for anything else */
  route: string;
  /** arrival time, epoch ms (real clock) */
  startedAt: number;
  params: Record<string, string>;
  /** HTTP status sent; 0 when the socket was dropped or never answered */
  status: number;
}

export interface TruthLogin {
  /** the id a client should derive: top-level id, else attributes.id, else null (digest) */
  id: string | null;
  /** the record exactly as served (JSON text) */
  json: string;
  /** ms (the wire may carry µs) */
  timestamp: number;
  accountId: number;
  /** email, else person name (what a client should show as actor) */
  actor: string;
  role: string;
  ip: string | null;
  country: string | null;
  city: string | null;
}

export interface AppendLogin {
  date: number;
  /** index into the dataset's accounts; default: seeded pick */
  account?: number;
  role?: string;
  /** plain IP string; default: seeded pick from the account's usual places */
  ip?: string | null;
}

export interface IngedataSim {
  /** base URL, e.g. http://127.0.0.1:PORT (the API lives under /api/v3) */
  readonly url: string;
  injectFaults(faults: FaultSpec[]): void;
  clearFaults(): void;
  requests(): readonly PulseRequestLog[];
  resetRequests(): void;
  /** Every login, newest first, exactly as served. */
  truth(): readonly TruthLogin[];
  /** New logins (dates at or after the newest existing one); a number = that many, seeded, up to `until`. */
  append(logins: number | readonly AppendLogin[], until?: number): readonly TruthLogin[];
  /** Invalidate every token (as an expiry would). */
  expireTokens(): void;
  close(): Promise<void>;
}
