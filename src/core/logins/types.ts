/**
 * One normalized login/security event model for every source (Deribit's access log, Cloudflare Access,
 * Ingedata Pulse, NLPearl), and the small interface every login-audit connector implements so one
 * sync engine pages them all with the same resume guarantees as the Deribit sync.
 */

export type LoginSourceKind = 'deribit' | 'cloudflare' | 'ingedata' | 'nlpearl';

export type LoginEventKind =
  | 'login-success'
  | 'login-failure'
  /** Refused by policy (Cloudflare Access `allowed: false`). */
  | 'access-denied'
  | '2fa-enabled'
  | '2fa-disabled'
  | 'password-changed'
  | 'email-changed'
  | 'api-key-created'
  | 'api-key-removed'
  /** Scope changed, key reset, enabled/disabled. */
  | 'api-key-changed'
  | 'whitelist-changed'
  | 'role-changed'
  | 'subaccount-login-enabled'
  | 'subaccount-login-disabled'
  /** Anything else, kept with its original name/code in `detail`. */
  | 'other';

export type LoginOutcome = 'success' | 'failure' | 'denied' | 'info';

export interface LoginEvent {
  /** `${sourceKey}|${id}`: the Dexie primary key, so re-fetching a page is idempotent. */
  readonly key: string;
  /** The configured connection (a Deribit accountKey or a login-source key). */
  readonly sourceKey: string;
  readonly source: LoginSourceKind;
  /** The provider's id for the record; when it has none, a stable digest of the record. */
  readonly id: string;
  readonly timestamp: number;
  /** Email, user id or name — whatever the source gives, as given. */
  readonly actor: string | null;
  readonly ip: string | null;
  /** ISO 3166-1 alpha-2 (normalised by the connector from names, alpha-3, any case); text naming no country stays as written. */
  readonly country: string | null;
  readonly city: string | null;
  /** Where the source located the address, when it gives coordinates (GeoIP `location`); radius = its stated accuracy. */
  readonly coordinates?: { readonly lat: number; readonly lon: number; readonly radiusKm: number | null } | null;
  readonly outcome: LoginOutcome;
  readonly kind: LoginEventKind;
  /** The original event name or code (e.g. "changed_scope", "eventType 81", "login"). */
  readonly detail: string;
  /** The record exactly as received (JSON text). */
  readonly raw: string;
}

/** One request for a page of a connector's events in [from, to] (ms, inclusive), newest or oldest first. */
export interface LoginPageRequest {
  readonly from: number;
  readonly to: number;
  /** Opaque connector cursor (JSON text) returned by the previous page of this window; null = start. */
  readonly cursor: string | null;
}

export interface LoginPage {
  readonly events: readonly LoginEvent[];
  /** Cursor for the next page of the same window; null when the window is exhausted. */
  readonly cursor: string | null;
  /** Connector-specific warnings worth showing (e.g. "Cloudflare keeps 24 h on this plan: older events absent"). */
  readonly notes: readonly string[];
}

export interface ConnectionReport {
  readonly ok: boolean;
  /** Plain words: "Connected as …; 1,234 events in the last 30 days, newest 2026-11-20 14:02 UTC." */
  readonly summary: string;
  readonly newestEventAt: number | null;
  readonly sampleCount: number;
}

/** What each connector implements (pure core; fetch, clock and delays injected). */
export interface LoginAuditConnector {
  readonly source: LoginSourceKind;
  /** Pages a time window; the engine stores the cursor with each page in one transaction. */
  fetchPage(request: LoginPageRequest, signal?: AbortSignal): Promise<LoginPage>;
  /** Authenticates and reads a little; never throws for auth failures — reports them in words. */
  testConnection(signal?: AbortSignal): Promise<ConnectionReport>;
  /** Aborts everything in flight; the connector stays usable. */
  cancelAll(): void;
}
