/**
 * A read-only ag-grid over one cached table with the infinite row model: blocks come from Dexie
 * through the datasource (keyset paging), sorting is limited to indexed columns, one row can be
 * selected (click, or Space on a focused cell) to show its details.
 */
import type { ColDef, GetRowIdParams, GridApi, GridReadyEvent, RowSelectionOptions, SelectionChangedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { db } from '../../db/db-instance';
import type { IndexQueryPlan } from '../cache-paging/index-query-plan';
import { createCachedRowsDatasource } from './cached-rows-datasource';
import type { IndexedSort } from './grid-sort';
import { gridTheme } from './grid-setup';

export interface CachedRowsGridProps<T, F extends string> {
  /** The grid's accessible name (set on its role="grid" element). */
  readonly gridLabel: string;
  readonly columnDefs: ColDef<T>[];
  /** A new function (filters changed) means a new datasource: the grid starts over from the top. */
  readonly planFor: (sort: IndexedSort<F>) => IndexQueryPlan<T>;
  readonly sortFields: readonly F[];
  readonly defaultSort: IndexedSort<F>;
  /** Known row count for the current filter (sizes the scrollbar), null while counting. */
  readonly rowCount: number | null;
  /** Changes when cached rows changed: loaded blocks are re-read in place. */
  readonly refreshToken: number;
  readonly rowId: (row: T) => string;
  readonly onSelect: (row: T | null) => void;
  readonly context?: object;
  readonly onReadError?: (error: unknown) => void;
  /** Scroll to this row (its index under the default sort), select and focus it; a new `key` = a new request. */
  readonly reveal?: GridRevealRequest | null;
  readonly onRevealed?: (found: boolean) => void;
}

export interface GridRevealRequest {
  readonly rowId: string;
  readonly index: number;
  readonly key: number;
}

const REVEAL_POLL_MS = 50;
const REVEAL_GIVE_UP_MS = 15_000;

const DEFAULT_COL_DEF: ColDef = { sortable: false, resizable: true, suppressHeaderMenuButton: true, minWidth: 70 };
const ROW_SELECTION: RowSelectionOptions = { mode: 'singleRow', checkboxes: false, enableClickSelection: true };

export function CachedRowsGrid<T, F extends string>(props: CachedRowsGridProps<T, F>) {
  const { gridLabel, planFor, sortFields, defaultSort, rowCount, refreshToken, rowId, onSelect, context, onReadError, reveal } = props;
  const api = useRef<GridApi<T> | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const onReadErrorRef = useRef(onReadError);
  onReadErrorRef.current = onReadError;

  const datasource = useMemo(
    () => createCachedRowsDatasource({ db, planFor, sortFields, defaultSort, onError: (e) => onReadErrorRef.current?.(e) }),
    [planFor, sortFields, defaultSort],
  );
  useEffect(() => () => datasource.destroy(), [datasource]);

  const shownToken = useRef(refreshToken);
  useEffect(() => {
    if (shownToken.current === refreshToken) return;
    shownToken.current = refreshToken;
    datasource.invalidate();
    api.current?.refreshInfiniteCache();
  }, [refreshToken, datasource]);

  useEffect(() => {
    if (rowCount !== null) api.current?.setRowCount(rowCount, true);
  }, [rowCount, datasource]);

  useEffect(() => {
    api.current?.refreshCells({ force: true });
  }, [context]);

  const onRevealedRef = useRef(props.onRevealed);
  onRevealedRef.current = props.onRevealed;
  const revealedKey = useRef<number | null>(null);
  const [gridReady, setGridReady] = useState(false);
  const unmounted = useRef(false);
  useEffect(() => {
    unmounted.current = false;
    return () => {
      unmounted.current = true;
    };
  }, []);
  // Reveal once the count for the current filter is known: default sort, scroll to the index, then wait
  // for the block holding the row (re-asking now and then: a datasource swap may drop the first request).
  useEffect(() => {
    const grid = api.current;
    if (!reveal || grid === null || rowCount === null || revealedKey.current === reveal.key) return;
    revealedKey.current = reveal.key;
    grid.applyColumnState({ state: [{ colId: defaultSort.field, sort: defaultSort.descending ? 'desc' : 'asc' }], defaultState: { sort: null } });
    grid.setRowCount(Math.max(rowCount, reveal.index + 1), true);
    const started = Date.now();
    let attempts = 0;
    const attempt = (): void => {
      if (unmounted.current || revealedKey.current !== reveal.key) return;
      const node = grid.getRowNode(reveal.rowId);
      if (node?.data !== undefined && node.rowIndex !== null) {
        grid.ensureNodeVisible(node, 'middle');
        node.setSelected(true, true);
        grid.setFocusedCell(node.rowIndex, 'id');
        onRevealedRef.current?.(true);
        return;
      }
      if (Date.now() - started > REVEAL_GIVE_UP_MS) {
        onRevealedRef.current?.(false);
        return;
      }
      if (attempts++ % 20 === 0) grid.ensureIndexVisible(reveal.index, 'middle');
      setTimeout(attempt, REVEAL_POLL_MS);
    };
    attempt();
  }, [reveal, rowCount, datasource, defaultSort, gridReady]);

  const getRowId = useMemo(() => (params: GetRowIdParams<T>) => rowId(params.data), [rowId]);

  const onGridReady = (event: GridReadyEvent<T>): void => {
    api.current = event.api;
    wrapper.current?.querySelector('[role="grid"], [role="treegrid"]')?.setAttribute('aria-label', gridLabel);
    if (rowCount !== null) event.api.setRowCount(rowCount, true);
    setGridReady(true);
  };

  return (
    <div className="grid-host" ref={wrapper}>
      <AgGridReact<T>
        theme={gridTheme}
        columnDefs={props.columnDefs}
        defaultColDef={DEFAULT_COL_DEF}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={100}
        maxBlocksInCache={50}
        maxConcurrentDatasourceRequests={2}
        infiniteInitialRowCount={1}
        rowSelection={ROW_SELECTION}
        getRowId={getRowId}
        context={context}
        onGridReady={onGridReady}
        onSelectionChanged={(event: SelectionChangedEvent<T>) => onSelect(event.api.getSelectedRows()[0] ?? null)}
      />
    </div>
  );
}
