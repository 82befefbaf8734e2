/**
 * Renders one stored row as the exact JSON text the server sends. Cosmetic fields (instrument,
 * price, ids, ip, ...) come from the row's own seed, so the same row always renders the same bytes.
 * Shapes vary on purpose, as on the real exchange: info object or string, commission null,
 * amount/contracts absent on some rows.
 */
import { currencyDecimals, formatFixed } from './fixed-point';
import { raw, toJsonText, type JsonValue } from './raw-json';
import { SeededRandom } from './seeded-random';
import type { SimUser } from './sim-users';
import { wireType, type StreamRow } from './transaction-store';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
export const TRADE_IPS = ['11.222.33.44', '81.2.69.160', '2.125.160.216', '175.16.199.7', '216.160.83.56'];

export interface RowContext {
  readonly currency: string;
  readonly user: SimUser;
  readonly userById: (userId: number) => SimUser | undefined;
}

export function renderTransactionRow(row: StreamRow, ctx: RowContext): string {
  const r = new SeededRandom(row.aux);
  const dec = currencyDecimals(ctx.currency);
  const amount = (v: bigint): JsonValue => raw(formatFixed(v, dec));
  const num = (scaled: number, decimals: number): JsonValue => raw(formatFixed(BigInt(Math.round(scaled)), decimals));
  const underlying = ctx.currency === 'USDC' || ctx.currency === 'USDT' ? `BTC_${ctx.currency}` : ctx.currency;
  const expiry = (): string => {
    const date = new Date(row.timestamp + r.int(1, 90) * 86_400_000);
    return `${date.getUTCDate()}${MONTHS[date.getUTCMonth()] ?? 'JAN'}${String(date.getUTCFullYear() % 100).padStart(2, '0')}`;
  };
  // Index prices in cents (BTC 20k-90k USD, ETH a twentieth of that).
  const priceScale = ctx.currency === 'ETH' ? 1 : 20;
  const upl = BigInt(r.int(-50_000, 50_000)) * 10n ** BigInt(Math.max(0, dec - 8));
  const base: Record<string, JsonValue | undefined> = {
    id: row.id,
    currency: ctx.currency,
    timestamp: row.timestamp,
    user_id: ctx.user.userId,
    username: ctx.user.username,
    user_seq: row.userSeq,
    type: wireType(row.kind),
    side: '-',
    instrument_name: null,
    position: null,
    price: null,
    trade_id: null,
    order_id: null,
    interest_pl: null,
  };
  const tail = (): Record<string, JsonValue | undefined> => ({
    commission: row.kind === 'position_move' ? undefined : row.commission === null ? null : amount(row.commission),
    cashflow: amount(row.change),
    change: amount(row.change),
    balance: amount(row.balance),
    equity: amount(row.balance + upl),
  });
  const tradeIds = (): Record<string, JsonValue> => ({
    trade_id: String(r.int(10_000, 99_999_999)),
    order_id: `${underlying}-${r.int(1_000_000, 999_999_999)}`,
  });
  const role = r.chance(0.5) ? 'maker' : 'taker';
  let fields: Record<string, JsonValue | undefined>;
  switch (row.kind) {
    case 'deposit':
      fields = {
        info: {
          transaction: hex(r, 64),
          deposit_type: 'wallet',
          addr: ctx.currency === 'BTC' ? `bc1q${hex(r, 38)}` : `0x${hex(r, 40)}`,
        },
      };
      break;
    case 'withdrawal': {
      // commission = fee; `amount` (when present) is what left the exchange: -change - fee.
      const net = -row.change - (row.commission ?? 0n);
      fields = {
        info: { transaction: hex(r, 64), addr: ctx.currency === 'BTC' ? `bc1q${hex(r, 38)}` : `0x${hex(r, 40)}` },
        amount: r.chance(0.5) ? amount(net) : undefined,
      };
      break;
    }
    case 'transfer': {
      const other = ctx.userById(row.otherUserId);
      fields = {
        info: { transfer_type: 'subaccount', other_user_id: row.otherUserId, other_user: other?.username ?? 'Subaccount' },
      };
      break;
    }
    case 'trade-option': {
      const contracts = r.int(1, 500);
      const open = r.chance(0.6);
      fields = {
        ...tradeIds(),
        instrument_name: `${underlying}-${expiry()}-${r.int(20, 120) * 1000}-${r.chance(0.5) ? 'C' : 'P'}`,
        side: `${open ? 'open' : 'close'} ${row.change < 0n ? 'buy' : 'sell'}`,
        position: num(r.int(-500, 500), 1),
        price: num(r.int(5, 3000), 4),
        price_currency: ctx.currency,
        mark_price: raw(`0.0${r.int(1_000_000, 9_999_999)}${r.int(100_000_000, 999_999_999)}`),
        amount: num(contracts, 1),
        contracts: r.chance(0.3) ? undefined : num(contracts, 1),
        user_role: role,
        fee_role: role,
        profit_as_cashflow: false,
        interest_pl: 0,
        info: r.chance(0.8) ? 'Source: api' : 'Source: web',
        ip: r.pick(TRADE_IPS),
      };
      break;
    }
    case 'trade-future': {
      const usd = r.int(1, 2000) * 10;
      const price = r.int(100_000, 450_000) * priceScale;
      fields = {
        ...tradeIds(),
        instrument_name: r.chance(0.7) ? `${underlying}-PERPETUAL` : `${underlying}-${expiry()}`,
        side: `${r.chance(0.6) ? 'open' : 'close'} ${r.chance(0.5) ? 'buy' : 'sell'}`,
        position: r.int(-20_000, 20_000) * 10,
        price: num(price, 2),
        price_currency: 'USD',
        mark_price: num(price + r.int(-500, 500), 2),
        amount: r.chance(0.1) ? undefined : usd,
        contracts: r.chance(0.3) ? undefined : usd / 10,
        user_role: role,
        fee_role: role,
        profit_as_cashflow: false,
        interest_pl: 0,
        info: 'Source: api',
        ip: r.pick(TRADE_IPS),
      };
      break;
    }
    case 'settlement': {
      const price = r.int(100_000, 450_000) * priceScale;
      const position = r.int(1, 2000) * 10;
      // change = session_rpl + session_upl exactly; interest_pl (funding) is part of session_rpl.
      const interest = BigInt(r.int(-2000, 2000));
      const rpl = interest + BigInt(r.int(-9000, 9000));
      const sessionUpl = row.change - rpl;
      fields = {
        instrument_name: `${underlying}-PERPETUAL`,
        side: r.chance(0.5) ? 'long' : 'short',
        position,
        price: num(price, 2),
        price_currency: 'USD',
        amount: position,
        interest_pl: amount(interest),
        total_interest_pl: amount(interest + BigInt(r.int(-5000, 5000))),
        session_rpl: amount(rpl),
        session_upl: amount(sessionUpl),
        info: { settlement_price: num(price - (price % 100), 2), floating_pl: amount(sessionUpl) },
      };
      break;
    }
    case 'delivery': {
      const price = r.int(100_000, 450_000) * priceScale;
      fields = {
        instrument_name: `${underlying}-${expiry()}`,
        side: r.chance(0.5) ? 'close buy' : 'close sell',
        position: 0,
        price: num(price, 2),
        price_currency: 'USD',
        settlement_price: num(price, 2),
        index_price: num(price + r.int(-300, 300), 2),
        info: 'Source: delivery',
      };
      break;
    }
    case 'swap':
      fields = { info: { swap_type: 'currency_conversion', rate: raw(`0.${r.int(10_000_000, 99_999_999)}`) } };
      break;
    case 'correction':
      fields = { info: r.chance(0.5) ? 'Manual correction' : { reason: 'fee_refund' } };
      break;
    case 'position_move': {
      // An odd shape on purpose: info is an array and `commission` is absent altogether.
      const instrument = `${underlying}-PERPETUAL`;
      const other = ctx.userById(row.otherUserId);
      fields = {
        instrument_name: instrument,
        info: [{ instrument_name: instrument, amount: r.int(1, 200) * 10, target_uid: other?.userId ?? ctx.user.userId }],
      };
      break;
    }
    default:
      fields = { info: { program: 'staking_rewards', period: r.int(1, 52) } };
  }
  return toJsonText({ ...base, ...fields, ...tail() });
}

/** `length` lower-case hex digits from the row's generator (tx hashes, addresses). */
export function hex(r: SeededRandom, length: number): string {
  let text = '';
  while (text.length < length) text += r.uint32().toString(16).padStart(8, '0');
  return text.slice(0, length);
}
