/**
 * The ag-grid infinite-row-model datasource over the cache. An indexed sort gets its own
 * KeysetBlockCache, so scrolling reads block after block by keyset. Any other column sorts in memory
 * within the filtered set (up to IN_MEMORY_SORT_LIMIT rows; beyond that the default order stays and
 * `onNote` says why). `invalidate` (new rows landed) drops what was read; `destroy` (filters changed,
 * grid gone) stops reads still in flight. A new datasource per filter: the grid starts over from the top.
 */
import type { IDatasource, IGetRowsParams } from 'ag-grid-community';
import type { Dexie } from 'dexie';
import { IN_MEMORY_SORT_LIMIT, readSorted } from '../cache-paging/in-memory-sort';
import { readBlock } from '../cache-paging/index-keyset-reader';
import { positionOf, type IndexQueryPlan } from '../cache-paging/index-query-plan';
import { KeysetBlockCache, type LoadedBlock } from '../cache-paging/keyset-block-cache';
import { sortFromModel, type IndexedSort } from './grid-sort';

export interface CachedRowsDatasource extends IDatasource {
  invalidate(): void;
  destroy(): void;
}

export interface CachedRowsDatasourceOptions<T, F extends string> {
  readonly db: Dexie;
  readonly planFor: (sort: IndexedSort<F>) => IndexQueryPlan<T>;
  readonly sortFields: readonly F[];
  readonly defaultSort: IndexedSort<F>;
  /** Comparator for a column sorted in memory; null = that column cannot sort. */
  readonly compareFor?: (colId: string) => ((a: T, b: T) => number) | null;
  readonly inMemoryLimit?: number;
  /** A sort that could not be applied (too many rows), or null once one is. */
  readonly onNote?: (note: string | null) => void;
  readonly onError?: (error: unknown) => void;
}

interface BlockSource<T> {
  getBlock(startRow: number, endRow: number, isCancelled: () => boolean): Promise<LoadedBlock<T>>;
}

export function createCachedRowsDatasource<T, F extends string>(options: CachedRowsDatasourceOptions<T, F>): CachedRowsDatasource {
  let destroyed = false;
  let generation = 0;
  let current: { key: string; source: BlockSource<T> } | null = null;
  const limit = options.inMemoryLimit ?? IN_MEMORY_SORT_LIMIT;

  const keysetSource = (sort: IndexedSort<F>): BlockSource<T> => {
    const plan = options.planFor(sort);
    const cache = new KeysetBlockCache<T>({ readBlock: (req) => readBlock(options.db, plan, req), positionOf: (row) => positionOf(plan, row) });
    return { getBlock: (start, end, isCancelled) => cache.getBlock(start, end, isCancelled) };
  };

  const memorySource = (colId: string, descending: boolean, compare: (a: T, b: T) => number): BlockSource<T> => {
    let sorted: Promise<readonly T[] | null> | null = null;
    let fallback: BlockSource<T> | null = null;
    const load = (isCancelled: () => boolean): Promise<readonly T[] | null> => {
      sorted ??= readSorted(options.db, options.planFor(options.defaultSort), compare, descending, limit, isCancelled).then((result) => {
        if ('tooMany' in result) {
          options.onNote?.(
            `Sorting by this column works on up to ${limit.toLocaleString('en-US')} rows at a time; these filters hold more, so the rows stay in the default order. Narrow the filters (account, currency, type) to sort by ${colId}.`,
          );
          return null;
        }
        options.onNote?.(null);
        return result.rows;
      });
      // A read stopped by a newer one must not be kept.
      sorted.catch(() => (sorted = null));
      return sorted;
    };
    return {
      async getBlock(start, end, isCancelled) {
        const rows = await load(isCancelled);
        if (isCancelled()) {
          sorted = null;
          return { rows: [], lastRow: undefined };
        }
        if (rows === null) {
          fallback ??= keysetSource(options.defaultSort);
          return fallback.getBlock(start, end, isCancelled);
        }
        // The whole sorted set is known: tell the grid its size with every block.
        return { rows: rows.slice(start, end), lastRow: rows.length };
      },
    };
  };

  const sourceFor = (model: IGetRowsParams['sortModel']): BlockSource<T> => {
    const first = model.find((m) => m.sort === 'asc' || m.sort === 'desc');
    const indexed = sortFromModel(model, options.sortFields, options.defaultSort);
    const compare = first && !options.sortFields.includes(first.colId as F) ? options.compareFor?.(first.colId) ?? null : null;
    const key = compare && first ? `memory:${first.colId}:${first.sort}` : `index:${indexed.field}:${indexed.descending ? 'desc' : 'asc'}`;
    if (current?.key !== key) {
      if (!compare) options.onNote?.(null);
      current = { key, source: compare && first ? memorySource(first.colId, first.sort === 'desc', compare) : keysetSource(indexed) };
    }
    return current.source;
  };

  return {
    getRows(params: IGetRowsParams) {
      const startedIn = generation;
      const isCancelled = (): boolean => destroyed || generation !== startedIn;
      // Always answer: the grid counts requests in flight and never frees the slot of an unanswered one.
      // A superseded read may have stopped early, so it answers "failed" (the grid ignores stale blocks).
      sourceFor(params.sortModel)
        .getBlock(params.startRow, params.endRow, isCancelled)
        .then(
          (block) => {
            if (isCancelled()) params.failCallback();
            else params.successCallback([...block.rows], block.lastRow);
          },
          (error: unknown) => {
            if (!isCancelled()) options.onError?.(error);
            params.failCallback();
          },
        );
    },
    invalidate() {
      generation += 1;
      current = null;
    },
    destroy() {
      destroyed = true;
    },
  };
}
