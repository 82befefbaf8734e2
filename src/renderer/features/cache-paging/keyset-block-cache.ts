/**
 * Turns the grid's "rows startRow..endRow" requests into keyset reads. For every block boundary it
 * remembers (as a promise, so a block requested while the previous one loads simply waits) the
 * position after the rows before it; the next block continues from there. A block with no known
 * boundary (a jump down the scrollbar) starts from the nearest boundary above it and skips the gap.
 * One instance per sort + filter; a new one when the data changes.
 */
import type { BlockRequest } from './index-keyset-reader';
import type { KeysetPosition } from './index-query-plan';

export interface KeysetBlockSource<T> {
  readBlock(req: BlockRequest): Promise<T[]>;
  positionOf(row: T): KeysetPosition;
}

export interface LoadedBlock<T> {
  readonly rows: readonly T[];
  /** Total row count when this block reached the end, else undefined (more may follow). */
  readonly lastRow: number | undefined;
}

interface Boundary {
  /** Position after the last row before the boundary; null at row 0. */
  readonly position: KeysetPosition | null;
  /** No rows at or after the boundary. */
  readonly exhausted: boolean;
}

export class KeysetBlockCache<T> {
  private readonly boundaries = new Map<number, Promise<Boundary>>([
    [0, Promise.resolve({ position: null, exhausted: false })],
  ]);

  constructor(private readonly source: KeysetBlockSource<T>) {}

  getBlock(startRow: number, endRow: number, isCancelled?: () => boolean): Promise<LoadedBlock<T>> {
    const limit = Math.max(0, endRow - startRow);
    const base = this.nearestBoundary(startRow);
    const basePromise = this.boundaries.get(base) ?? Promise.resolve({ position: null, exhausted: false });
    const rowsPromise = basePromise.then((boundary) =>
      boundary.exhausted
        ? []
        : this.source.readBlock({ from: boundary.position, skip: startRow - base, limit, isCancelled }),
    );
    if (!this.boundaries.has(endRow) && !isCancelled?.()) {
      const end = rowsPromise.then((rows): Boundary => {
        const last = rows[rows.length - 1];
        return { position: last === undefined ? null : this.source.positionOf(last), exhausted: rows.length < limit };
      });
      this.boundaries.set(endRow, end);
      // A failed read must not leave a boundary that later blocks would wait on forever or inherit.
      end.catch(() => {
        if (this.boundaries.get(endRow) === end) this.boundaries.delete(endRow);
      });
    }
    return rowsPromise.then((rows) => ({
      rows,
      lastRow: rows.length < limit ? startRow + rows.length : undefined,
    }));
  }

  /** How many block boundaries are known (for tests and diagnostics). */
  get knownBoundaries(): number {
    return this.boundaries.size;
  }

  private nearestBoundary(row: number): number {
    if (this.boundaries.has(row)) return row;
    let best = 0;
    for (const start of this.boundaries.keys()) if (start <= row && start > best) best = start;
    return best;
  }
}
