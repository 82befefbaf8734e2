/**
 * The whole simulated account: users, every transaction stream and the access log, generated from
 * the seed, plus row rendering and the ground-truth views the tests compare against.
 */
import { AccessLogStore, renderAccessEvent } from './access-log';
import { currencyDecimals, formatFixed } from './fixed-point';
import { lazyList } from './lazy-list';
import type { DatasetSpec, TruthAccessEvent, TruthTransaction } from './sim-types';
import { buildSimUsers, type SimUser } from './sim-users';
import { TransactionGenerator, type UserSeqScope } from './transaction-generator';
import { renderTransactionRow } from './transaction-row-json';
import { wireType, type TransactionStream } from './transaction-store';

export class SimDataset {
  readonly users: readonly SimUser[];
  readonly mainUser: SimUser;
  readonly transactions: TransactionGenerator;
  readonly accessLog: AccessLogStore;
  private readonly usersById: Map<number, SimUser>;

  constructor(
    readonly spec: DatasetSpec,
    userSeqScope: UserSeqScope,
  ) {
    if (spec.endTime < spec.startTime) throw new Error('dataset endTime must not precede startTime');
    this.users = buildSimUsers(spec.seed, spec.subaccounts);
    const main = this.users[0];
    if (!main) throw new Error('no main user');
    this.mainUser = main;
    this.usersById = new Map(this.users.map((u) => [u.userId, u]));
    this.transactions = new TransactionGenerator(spec.seed, this.users, spec.currencies, userSeqScope, spec.rowsPerStream);
    this.transactions.generate(spec.rowsPerStream, spec.startTime, spec.endTime);
    this.accessLog = new AccessLogStore(spec.seed);
    this.accessLog.generate(spec.accessLogEvents, spec.startTime, spec.endTime);
  }

  user(userId: number): SimUser | undefined {
    return this.usersById.get(userId);
  }

  stream(userId: number, currency: string): TransactionStream | undefined {
    return this.transactions.stream(userId, currency);
  }

  renderRow(stream: TransactionStream, index: number): string {
    const user = this.usersById.get(stream.userId) ?? this.mainUser;
    return renderTransactionRow(stream.row(index), {
      currency: stream.currency,
      user,
      userById: (id) => this.usersById.get(id),
    });
  }

  /** Newest balance of a stream as decimal text ("0" when the stream is empty or unknown). */
  balanceText(userId: number, currency: string): string {
    const stream = this.stream(userId, currency);
    return formatFixed(stream?.lastBalance() ?? 0n, currencyDecimals(currency));
  }

  truthTransactions(userId: number, currency: string): readonly TruthTransaction[] {
    const stream = this.stream(userId, currency);
    if (!stream) return [];
    const dec = currencyDecimals(currency);
    const length = stream.length;
    return lazyList(length, (position) => {
      const index = length - 1 - position;
      const row = stream.row(index);
      return {
        id: row.id,
        json: this.renderRow(stream, index),
        timestamp: row.timestamp,
        balance: formatFixed(row.balance, dec),
        change: formatFixed(row.change, dec),
        userSeq: row.userSeq,
        type: wireType(row.kind),
      };
    });
  }

  truthAccessLog(eventField: 'result' | 'log'): readonly TruthAccessEvent[] {
    const length = this.accessLog.length;
    return lazyList(length, (position) => {
      // Indexed from the oldest so a list taken before appendActivity stays a snapshot.
      const row = this.accessLog.at(length - 1 - position);
      if (!row) throw new RangeError(`access event ${position} out of range`);
      return { id: row.id, json: renderAccessEvent(row, eventField), timestamp: row.timestamp };
    });
  }

  /** New activity strictly after everything generated so far, up to `until`. */
  append(spec: { rowsPerStream: number; accessLogEvents: number; until: number }): void {
    const after = Math.max(this.transactions.newestTimestamp(), this.spec.endTime) + 1;
    if (spec.until < after) throw new Error(`appendActivity: until must be >= ${after}`);
    this.transactions.generate(spec.rowsPerStream, after, spec.until);
    this.accessLog.generate(spec.accessLogEvents, Math.max(after, this.accessLog.newestTimestamp() + 1), spec.until);
  }
}
