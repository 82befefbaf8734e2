/**
 * The API methods: parameter validation, auth and scope checks, rate limits, and the JSON text of
 * each result. Amounts are emitted as exact decimal literals (RawJson), never via floats.
 */
import { renderAccessEvent } from './access-log';
import type { DeliveryPrices } from './delivery-prices';
import { scopeAllows, type AuthService, type TokenGrant } from './auth-service';
import { currencyDecimals, formatFixed } from './fixed-point';
import type { RateLimiter } from './rate-limiter';
import { raw, toJsonText, type JsonValue } from './raw-json';
import { RpcError, invalidParams } from './rpc-errors';
import type { SimDataset } from './sim-dataset';
import type { SimUser } from './sim-users';
import { queryTransactionPage, type PageBehaviour } from './transaction-log-query';
import { walletList } from './wallet-methods';
import { withdrawalFeeText } from './withdrawal-fees';

/** Currencies Deribit knows (wallet_currency); one absent from the dataset simply has no activity. */
const KNOWN_CURRENCIES = ['BTC', 'ETH', 'STETH', 'ETHW', 'USDC', 'USDT', 'EURR', 'SOL', 'XRP', 'USYC', 'PAXG', 'BNB', 'USDE'];
const CURRENCY_NAMES: Readonly<Record<string, string>> = { BTC: 'Bitcoin', ETH: 'Ethereum', USDC: 'USD Coin', USDT: 'Tether' };

export interface MethodSettings extends PageBehaviour {
  readonly now: () => number;
  readonly rateLimitHttpStatus: number;
  readonly accessLogShape: 'object' | 'array';
  readonly accessLogEventField: 'result' | 'log';
  readonly maxCount: { txLog: number; accessLog: number };
  /** What public/get_time answers; the server clock `now` unless a test says otherwise. */
  readonly serverTimeAnswer?: () => number;
  /** public/get_delivery_prices: seeded daily index prices. */
  readonly deliveryPrices: DeliveryPrices;
}

export interface MethodContext {
  readonly params: Readonly<Record<string, string>>;
  readonly authorization: string | undefined;
  /** Bucket key for unauthenticated calls (the client's address). */
  readonly remote: string;
}

type Handler = (ctx: MethodContext, grant: TokenGrant | null) => string;

export class MethodHandlers {
  private readonly handlers: Readonly<Record<string, { private: boolean; scope?: 'account' | 'wallet'; run: Handler }>>;

  constructor(
    private readonly dataset: SimDataset,
    private readonly auth: AuthService,
    private readonly limiter: RateLimiter,
    private readonly settings: MethodSettings,
  ) {
    this.handlers = {
      'public/auth': { private: false, run: (c) => toJsonText(this.auth.authenticate(c.params)) },
      'public/get_time': { private: false, run: () => String(Math.floor((this.settings.serverTimeAnswer ?? this.settings.now)())) },
      'public/test': { private: false, run: () => toJsonText({ version: '1.2.26' }) },
      'public/get_currencies': { private: false, run: () => this.currencies() },
      'public/get_delivery_prices': { private: false, run: (c) => this.settings.deliveryPrices.answer(c.params, this.settings.now()) },
      'private/get_subaccounts': { private: true, scope: 'account', run: (c) => this.subaccounts(c) },
      'private/get_account_summary': { private: true, scope: 'account', run: (c) => this.accountSummary(c) },
      'private/get_account_summaries': { private: true, scope: 'account', run: (c) => this.accountSummaries(c) },
      'private/get_transaction_log': { private: true, scope: 'account', run: (c) => this.transactionLog(c) },
      'private/get_access_log': { private: true, scope: 'account', run: (c) => this.accessLog(c) },
      'private/get_deposits': { private: true, scope: 'wallet', run: (c) => walletList(dataset, 'deposits', requireCurrency(c.params), c.params) },
      'private/get_withdrawals': { private: true, scope: 'wallet', run: (c) => walletList(dataset, 'withdrawals', requireCurrency(c.params), c.params) },
      'private/get_transfers': { private: true, scope: 'wallet', run: (c) => walletList(dataset, 'transfers', requireCurrency(c.params), c.params) },
    };
  }

  deliveryPriceDays(index: string): { date: string; price: string }[] {
    return this.settings.deliveryPrices.days(index, this.settings.now());
  }

  /** Runs a method and returns its result's JSON text, or throws RpcError. */
  call(method: string, ctx: MethodContext): string {
    const handler = this.handlers[method];
    if (!handler) throw new RpcError(-32601, 400, { method });
    if (!handler.private) {
      if (!this.limiter.allowCredits(`public:${ctx.remote}`)) throw this.tooManyRequests();
      return handler.run(ctx, null);
    }
    const grant = this.auth.authorize(ctx.authorization);
    const allowed =
      method === 'private/get_transaction_log'
        ? this.limiter.allowTransactionLog(grant.clientId)
        : this.limiter.allowCredits(grant.clientId);
    if (!allowed) throw this.tooManyRequests();
    if (handler.scope && !scopeAllows(grant.scope, handler.scope)) {
      throw new RpcError(13021, 400, { reason: `${handler.scope}:read scope required` });
    }
    return handler.run(ctx, grant);
  }

  private tooManyRequests(): RpcError {
    return new RpcError(10028, this.settings.rateLimitHttpStatus);
  }

  private currencies(): string {
    return toJsonText(
      this.dataset.spec.currencies.map((currency) => ({
        currency,
        currency_long: CURRENCY_NAMES[currency] ?? currency,
        coin_type: currency === 'USDC' || currency === 'USDT' ? 'USDC' : currency === 'ETH' ? 'ETHER' : 'BITCOIN',
        fee_precision: currencyDecimals(currency),
        min_confirmations: 1,
        min_withdrawal_fee: raw(withdrawalFeeText(currency)),
        withdrawal_fee: raw(withdrawalFeeText(currency)),
        withdrawal_priorities: [],
      })),
    );
  }

  private subaccounts(c: MethodContext): string {
    const withPortfolio = c.params.with_portfolio !== 'false';
    return toJsonText(
      this.dataset.users.map((user) => ({
        id: user.userId,
        username: user.username,
        email: user.email,
        type: user.isMain ? 'main' : 'subaccount',
        system_name: user.username,
        is_password: user.isMain,
        login_enabled: user.isMain,
        receive_notifications: user.isMain,
        portfolio: withPortfolio ? this.portfolio(user) : undefined,
      })),
    );
  }

  private portfolio(user: SimUser): JsonValue {
    const entries: Record<string, JsonValue> = {};
    for (const currency of this.dataset.spec.currencies) {
      const balance = raw(this.dataset.balanceText(user.userId, currency));
      entries[currency.toLowerCase()] = {
        currency: currency.toLowerCase(),
        balance,
        equity: balance,
        available_funds: balance,
        available_withdrawal_funds: balance,
        margin_balance: balance,
        initial_margin: 0,
        maintenance_margin: 0,
      };
    }
    return entries;
  }

  private accountSummary(c: MethodContext): string {
    const currency = requireCurrency(c.params);
    return toJsonText(this.summary(this.targetUser(c.params), currency, c.params.extended === 'true'));
  }

  private accountSummaries(c: MethodContext): string {
    const user = this.targetUser(c.params);
    const extended = c.params.extended === 'true';
    return toJsonText({
      ...(extended ? this.identity(user) : {}),
      summaries: this.dataset.spec.currencies.map((currency) => this.summary(user, currency, false)),
    });
  }

  private summary(user: SimUser, currency: string, extended: boolean): Record<string, JsonValue | undefined> {
    const stream = this.dataset.stream(user.userId, currency);
    const dec = currencyDecimals(currency);
    const balance = this.dataset.liveBalance(user.userId, currency);
    // Equity moves with prices: deliberately not equal to the cash balance.
    const equity = balance === 0n ? 0n : balance + BigInt((stream?.length ?? 0) % 997) * 10n ** BigInt(Math.max(0, dec - 6));
    return {
      currency,
      balance: raw(formatFixed(balance, dec)),
      equity: raw(formatFixed(equity, dec)),
      available_funds: raw(formatFixed(balance, dec)),
      available_withdrawal_funds: raw(formatFixed(balance, dec)),
      margin_balance: raw(formatFixed(equity, dec)),
      initial_margin: 0,
      maintenance_margin: 0,
      session_rpl: 0,
      session_upl: 0,
      total_pl: 0,
      fee_balance: 0,
      ...(extended ? this.identity(user) : {}),
    };
  }

  private identity(user: SimUser): Record<string, JsonValue> {
    return {
      id: user.userId,
      username: user.username,
      system_name: user.username,
      email: user.email,
      type: user.isMain ? 'main' : 'subaccount',
      creation_timestamp: this.dataset.spec.startTime,
    };
  }

  /** subaccount_id must name the main account or one of its subaccounts. */
  private targetUser(params: Readonly<Record<string, string>>): SimUser {
    if (params.subaccount_id === undefined) return this.dataset.mainUser;
    const user = this.dataset.user(parseInteger(params, 'subaccount_id'));
    if (!user) throw invalidParams('subaccount_id', 'unknown subaccount');
    return user;
  }

  private transactionLog(c: MethodContext): string {
    const p = c.params;
    const currency = requireCurrency(p);
    if (p.start_timestamp === undefined) throw invalidParams('start_timestamp', 'required');
    if (p.end_timestamp === undefined) throw invalidParams('end_timestamp', 'required');
    const startTimestamp = parseInteger(p, 'start_timestamp');
    const endTimestamp = parseInteger(p, 'end_timestamp');
    const count = p.count === undefined ? 100 : parseInteger(p, 'count');
    if (count < 1 || count > this.settings.maxCount.txLog) {
      throw invalidParams('count', `must be between 1 and ${this.settings.maxCount.txLog}`);
    }
    const continuation = p.continuation === undefined || p.continuation === '' ? null : parseInteger(p, 'continuation');
    const user = this.targetUser(p);
    const stream = this.dataset.stream(user.userId, currency);
    if (!stream) return '{"logs":[],"continuation":null}';
    const keyword = p.query?.trim().toLowerCase();
    const matches = keyword
      ? (index: number): boolean => {
          const kind = stream.kindAt(index);
          if (keyword === 'option') return kind === 'trade-option';
          if (keyword === 'future') return kind === 'trade-future';
          return this.dataset.renderRow(stream, index).toLowerCase().includes(keyword);
        }
      : undefined;
    const page = queryTransactionPage(stream, { startTimestamp, endTimestamp, count, continuation, matches }, this.settings);
    const logs = page.indices.map((index) => this.dataset.renderRow(stream, index));
    return `{"logs":[${logs.join(',')}],"continuation":${page.continuation === null ? 'null' : String(page.continuation)}}`;
  }

  private accessLog(c: MethodContext): string {
    const offset = c.params.offset === undefined ? 0 : parseInteger(c.params, 'offset');
    const count = c.params.count === undefined ? 10 : parseInteger(c.params, 'count');
    if (offset < 0) throw invalidParams('offset', 'must not be negative');
    if (count < 1 || count > this.settings.maxCount.accessLog) {
      throw invalidParams('count', `must be between 1 and ${this.settings.maxCount.accessLog}`);
    }
    const events: string[] = [];
    for (let position = offset; position < offset + count; position++) {
      const row = this.dataset.accessLog.newest(position);
      if (!row) break;
      events.push(renderAccessEvent(row, this.settings.accessLogEventField));
    }
    const list = `[${events.join(',')}]`;
    return this.settings.accessLogShape === 'array'
      ? list
      : `{"records_total":${this.dataset.accessLog.length},"data":${list}}`;
  }
}

function requireCurrency(params: Readonly<Record<string, string>>): string {
  const currency = params.currency;
  if (currency === undefined || currency === '') throw invalidParams('currency', 'required');
  if (!KNOWN_CURRENCIES.includes(currency)) throw invalidParams('currency', 'unknown currency');
  return currency;
}

function parseInteger(params: Readonly<Record<string, string>>, name: string): number {
  const text = params[name] ?? '';
  if (!/^-?\d{1,16}$/.test(text)) throw invalidParams(name, 'must be an integer');
  return Number(text);
}
