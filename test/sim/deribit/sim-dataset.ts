/**
 * The whole simulated account: users, every transaction stream and the access log, generated from
 * the seed, plus row rendering and the ground-truth views the tests compare against.
 */
import { AccessLogStore, renderAccessEvent } from './access-log';
import { CorruptedLedger } from './corrupted-ledger';
import { currencyDecimals, formatFixed } from './fixed-point';
import { lazyList } from './lazy-list';
import type { CorruptionTarget, DatasetSpec, TruthAccessEvent, TruthTransaction } from './sim-types';
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
  /** What is served: the clean streams with the spec's corruptions applied (rebuilt after append). */
  private ledger: CorruptedLedger;

  constructor(
    readonly spec: DatasetSpec,
    private readonly userSeqScope: UserSeqScope,
  ) {
    if (spec.endTime < spec.startTime) throw new Error('dataset endTime must not precede startTime');
    this.users = buildSimUsers(spec.seed, spec.subaccounts);
    const main = this.users[0];
    if (!main) throw new Error('no main user');
    this.mainUser = main;
    this.usersById = new Map(this.users.map((u) => [u.userId, u]));
    this.transactions = new TransactionGenerator(spec.seed, this.users, spec.currencies, userSeqScope, spec.rowsPerStream);
    this.transactions.generate(spec.rowsPerStream, spec.startTime, spec.endTime);
    this.accessLog = new AccessLogStore(spec.seed, spec.accessLogSecurityEvents ?? 'frequent', spec.accessLogPlaces ?? 'random');
    this.accessLog.generate(spec.accessLogEvents, spec.startTime, spec.endTime);
    this.ledger = this.buildLedger();
  }

  private buildLedger(): CorruptedLedger {
    return new CorruptedLedger(
      this.spec.corruptions ?? [],
      [...this.transactions.streams.values()],
      (userId, currency) => this.transactions.stream(userId, currency),
      this.mainUser.userId,
      this.userSeqScope,
    );
  }

  user(userId: number): SimUser | undefined {
    return this.usersById.get(userId);
  }

  /** The stream as served (corruptions applied). */
  stream(userId: number, currency: string): TransactionStream | undefined {
    const clean = this.transactions.stream(userId, currency);
    return clean && this.ledger.servedStream(clean);
  }

  /** The stream as generated. */
  cleanStream(userId: number, currency: string): TransactionStream | undefined {
    return this.transactions.stream(userId, currency);
  }

  corruptionTargets(): readonly CorruptionTarget[] {
    return this.ledger.targets;
  }

  /** Offset of the wallet-list amount of a clean row (wallet-amount corruption), else 0. */
  walletAmountDelta(rowId: number): bigint {
    return this.ledger.walletAmountDeltas.get(rowId) ?? 0n;
  }

  renderRow(stream: TransactionStream, index: number): string {
    const user = this.usersById.get(stream.userId) ?? this.mainUser;
    return renderTransactionRow(stream.row(index), {
      currency: stream.currency,
      user,
      userById: (id) => this.usersById.get(id),
    });
  }

  /** The account's live balance as decimal text (get_account_summary; "0" for an empty or unknown stream). */
  balanceText(userId: number, currency: string): string {
    return formatFixed(this.liveBalance(userId, currency), currencyDecimals(currency));
  }

  /**
   * What the exchange holds: the newest clean balance moved by re-chained corruptions (a booked copy, a
   * removed leg); an altered or dropped row does not change it, so it shows as a tie-out difference.
   */
  liveBalance(userId: number, currency: string): bigint {
    const clean = this.transactions.stream(userId, currency);
    return clean ? this.ledger.liveBalance(clean) : 0n;
  }

  truthTransactions(userId: number, currency: string): readonly TruthTransaction[] {
    return this.truthOf(this.stream(userId, currency));
  }

  cleanTruthTransactions(userId: number, currency: string): readonly TruthTransaction[] {
    return this.truthOf(this.cleanStream(userId, currency));
  }

  private truthOf(stream: TransactionStream | undefined): readonly TruthTransaction[] {
    if (!stream) return [];
    const dec = currencyDecimals(stream.currency);
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
    // Served streams are copies: rebuild them so later rows follow every re-chained corruption.
    this.ledger = this.buildLedger();
  }
}
