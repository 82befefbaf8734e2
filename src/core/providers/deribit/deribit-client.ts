/**
 * Read-only Deribit API v2 client for one key: sign-in and token refresh, pacing (transaction-log slots
 * and the credit bucket, through a scheduler that the main process shares between every key of an account),
 * lossless parsing, retries with backoff, and cancellation of everything in flight. fetch, clocks and
 * randomness are injected so it runs the same in Node tests and in the app.
 */
import { toAccountSummary, toCurrencies, toServerTime, toSubaccounts } from './account-responses';
import { AuthSession } from './auth-session';
import { ProviderError, redactingSecrets } from './errors';
import { RATE_LIMIT_CODE, UNAUTHORIZED_CODE, cancelledError } from './error-classification';
import { callDeribit, type FetchFn } from './json-rpc-http';
import { toAccessLogPage, toTransactionLogPage } from './lossless-response';
import { DEFAULT_RATE_LIMITS, RateScheduler, monotonicClock, systemClock, type Clock, type PacingSlot, type RateLane, type RateLimits } from './rate-scheduler';
import { DEFAULT_RETRY, withRetries, type ProviderStatus, type RetryOptions } from './retry-loop';
import { INDEX_NAME_PATTERN, toDeliveryPricePage, type DeliveryPricePage } from './price-responses';
import { assertWalletListKind, toWalletListPage } from './wallet-responses';
import type {
  AccessLogPage,
  AccessLogRequest,
  AccountSummary,
  DeribitAuthMethod,
  DeribitSubaccount,
  GrantedScope,
  TransactionLogPage,
  TransactionLogRequest,
  WalletListPage,
  WalletListRequest,
} from './types';

export interface DeribitClientOptions {
  /** e.g. https://www.deribit.com/api/v2 (no trailing method path). */
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Default 'client_signature': the secret never leaves the machine. */
  readonly authMethod?: DeribitAuthMethod;
  /** Named session scope (`session:NAME`), so the token outlives any one HTTP connection. */
  readonly sessionName?: string;
  readonly fetch?: FetchFn;
  /** Wall time: signature timestamps, token lifetimes, "retrying at". Default Date.now. */
  readonly clock?: Clock;
  /** [0, 1) source for backoff jitter. */
  readonly random?: () => number;
  /**
   * The account's shared pacing (Deribit counts limits per account, whichever key or client sends): every
   * client of one account must get the same scheduler. Without one the client makes its own from
   * `limits` and `schedulingClock` (both ignored when a scheduler is given).
   */
  readonly scheduler?: RateScheduler;
  readonly limits?: RateLimits;
  /** Monotonic time for an own scheduler; default performance.now. */
  readonly schedulingClock?: Clock;
  readonly retry?: Partial<RetryOptions>;
  /** Per attempt, including reading the body. Default 30 s. */
  readonly requestTimeoutMs?: number;
  readonly onStatus?: (status: ProviderStatus) => void;
}

export type { ProviderStatus } from './retry-loop';

const DEFAULT_TIMEOUT_MS = 30_000;

export class DeribitClient {
  private readonly baseUrl: string;
  private readonly clientSecret: string;
  private readonly fetchFn: FetchFn;
  private readonly clock: Clock;
  private readonly timeoutMs: number;
  private readonly scheduler: RateScheduler;
  private readonly retryContext: Parameters<typeof withRetries>[0];
  private readonly session: AuthSession;
  private readonly onStatus: ((status: ProviderStatus) => void) | undefined;
  private lastStatus: ProviderStatus['state'] = 'ok';
  /**
   * One controller per call in progress, so cancelAll reaches each; a shared signal would collect a
   * listener per queued call (Node warns past 10) and never shed them.
   */
  private readonly active = new Set<AbortController>();
  /** For the shared sign-in/refresh, which outlives any one caller's signal; replaced by cancelAll. */
  private sessionLifetime = new AbortController();

  constructor(options: DeribitClientOptions) {
    this.baseUrl = options.baseUrl;
    this.clientSecret = options.clientSecret;
    // Bound: a bare `fetch` reference called as a method of another object throws "Illegal invocation".
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.clock = options.clock ?? systemClock;
    this.timeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.scheduler = options.scheduler ?? new RateScheduler(options.limits ?? DEFAULT_RATE_LIMITS, options.schedulingClock ?? monotonicClock);
    this.onStatus = options.onStatus;
    this.retryContext = {
      retry: { ...DEFAULT_RETRY, ...options.retry },
      clock: this.clock,
      random: options.random ?? Math.random,
      scheduler: this.scheduler,
      report: (status) => this.report(status),
    };
    this.session = new AuthSession({
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      authMethod: options.authMethod ?? 'client_signature',
      sessionName: options.sessionName ?? 'recon',
      clock: this.clock,
      publicCall: (method, params, signal) => this.publicCall(method, params, signal),
    });
  }

  /**
   * What the key allows as judged by authenticate() (warnings included), or before that the working
   * token's scope; null before any sign-in.
   */
  get grantedScope(): GrantedScope | null {
    return this.session.grantedScope;
  }

  /** Signs in afresh and returns what the key may do (with plain-language warnings). */
  authenticate(signal?: AbortSignal): Promise<GrantedScope> {
    const sessionSignal = this.sessionLifetime.signal;
    return this.withCall(signal, (callSignal) => this.session.signIn(sessionSignal, callSignal));
  }

  getTime(signal?: AbortSignal): Promise<number> {
    return this.withCall(signal, (s) => this.publicCall('public/get_time', {}, s, toServerTime));
  }

  getCurrencies(signal?: AbortSignal): Promise<string[]> {
    return this.withCall(signal, (s) => this.publicCall('public/get_currencies', {}, s, toCurrencies));
  }

  /**
   * One page of an index's daily delivery prices (public: no key needed; paced on the credit lane). The
   * index name becomes a request parameter: anything but Deribit's spelling is refused before sending.
   */
  getDeliveryPrices(indexName: string, offset: number, count: number, signal?: AbortSignal): Promise<DeliveryPricePage> {
    if (!INDEX_NAME_PATTERN.test(indexName) || !Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(count) || count < 1 || count > 1000) {
      return Promise.reject(new ProviderError({
        kind: 'invalid_params', code: null,
        detail: `get_delivery_prices(${JSON.stringify(indexName.slice(0, 40))}, ${offset}, ${count})`,
        userMessage: 'The app asked for a price history it cannot name (index, offset or count out of range). Nothing was requested. This is a bug in the app: please report it.',
        retriable: false,
      }));
    }
    const params = { index_name: indexName, offset: String(offset), count: String(count) };
    return this.withCall(signal, (s) => this.publicCall('public/get_delivery_prices', params, s, (r) => toDeliveryPricePage(r, indexName)));
  }

  /** The key's own (main) account first as Deribit lists it, flagged `isMain`, then its subaccounts. */
  getSubaccounts(signal?: AbortSignal): Promise<DeribitSubaccount[]> {
    return this.privateCall('private/get_subaccounts', {}, 'credit', signal, toSubaccounts);
  }

  getAccountSummary(currency: string, subaccountId: number | null, signal?: AbortSignal): Promise<AccountSummary> {
    const params: Record<string, string> = { currency, extended: 'true' };
    if (subaccountId !== null) params.subaccount_id = String(subaccountId);
    return this.privateCall('private/get_account_summary', params, 'credit', signal, (r) => toAccountSummary(r, currency));
  }

  getTransactionLog(req: TransactionLogRequest, signal?: AbortSignal): Promise<TransactionLogPage> {
    const params: Record<string, string> = {
      currency: req.currency,
      start_timestamp: String(req.startTimestamp),
      end_timestamp: String(req.endTimestamp),
      count: String(req.count),
    };
    if (req.continuation !== null) params.continuation = String(req.continuation);
    if (req.subaccountId !== null) params.subaccount_id = String(req.subaccountId);
    return this.privateCall('private/get_transaction_log', params, 'txLog', signal, (r) =>
      toTransactionLogPage(r, req.currency),
    );
  }

  getAccessLog(req: AccessLogRequest, signal?: AbortSignal): Promise<AccessLogPage> {
    const params = { offset: String(req.offset), count: String(req.count) };
    return this.privateCall('private/get_access_log', params, 'credit', signal, toAccessLogPage);
  }

  /** One page of get_deposits / get_withdrawals / get_transfers (the key's own account; needs wallet:read). */
  async getWalletList(req: WalletListRequest, signal?: AbortSignal): Promise<WalletListPage> {
    assertWalletListKind(req.kind); // before anything is sent: the kind names the method called
    const params = { currency: req.currency, offset: String(req.offset), count: String(req.count) };
    return this.privateCall(`private/get_${req.kind}`, params, 'credit', signal, (r) => toWalletListPage(r, req.kind, req.currency));
  }

  /** Aborts every call in flight or queued (they reject with kind 'cancelled'); later calls work normally. */
  cancelAll(): void {
    const calls = [...this.active];
    this.active.clear();
    const session = this.sessionLifetime;
    this.sessionLifetime = new AbortController();
    for (const controller of calls) controller.abort(cancelledError());
    session.abort(cancelledError());
    this.session.abandonRenewal();
  }

  /**
   * Runs one public call with its own abort controller (reached by cancelAll and by the caller's signal).
   * Any abort surfaces as ProviderError 'cancelled', whatever was waiting when it happened.
   */
  private async withCall<T>(signal: AbortSignal | undefined, run: (callSignal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(cancelledError());
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.active.add(controller);
    try {
      return await run(controller.signal);
    } catch (e) {
      if (controller.signal.aborted) throw cancelledError();
      throw e;
    } finally {
      this.active.delete(controller);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * A public method with pacing and retries; `signal` belongs to the caller's withCall (or the session).
   * `read` converts the result inside the attempt, so a well-formed body with a wrong shape is retried too.
   */
  private publicCall<T = unknown>(
    method: string,
    params: Record<string, string>,
    signal: AbortSignal,
    read: (result: unknown) => T = (r) => r as T,
  ): Promise<T> {
    return withRetries(this.retryContext, method, 'credit', signal, async () => {
      const slot = await this.scheduler.acquire('credit', signal);
      // Inside the retry loop: status reports and "gave up" details then quote redacted text.
      return await redactingSecrets(this.knownSecrets(null), async () => read(await this.send(slot, method, params, null, signal)));
    });
  }

  private privateCall<T>(
    method: string,
    params: Record<string, string>,
    lane: RateLane,
    signal: AbortSignal | undefined,
    read: (result: unknown) => T,
  ): Promise<T> {
    const sessionSignal = this.sessionLifetime.signal;
    let reauthenticated = false;
    return this.withCall(signal, (callSignal) =>
      withRetries(this.retryContext, method, lane, callSignal, async () => {
        for (;;) {
          const token = await this.session.accessToken(sessionSignal, callSignal);
          const slot = await this.scheduler.acquire(lane, callSignal);
          try {
            return await redactingSecrets(this.knownSecrets(token), async () => read(await this.send(slot, method, params, token, callSignal)));
          } catch (e) {
            // 13009: token expired or revoked server-side. Sign in again once, then it is permanent.
            if (!(e instanceof ProviderError) || e.code !== UNAUTHORIZED_CODE || reauthenticated) throw e;
            reauthenticated = true;
            this.session.invalidate(token);
          }
        }
      }),
    );
  }

  /** One request in a granted slot; the slot learns the answer's usIn (when the server sent one) and any 10028. */
  /** The exact credentials an answer could echo: the secret and the tokens in use. */
  private knownSecrets(bearer: string | null): (string | null)[] {
    return [this.clientSecret, bearer, ...this.session.knownTokens()];
  }

  private async send(
    slot: PacingSlot,
    method: string,
    params: Record<string, string>,
    bearer: string | null,
    signal: AbortSignal,
  ): Promise<unknown> {
    let usIn: number | null = null;
    let rateLimited = false;
    try {
      return await callDeribit({
        baseUrl: this.baseUrl, method, params, bearer, signal, timeoutMs: this.timeoutMs, fetch: this.fetchFn,
        onUsIn: (us) => (usIn = us),
      });
    } catch (e) {
      rateLimited = e instanceof ProviderError && e.code === RATE_LIMIT_CODE;
      throw e;
    } finally {
      slot.settle({ usIn, rateLimited });
    }
  }

  private report(status: ProviderStatus): void {
    if (status.state === 'ok' && this.lastStatus === 'ok') return;
    this.lastStatus = status.state;
    this.onStatus?.(status);
  }
}
