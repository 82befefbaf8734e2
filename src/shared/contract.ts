/**
 * The one API contract between the main process (rate-limited gateway, secrets) and the renderer
 * (cache owner). Plain JSON only; amounts are decimal strings. Both transports — Electron IPC and
 * HTTP on loopback — are generic over `ContractCalls` and `CONTRACT_CALLS`; no handler knows
 * which transport called it.
 */
import type {
  AccessLogPage,
  AccessLogRequest,
  AccountSummary,
  DeribitAuthMethod,
  DeribitEnvironment,
  DeribitSubaccount,
  GrantedScope,
  TransactionLogPage,
  TransactionLogRequest,
  WalletListPage,
  WalletListRequest,
} from '../core/providers/deribit/types';
import type { ProviderErrorInfo } from '../core/providers/deribit/errors';
import type { DeliveryPricePage } from '../core/providers/deribit/price-responses';
import type { ConnectionReport, LoginPage, LoginPageRequest } from '../core/logins/types';

/** A login-audit source's settings as the renderer may see them: never a secret. */
export type LoginSourceSettings =
  | { readonly kind: 'cloudflare'; readonly baseUrl: string; readonly accountId: string; readonly authMethod: 'api-token' | 'global-key'; readonly email: string | null }
  | { readonly kind: 'ingedata'; readonly baseUrl: string }
  | { readonly kind: 'nlpearl'; readonly baseUrl: string; readonly accountId: string };

export interface LoginSourceInfo {
  readonly sourceKey: string;
  readonly label: string;
  readonly settings: LoginSourceSettings;
  readonly addedAt: number;
  readonly demo: boolean;
}

/** Settings plus the secret (Cloudflare API token or global key, Ingedata API key, NLPearl secret key): sent once, kept in main. */
export interface LoginSourceInput {
  readonly label: string;
  readonly settings: LoginSourceSettings;
  readonly secret: string;
}

/** One API key attached to an account, as the renderer may see it: never the secret. */
export interface ApiKeyInfo {
  /** Names the key's secret in main's secret store; stable for the key's life. */
  readonly keyId: string;
  readonly clientId: string;
  readonly authMethod: DeribitAuthMethod;
  readonly scope: GrantedScope | null;
  readonly addedAt: number;
}

/**
 * A Deribit account (the main user and its subaccounts) as the renderer may see it. The cached history
 * belongs to the account (`accountKey` = `deribit-<main user id>`); keys are credentials attached to it.
 * An account whose last key was removed keeps its history (browsable, reconcilable, exportable).
 * `acc_…` keys name accounts configured before identities existed, until main learns their user id.
 */
export interface AccountInfo {
  readonly accountKey: string;
  /** The user's label, else the main account's username. */
  readonly label: string;
  /** Null for a history found in the cache whose key main never knew (restored from an old cache). */
  readonly environment: DeribitEnvironment | null;
  readonly baseUrl: string;
  /** The main account's Deribit user id; null until learned (accounts added before identities existed). */
  readonly mainUserId: number | null;
  /** The main account's username as Deribit reports it. */
  readonly username: string | null;
  readonly keys: readonly ApiKeyInfo[];
  /** The key syncs use: the read-only one where there is a choice; null when no key can sync. */
  readonly syncKeyId: string | null;
  /** The sync key's granted scope (null when there is no key): what a sync may read. */
  readonly scope: GrantedScope | null;
  readonly addedAt: number;
  readonly demo: boolean;
}

/** What adding (or replacing) a key did, in words the Accounts view shows as they are. */
export interface AddKeyResult {
  readonly account: AccountInfo;
  /** created: a new account; attached: the key joined an account already in the app; refreshed: the same key again. */
  readonly outcome: 'created' | 'attached' | 'refreshed';
  readonly message: string;
}

export interface ReplaceKeyArgs {
  readonly accountKey: string;
  readonly keyId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly authMethod: DeribitAuthMethod;
}

/** A history the renderer found under an old per-key id, and whose account it belongs to (from the cache). */
export interface CachedIdentity {
  readonly legacyKey: string;
  readonly accountKey: string;
  readonly mainUserId: number;
  readonly username: string | null;
}

export interface AddAccountArgs {
  readonly label: string;
  readonly environment: DeribitEnvironment;
  /** Required when environment is 'custom'; ignored otherwise. */
  readonly baseUrl?: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly authMethod: DeribitAuthMethod;
  /** Chosen by the renderer so `cancelAddAccount` can stop this key check. */
  readonly probeId?: string;
}

export interface AccountDiscovery {
  readonly accountKey: string;
  /** Main account first, then every subaccount. */
  readonly users: readonly DeribitSubaccount[];
  readonly currencies: readonly string[];
  /** Server time at discovery (ms), for "sync until" windows and clock skew. */
  readonly serverTime: number;
  readonly scope: GrantedScope;
}

export interface AppInfo {
  readonly mode: 'electron' | 'browser';
  readonly version: string;
  /** True when a demo account (served by the built-in simulator) can be added. */
  readonly demoAvailable: boolean;
  readonly secretStorage: string;
}

/**
 * Whether main can read and store API secrets now. 'ready': yes. Without an OS keyring the desktop app
 * keeps them under a passphrase typed once per session: 'needs-passphrase' (none chosen yet) or
 * 'locked' (chosen; not typed this session). `explanation` says why a passphrase is asked for.
 */
export interface SecretStoreStatus {
  readonly state: 'ready' | 'locked' | 'needs-passphrase';
  readonly description: string;
  readonly explanation: string | null;
}

export interface ScopedTransactionLogRequest extends TransactionLogRequest {
  readonly accountKey: string;
}
export interface ScopedAccessLogRequest extends AccessLogRequest {
  readonly accountKey: string;
}
export interface ScopedWalletListRequest extends WalletListRequest {
  readonly accountKey: string;
}
export interface SummaryRequest {
  readonly accountKey: string;
  readonly currency: string;
  readonly subaccountId: number | null;
}

/** Every call: name → (args) => result. Results and errors are plain JSON. */
export interface ContractCalls {
  getAppInfo(args: Record<string, never>): Promise<AppInfo>;
  getSecretStoreStatus(args: Record<string, never>): Promise<SecretStoreStatus>;
  /** Unlocks the passphrase store (or, the first time, sets the passphrase). A wrong one fails and changes nothing. */
  unlockSecretStore(args: { readonly passphrase: string }): Promise<SecretStoreStatus>;
  listAccounts(args: Record<string, never>): Promise<readonly AccountInfo[]>;
  /**
   * Authenticates once, checks the granted scope, learns which Deribit account the key belongs to and
   * stores the secret in main. A key of an account already in the app is attached to it (never a second history).
   */
  addAccount(args: AddAccountArgs): Promise<AddKeyResult>;
  addDemoAccount(args: Record<string, never>): Promise<AddKeyResult>;
  /** Stops a key check still running (addAccount with that probeId): it fails with kind 'cancelled'. */
  cancelAddAccount(args: { readonly probeId: string }): Promise<void>;
  /** Removes one key and its secret; the account and its cached history stay. */
  removeKey(args: { readonly accountKey: string; readonly keyId: string }): Promise<AccountInfo>;
  /** Rotation: checks the new key belongs to the same account, attaches it, then removes the old one. */
  replaceKey(args: ReplaceKeyArgs): Promise<AddKeyResult>;
  /** Forgets the account and every key's secret (the renderer deletes the cached history, after confirmation). */
  removeAccount(args: { readonly accountKey: string }): Promise<void>;
  /**
   * Gives accounts configured before identities existed (`acc_…`) their Deribit identity: from the cache
   * where it knows (`identities`), else by asking Deribit with the stored key. Merges two of one account.
   */
  identifyAccounts(args: { readonly identities: readonly CachedIdentity[] }): Promise<readonly AccountInfo[]>;
  discoverAccount(args: { readonly accountKey: string }): Promise<AccountDiscovery>;
  getAccountSummary(args: SummaryRequest): Promise<AccountSummary>;
  fetchTransactionLogPage(args: ScopedTransactionLogRequest): Promise<TransactionLogPage>;
  fetchAccessLogPage(args: ScopedAccessLogRequest): Promise<AccessLogPage>;
  /** One page of get_deposits / get_withdrawals / get_transfers (needs wallet:read). */
  fetchWalletPage(args: ScopedWalletListRequest): Promise<WalletListPage>;
  /** Aborts every request in flight or queued for that account. */
  cancelRequests(args: { readonly accountKey: string }): Promise<void>;
  /**
   * One page of an index's daily delivery prices (Deribit public/get_delivery_prices, newest first) from the
   * account's Deribit (mainnet, testnet, custom or demo); public: works for an account without a key.
   */
  fetchDeliveryPrices(args: { readonly accountKey: string; readonly indexName: string; readonly offset: number; readonly count: number }): Promise<DeliveryPricePage>;
  listLoginSources(args: Record<string, never>): Promise<readonly LoginSourceInfo[]>;
  /** Tries the settings without saving them: authenticates and reads a little. Never throws for auth failures. */
  testLoginSource(args: LoginSourceInput): Promise<ConnectionReport>;
  /** Tests, then stores the settings (secret in main's store). Fails with a clear message when the test fails. */
  addLoginSource(args: LoginSourceInput): Promise<LoginSourceInfo>;
  /** Adds demo login sources served by the built-in simulators (browser mode / demo only). */
  addDemoLoginSources(args: Record<string, never>): Promise<readonly LoginSourceInfo[]>;
  removeLoginSource(args: { readonly sourceKey: string }): Promise<void>;
  fetchLoginPage(args: LoginPageRequest & { readonly sourceKey: string }): Promise<LoginPage>;
  cancelLoginRequests(args: { readonly sourceKey: string }): Promise<void>;
}

export type ContractCallName = keyof ContractCalls;
export type CallArgs<N extends ContractCallName> = Parameters<ContractCalls[N]>[0];
export type CallResult<N extends ContractCallName> = Awaited<ReturnType<ContractCalls[N]>>;

/** Runtime list of the calls: both transports register exactly these. */
export const CONTRACT_CALLS = [
  'getAppInfo',
  'getSecretStoreStatus',
  'unlockSecretStore',
  'listAccounts',
  'addAccount',
  'addDemoAccount',
  'cancelAddAccount',
  'removeKey',
  'replaceKey',
  'removeAccount',
  'identifyAccounts',
  'discoverAccount',
  'getAccountSummary',
  'fetchTransactionLogPage',
  'fetchAccessLogPage',
  'fetchWalletPage',
  'cancelRequests',
  'fetchDeliveryPrices',
  'listLoginSources',
  'testLoginSource',
  'addLoginSource',
  'addDemoLoginSources',
  'removeLoginSource',
  'fetchLoginPage',
  'cancelLoginRequests',
] as const satisfies readonly ContractCallName[];

/** Events main → renderer. */
export interface ContractEvents {
  /** Gateway status per account: waiting on the limiter, retrying after an error, offline. */
  providerStatus: {
    readonly accountKey: string;
    readonly state: 'ok' | 'retrying' | 'offline';
    readonly message: string;
    /** When the next attempt happens (ms since epoch), if retrying. */
    readonly retryAt: number | null;
  };
}
export type ContractEventName = keyof ContractEvents;
export const CONTRACT_EVENTS = ['providerStatus'] as const satisfies readonly ContractEventName[];

/** How a failed call travels back over either transport. */
export interface ContractErrorPayload {
  readonly error: ProviderErrorInfo;
}

/** The API surface the renderer sees (window.api in Electron, the HTTP client in browser mode). */
export interface RendererApi {
  readonly call: <N extends ContractCallName>(name: N, args: CallArgs<N>) => Promise<CallResult<N>>;
  readonly on: <E extends ContractEventName>(
    name: E,
    listener: (payload: ContractEvents[E]) => void,
  ) => () => void;
}

/** Electron IPC channel names, derived so they can never drift from the contract. */
export const ipcCallChannel = (name: ContractCallName): string => `contract:call:${name}`;
export const ipcEventChannel = (name: ContractEventName): string => `contract:event:${name}`;

/** Every call's answer over either transport: Electron's IPC drops custom error fields, so errors travel as data. */
export type CallEnvelope<T> = { readonly ok: true; readonly value: T } | ({ readonly ok: false } & ContractErrorPayload);
