/**
 * Generates every (user, currency) transaction stream in one global time-ordered pass, so ids are
 * platform-wide unique and grow with time, transfers land in both users' logs, and balances chain
 * exactly in BigInt fixed point. State is kept so appendActivity continues every invariant.
 */
import { currencyDecimals } from './fixed-point';
import { SeededRandom } from './seeded-random';
import type { SimUser } from './sim-users';
import { TransactionStream, type RowKind } from './transaction-store';
import { withdrawalFeeScaled } from './withdrawal-fees';

export type UserSeqScope = 'per-user' | 'per-currency';

/** Typical size of one unit of activity in each currency (whole coins). */
const TYPICAL_UNITS: Readonly<Record<string, number>> = { BTC: 1, ETH: 10, USDC: 20000, USDT: 20000 };

const KIND_WEIGHTS: readonly (readonly [RowKind, number])[] = [
  ['trade-option', 24],
  ['trade-future', 24],
  ['settlement', 22],
  ['delivery', 3],
  ['deposit', 6],
  ['withdrawal', 4],
  ['transfer', 9],
  ['swap', 3],
  ['correction', 3],
  ['bonus_distribution', 1],
  ['position_move', 1],
];

export class TransactionGenerator {
  readonly streams = new Map<string, TransactionStream>();
  private readonly rng: SeededRandom;
  private nextId: number;
  private lastTimestamp = -Infinity;
  private readonly userSeqs = new Map<number, number>();

  constructor(
    seed: number,
    private readonly users: readonly SimUser[],
    private readonly currencies: readonly string[],
    private readonly userSeqScope: UserSeqScope,
    expectedRowsPerStream: number,
  ) {
    this.rng = new SeededRandom(seed);
    this.nextId = 1_000_000 + this.rng.int(0, 99_999);
    const capacity = Math.ceil(expectedRowsPerStream * 1.2) + 16;
    for (const user of users) {
      for (const currency of currencies) {
        this.streams.set(streamKey(user.userId, currency), new TransactionStream(user.userId, currency, capacity));
      }
    }
  }

  stream(userId: number, currency: string): TransactionStream | undefined {
    return this.streams.get(streamKey(userId, currency));
  }

  newestTimestamp(): number {
    return this.lastTimestamp;
  }

  /** Adds about rowsPerStream rows to every stream with timestamps in [from, to], the last one at `to`. */
  generate(rowsPerStream: number, from: number, to: number): void {
    const all = [...this.streams.values()];
    const total = all.length * rowsPerStream;
    if (total === 0) return;
    // Each stream gets exactly rowsPerStream primary slots, in shuffled order.
    const order = new Uint32Array(total);
    for (let i = 0; i < total; i++) order[i] = i % all.length;
    for (let i = total - 1; i > 0; i--) {
      const j = Math.floor(this.rng.next() * (i + 1));
      const tmp = order[i] ?? 0;
      order[i] = order[j] ?? 0;
      order[j] = tmp;
    }
    const span = Math.max(0, to - from);
    let previous = Math.max(from, this.lastTimestamp);
    for (let k = 0; k < total; k++) {
      let timestamp =
        k === total - 1 ? to : Math.floor(from + (span * (k + 0.9 * this.rng.next())) / total);
      // Now and then two rows share a timestamp on purpose.
      if (k > 0 && this.rng.chance(0.03)) timestamp = previous;
      timestamp = Math.min(to, Math.max(previous, timestamp));
      previous = timestamp;
      const stream = all[order[k] ?? 0];
      if (stream) this.emit(stream, timestamp);
    }
    this.lastTimestamp = Math.max(this.lastTimestamp, previous);
  }

  private emit(stream: TransactionStream, timestamp: number): void {
    const balance = stream.lastBalance();
    let kind: RowKind = stream.length === 0 || balance === 0n ? 'deposit' : this.pickKind();
    if (kind === 'transfer' && this.users.length < 2) kind = 'deposit';
    const fee = withdrawalFeeScaled(stream.currency);
    if (kind === 'withdrawal' && balance <= fee) kind = 'deposit';
    if (kind === 'transfer') {
      this.emitTransfer(stream, timestamp);
      return;
    }
    const typical = typicalScaled(stream.currency);
    const r = this.rng;
    let change: bigint;
    let commission: bigint | null = 0n;
    switch (kind) {
      case 'deposit':
        change = BigInt(roundSometimes(r, Math.floor(typical * (0.01 + 4 * r.next())) + 1, stream.currency));
        break;
      case 'withdrawal': {
        // The fee is charged on top: commission = fee, change = -(amount + fee).
        const wanted = BigInt(roundSometimes(r, Math.floor(Number(balance) * (0.05 + 0.45 * r.next())), stream.currency));
        const amount = clampMagnitude(wanted, balance - fee);
        commission = fee;
        change = -((amount > 0n ? amount : 1n) + fee);
        break;
      }
      case 'trade-option': {
        const premium = BigInt(Math.floor(typical * (0.001 + 0.15 * r.next())) + 1);
        commission = BigInt(Math.floor(typical * (0.00001 + 0.0003 * r.next())));
        const buy = r.chance(0.5) && premium + commission <= balance;
        change = buy ? -(premium + commission) : premium - commission;
        break;
      }
      case 'trade-future':
        commission = clampMagnitude(BigInt(Math.floor(typical * 0.0005 * r.next())), balance);
        change = -commission;
        break;
      case 'settlement':
        commission = null;
        change = signedCapped(r, BigInt(Math.floor(typical * 0.01 * r.next())), balance);
        break;
      case 'delivery':
        change = signedCapped(r, BigInt(Math.floor(typical * 0.03 * r.next())), balance);
        break;
      case 'swap':
        change = signedCapped(r, BigInt(Math.floor(typical * 0.2 * r.next()) + 1), balance);
        break;
      case 'correction':
        change = signedCapped(r, BigInt(Math.floor(typical * 0.0001 * r.next()) + 1), balance);
        break;
      case 'position_move':
        // Moves a position between users: no cash moves (change 0); rendered without `commission`.
        commission = null;
        change = 0n;
        break;
      default:
        commission = null;
        change = BigInt(Math.floor(typical * 0.001 * r.next()) + 1);
    }
    const others = kind === 'position_move' ? this.users.filter((u) => u.userId !== stream.userId) : [];
    const otherUserId = others.length > 0 ? r.pick(others).userId : -1;
    this.push(stream, { timestamp, kind, change, commission, otherUserId });
  }

  private emitTransfer(stream: TransactionStream, timestamp: number): void {
    const main = this.users[0];
    if (!main) return;
    const self = this.users.find((u) => u.userId === stream.userId) ?? main;
    const other = self.isMain ? this.rng.pick(this.users.slice(1)) : main;
    const counterpart = this.stream(other.userId, stream.currency);
    if (!counterpart) return;
    let [sender, receiver] = this.rng.chance(0.5) ? [stream, counterpart] : [counterpart, stream];
    if (sender.lastBalance() === 0n) [sender, receiver] = [receiver, sender];
    const available = sender.lastBalance();
    const amount = clampMagnitude(
      BigInt(roundSometimes(this.rng, Math.floor(Number(available) * (0.05 + 0.55 * this.rng.next())) + 1, stream.currency)),
      available,
    );
    this.push(sender, { timestamp, kind: 'transfer', change: -amount, commission: 0n, otherUserId: receiver.userId });
    this.push(receiver, { timestamp, kind: 'transfer', change: amount, commission: 0n, otherUserId: sender.userId }, 1);
  }

  private push(
    stream: TransactionStream,
    row: { timestamp: number; kind: RowKind; change: bigint; commission: bigint | null; otherUserId: number },
    idStep?: number,
  ): void {
    // Gaps stand for other users' activity on the platform; a transfer's second leg follows at once.
    // Steps of at least 2 leave id + 1 free after every row but a transfer's first leg (the
    // duplicate-movement corruption takes its copy's id from there).
    this.nextId += idStep ?? 2 + (this.rng.chance(0.3) ? this.rng.int(1, 40) : 0);
    const userSeq =
      this.userSeqScope === 'per-currency'
        ? stream.length + 1
        : (this.userSeqs.get(stream.userId) ?? 0) + 1;
    this.userSeqs.set(stream.userId, userSeq);
    stream.push({
      id: this.nextId,
      timestamp: row.timestamp,
      kind: row.kind,
      change: row.change,
      balance: stream.lastBalance() + row.change,
      commission: row.commission,
      userSeq,
      aux: this.rng.uint32(),
      otherUserId: row.otherUserId,
    });
  }

  private pickKind(): RowKind {
    const total = KIND_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.rng.next() * total;
    for (const [kind, weight] of KIND_WEIGHTS) {
      roll -= weight;
      if (roll < 0) return kind;
    }
    return 'trade-future';
  }
}

export function streamKey(userId: number, currency: string): string {
  return `${userId}:${currency}`;
}

function typicalScaled(currency: string): number {
  return (TYPICAL_UNITS[currency] ?? 100) * 10 ** currencyDecimals(currency);
}

function clampMagnitude(magnitude: bigint, balance: bigint): bigint {
  return magnitude > balance ? balance : magnitude < 0n ? 0n : magnitude;
}

function signedCapped(r: SeededRandom, magnitude: bigint, balance: bigint): bigint {
  return r.chance(0.5) ? magnitude : -clampMagnitude(magnitude, balance);
}

/** Deposits, withdrawals and transfers are often round numbers (0.65, 2.5); the rest keep every decimal. */
function roundSometimes(r: SeededRandom, scaled: number, currency: string): number {
  if (!r.chance(0.4)) return scaled;
  const step = 10 ** Math.max(0, currencyDecimals(currency) - 2);
  return Math.max(step, Math.floor(scaled / step) * step);
}
