/**
 * Builders for reconciliation tests: TransactionLogRow objects with a raw JSON text, and random valid
 * histories (several users and currencies, transfers booked in both logs) whose balances chain exactly.
 */
import type { TransactionLogRow } from '../../../src/core/providers/deribit/types';
import { formatFixed } from '../../../src/core/recon/fixed-point';

export interface RowSpec {
  readonly id: number;
  readonly userId?: number;
  readonly userSeq: number;
  readonly timestamp?: number;
  readonly currency?: string;
  readonly type?: string;
  readonly change: string;
  readonly balance: string;
  readonly commission?: string | null;
  readonly instrumentName?: string | null;
  readonly info?: string | Readonly<Record<string, unknown>> | null;
  readonly ip?: string | null;
}

/** A row whose `raw` is the JSON Deribit would send (numbers unquoted, as received). */
export function makeRow(spec: RowSpec): TransactionLogRow {
  const userId = spec.userId ?? 7;
  const currency = spec.currency ?? 'BTC';
  const type = spec.type ?? 'trade';
  const commission = spec.commission === undefined ? '0' : spec.commission;
  const info = spec.info ?? null;
  const infoText = info === null ? null : typeof info === 'string' ? info : JSON.stringify(info);
  const raw = `{"id":${spec.id},"user_id":${userId},"user_seq":${spec.userSeq},"timestamp":${spec.timestamp ?? 1_700_000_000_000 + spec.id},` +
    `"currency":"${currency}","type":"${type}","instrument_name":${spec.instrumentName ? `"${spec.instrumentName}"` : 'null'},` +
    `"change":${spec.change},"balance":${spec.balance},"commission":${commission ?? 'null'},"info":${infoText === null ? 'null' : typeof info === 'string' ? JSON.stringify(info) : infoText}}`;
  return {
    id: spec.id,
    userId,
    userSeq: spec.userSeq,
    timestamp: spec.timestamp ?? 1_700_000_000_000 + spec.id,
    currency,
    type,
    username: null,
    instrumentName: spec.instrumentName ?? null,
    side: null,
    change: spec.change,
    balance: spec.balance,
    cashflow: spec.change,
    commission,
    equity: null,
    amount: null,
    price: null,
    position: null,
    tradeId: null,
    orderId: null,
    ip: spec.ip ?? null,
    infoText,
    raw,
  };
}

/** Small deterministic PRNG (mulberry32) so property cases replay from their seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface HistoryOptions {
  readonly seed: number;
  readonly users: readonly number[];
  readonly currencies: readonly string[];
  readonly rows: number;
  /** user_seq numbering: one counter per user (across currencies) or per (user, currency). */
  readonly seqScheme: 'per-user' | 'per-currency';
  /** Decimal places of the amounts (≤ 10). */
  readonly decimals?: number;
  /** Transfers to this user id are to an account outside the key (only one leg is visible). */
  readonly outsideUser?: number;
  /** Also emit rows of a type the app does not know (each yields one info finding per chain). */
  readonly unknownTypes?: boolean;
}

const TYPES = ['deposit', 'trade-option', 'trade-future', 'settlement', 'delivery', 'withdrawal', 'transfer', 'swap', 'correction'];

/**
 * A valid history: balances chain exactly per (user, currency), every amount non-zero, transfers between
 * users of the account booked in both logs (opposite signs, same timestamp), ids and timestamps increasing.
 */
export function randomHistory(o: HistoryOptions): TransactionLogRow[] {
  const r = rng(o.seed);
  const decimals = o.decimals ?? 8;
  const unit = 10n ** BigInt(decimals);
  const balances = new Map<string, bigint>();
  const seqs = new Map<string, number>();
  const rows: TransactionLogRow[] = [];
  let id = 1000;
  let time = 1_735_000_000_000;
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const types = o.unknownTypes ? [...TYPES, 'mystery_payout'] : TYPES;
  const amount = (max: bigint): bigint => {
    // Random non-zero magnitude with up to `decimals` places, at most max.
    const raw = BigInt(Math.floor(r() * 1e9) + 1) * 10n ** BigInt(Math.floor(r() * (decimals + 1)));
    const v = max > 0n ? ((raw % max) + 1n) : 1n;
    return v;
  };
  const nextSeq = (userId: number, currency: string): number => {
    const key = o.seqScheme === 'per-user' ? `${userId}` : `${userId}|${currency}`;
    const s = (seqs.get(key) ?? 0) + 1;
    seqs.set(key, s);
    return s;
  };
  const emit = (userId: number, currency: string, type: string, change: bigint, commission: bigint | null, extra: Partial<RowSpec>): void => {
    const key = `${userId}|${currency}`;
    const balance = (balances.get(key) ?? 0n) + change;
    balances.set(key, balance);
    rows.push(makeRow({
      id: id++, userId, currency, type, userSeq: nextSeq(userId, currency), timestamp: time,
      change: formatFixed(change, decimals), balance: formatFixed(balance, decimals),
      commission: commission === null ? null : formatFixed(commission, decimals), ...extra,
    }));
  };
  while (rows.length < o.rows) {
    time += 1 + Math.floor(r() * 5_000_000);
    const userId = pick(o.users);
    const currency = pick(o.currencies);
    const balance = balances.get(`${userId}|${currency}`) ?? 0n;
    let type = balance <= unit / 1000n ? 'deposit' : pick(types);
    if (type === 'transfer' && o.users.length < 2 && o.outsideUser === undefined) type = 'deposit';
    switch (type) {
      case 'deposit':
        emit(userId, currency, 'deposit', amount(100n * unit), 0n, { info: { transaction: `tx${id}`, deposit_type: 'wallet' } });
        break;
      case 'withdrawal':
        emit(userId, currency, 'withdrawal', -amount(balance / 2n), 0n, { info: { transaction: `tx${id}` } });
        break;
      case 'trade-option': {
        const commission = amount(unit / 100n);
        const premium = amount(balance / 4n);
        const change = r() < 0.5 && premium + commission < balance ? -(premium + commission) : premium - commission;
        emit(userId, currency, 'trade', change === 0n ? 1n : change, change === 0n ? 0n : commission, { instrumentName: `${currency}-27DEC24-50000-C` });
        break;
      }
      case 'trade-future': {
        const commission = amount(balance / 10n);
        emit(userId, currency, 'trade', -commission, commission, { instrumentName: `${currency}-PERPETUAL` });
        break;
      }
      case 'transfer': {
        const others = o.users.filter((u) => u !== userId);
        const outside = o.outsideUser !== undefined && (others.length === 0 || r() < 0.2);
        const other = outside ? (o.outsideUser as number) : pick(others);
        const a = amount(balance / 2n);
        emit(userId, currency, 'transfer', -a, 0n, { info: { transfer_type: 'subaccount', other_user_id: other, other_user: `u${other}` } });
        if (!outside) emit(other, currency, 'transfer', a, 0n, { info: { transfer_type: 'subaccount', other_user_id: userId, other_user: `u${userId}` } });
        break;
      }
      default: {
        const a = amount(balance / 20n);
        emit(userId, currency, type, r() < 0.5 ? a : -a, type === 'settlement' ? null : 0n, type === 'settlement' || type === 'delivery' ? { instrumentName: `${currency}-PERPETUAL` } : {});
      }
    }
  }
  return rows;
}
