/**
 * Column storage for one (user, currency) transaction stream, oldest first. Typed arrays keep a
 * million rows in tens of MB; JSON text is rendered per page on demand. Rows are appended in time
 * order and ids grow with time, so both columns are sorted and paging is a pair of binary searches.
 */

export const ROW_KINDS = [
  'deposit',
  'withdrawal',
  'transfer',
  'trade-option',
  'trade-future',
  'settlement',
  'delivery',
  'swap',
  'correction',
  'bonus_distribution',
  // Appended last: kinds are stored as their index.
  'position_move',
] as const;
export type RowKind = (typeof ROW_KINDS)[number];

/** The wire `type` of each kind (both trade kinds are "trade"). */
export function wireType(kind: RowKind): string {
  return kind === 'trade-option' || kind === 'trade-future' ? 'trade' : kind;
}

export interface RowInput {
  id: number;
  timestamp: number;
  kind: RowKind;
  change: bigint;
  balance: bigint;
  /** Commission; null when the row carries `commission: null`. */
  commission: bigint | null;
  userSeq: number;
  /** Per-row seed for cosmetic fields rendered on demand. */
  aux: number;
  /** Counterparty user id for transfers, else -1. */
  otherUserId: number;
}

export interface StreamRow extends RowInput {
  readonly index: number;
}

const NULL_COMMISSION = -(2n ** 63n);

export class TransactionStream {
  length = 0;
  private ids: Float64Array;
  private timestamps: Float64Array;
  private kinds: Uint8Array;
  private changes: BigInt64Array;
  private balances: BigInt64Array;
  private commissions: BigInt64Array;
  private userSeqs: Float64Array;
  private auxes: Uint32Array;
  private others: Float64Array;

  constructor(
    readonly userId: number,
    readonly currency: string,
    initialCapacity = 64,
  ) {
    const capacity = Math.max(16, initialCapacity);
    this.ids = new Float64Array(capacity);
    this.timestamps = new Float64Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.changes = new BigInt64Array(capacity);
    this.balances = new BigInt64Array(capacity);
    this.commissions = new BigInt64Array(capacity);
    this.userSeqs = new Float64Array(capacity);
    this.auxes = new Uint32Array(capacity);
    this.others = new Float64Array(capacity);
  }

  /** Balance after the newest row (0 when empty). */
  lastBalance(): bigint {
    return this.length === 0 ? 0n : (this.balances[this.length - 1] ?? 0n);
  }

  push(row: RowInput): void {
    if (this.length === this.ids.length) this.grow();
    const i = this.length++;
    this.ids[i] = row.id;
    this.timestamps[i] = row.timestamp;
    this.kinds[i] = ROW_KINDS.indexOf(row.kind);
    this.changes[i] = row.change;
    this.balances[i] = row.balance;
    this.commissions[i] = row.commission ?? NULL_COMMISSION;
    this.userSeqs[i] = row.userSeq;
    this.auxes[i] = row.aux;
    this.others[i] = row.otherUserId;
  }

  row(index: number): StreamRow {
    if (index < 0 || index >= this.length) throw new RangeError(`row ${index} out of range`);
    const commission = this.commissions[index] ?? NULL_COMMISSION;
    return {
      index,
      id: this.ids[index] ?? 0,
      timestamp: this.timestamps[index] ?? 0,
      kind: ROW_KINDS[this.kinds[index] ?? 0] ?? 'deposit',
      change: this.changes[index] ?? 0n,
      balance: this.balances[index] ?? 0n,
      commission: commission === NULL_COMMISSION ? null : commission,
      userSeq: this.userSeqs[index] ?? 0,
      aux: this.auxes[index] ?? 0,
      otherUserId: this.others[index] ?? -1,
    };
  }

  kindAt(index: number): RowKind {
    return ROW_KINDS[this.kinds[index] ?? 0] ?? 'deposit';
  }

  idAt(index: number): number {
    return this.ids[index] ?? 0;
  }

  /** Number of rows whose column value is < bound (or <= bound when inclusive). */
  countBelow(column: 'id' | 'timestamp' | 'userSeq', bound: number, inclusive: boolean): number {
    // user_seq grows along a stream like id and timestamp do, so it is searchable the same way.
    const values = column === 'id' ? this.ids : column === 'timestamp' ? this.timestamps : this.userSeqs;
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const value = values[mid] ?? 0;
      if (value < bound || (inclusive && value === bound)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private grow(): void {
    const capacity = this.ids.length * 2;
    const grow = <T extends Float64Array | Uint8Array | BigInt64Array | Uint32Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      (next as unknown as { set(a: T): void }).set(old);
      return next;
    };
    this.ids = grow(this.ids, (n) => new Float64Array(n));
    this.timestamps = grow(this.timestamps, (n) => new Float64Array(n));
    this.kinds = grow(this.kinds, (n) => new Uint8Array(n));
    this.changes = grow(this.changes, (n) => new BigInt64Array(n));
    this.balances = grow(this.balances, (n) => new BigInt64Array(n));
    this.commissions = grow(this.commissions, (n) => new BigInt64Array(n));
    this.userSeqs = grow(this.userSeqs, (n) => new Float64Array(n));
    this.auxes = grow(this.auxes, (n) => new Uint32Array(n));
    this.others = grow(this.others, (n) => new Float64Array(n));
  }
}
