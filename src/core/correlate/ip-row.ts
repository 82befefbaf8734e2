/**
 * A selected row that carries an ip. Hundreds of thousands of rows do; the change text is formatted only
 * when read (most are never described in a finding).
 */
import { formatScaled } from './scaled-decimal';
import type { MoneyMovement } from './types';

export class IpRow implements MoneyMovement {
  constructor(
    readonly chain: MoneyMovement['chain'],
    readonly rowId: number,
    readonly timestamp: number,
    readonly kind: string,
    readonly ip: string,
    readonly username: string | null,
    /** The page's (or a packed) change column: scaled integers, or exact texts for a page beyond int64. */
    readonly changes: BigInt64Array | readonly (string | undefined)[],
    readonly index: number,
    readonly scale: number,
  ) {}

  get change(): string {
    const value = this.changes[this.index];
    return typeof value === 'string' ? value : formatScaled(value ?? 0n, this.scale);
  }
}
