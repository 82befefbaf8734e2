/**
 * The ag-grid infinite-row-model datasource over the cache: each sort gets its own KeysetBlockCache,
 * so scrolling reads block after block by keyset. `invalidate` (new rows landed) drops the
 * remembered boundaries; `destroy` (filters changed, grid gone) stops reads still in flight.
 * A new datasource per filter: the grid starts over from the top.
 */
import type { IDatasource, IGetRowsParams } from 'ag-grid-community';
import type { Dexie } from 'dexie';
import { readBlock } from '../cache-paging/index-keyset-reader';
import { positionOf, type IndexQueryPlan } from '../cache-paging/index-query-plan';
import { KeysetBlockCache } from '../cache-paging/keyset-block-cache';
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
  readonly onError?: (error: unknown) => void;
}

export function createCachedRowsDatasource<T, F extends string>(options: CachedRowsDatasourceOptions<T, F>): CachedRowsDatasource {
  let destroyed = false;
  let generation = 0;
  let current: { key: string; cache: KeysetBlockCache<T> } | null = null;

  const cacheFor = (sort: IndexedSort<F>): KeysetBlockCache<T> => {
    const key = `${sort.field}:${sort.descending ? 'desc' : 'asc'}`;
    if (current?.key !== key) {
      const plan = options.planFor(sort);
      current = {
        key,
        cache: new KeysetBlockCache<T>({
          readBlock: (req) => readBlock(options.db, plan, req),
          positionOf: (row) => positionOf(plan, row),
        }),
      };
    }
    return current.cache;
  };

  return {
    getRows(params: IGetRowsParams) {
      const sort = sortFromModel(params.sortModel, options.sortFields, options.defaultSort);
      const startedIn = generation;
      const isCancelled = (): boolean => destroyed || generation !== startedIn;
      // Always answer: the grid counts requests in flight and never frees the slot of an unanswered one.
      // A superseded read may have stopped early, so it answers "failed" (the grid ignores stale blocks).
      cacheFor(sort)
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
