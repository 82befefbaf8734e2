/**
 * A read-only ag-grid over one cached table with the infinite row model: blocks come from Dexie
 * through the datasource (keyset paging through an index, or an in-memory sort of the filtered set for
 * columns no index covers). Keyboard-first: one tab stop (arrows move inside, Tab leaves), Ctrl+C copies
 * the focused cell or a Shift+arrow range as TSV, Ctrl+Home/End jump to the first/last row, Space
 * selects a row for the details. Sort and column widths are reported up to be remembered.
 */
import type {
  CellFocusedEvent,
  ColumnResizedEvent,
  GetRowIdParams,
  GridApi,
  GridReadyEvent,
  RowSelectionOptions,
  SelectionChangedEvent,
  SortChangedEvent,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { db } from '../../db/db-instance';
import { compareDecimalText } from '../formatting/decimal-text';
import type { IndexQueryPlan } from '../cache-paging/index-query-plan';
import { createCachedRowsDatasource } from './cached-rows-datasource';
import { autoSizedColumnIds, cellCopyText, cellText, toColDefs, type GridColumn, type GridContext, type GridDisplay, type RangeHighlight } from './grid-columns';
import { focusRowWhenLoaded, rangeBounds, toTsv, writeClipboard, type CellRange } from './grid-keyboard';
import type { IndexedSort } from './grid-sort';
import { gridTheme } from './grid-setup';
import type { GridSortState } from './grid-view-state';

export interface CachedRowsGridProps<T, F extends string, C> {
  /** The grid's accessible name (set on its role="grid" element). */
  readonly gridLabel: string;
  readonly columns: readonly GridColumn<T, C>[];
  readonly display: GridDisplay;
  /** View data cells need (account labels); a new object re-renders the cells. */
  readonly viewContext: C;
  /** A new function (filters changed) means a new datasource: the grid starts over from the top. */
  readonly planFor: (sort: IndexedSort<F>) => IndexQueryPlan<T>;
  readonly sortFields: readonly F[];
  readonly defaultSort: IndexedSort<F>;
  /** The remembered sort (applied when the grid opens) and where a new one is reported. */
  readonly sort: GridSortState | null;
  readonly onSortChange: (sort: GridSortState | null) => void;
  readonly widths: Readonly<Record<string, number>>;
  readonly onWidthsChange: (widths: Record<string, number>) => void;
  /** Known row count for the current filter (sizes the scrollbar), null while counting. */
  readonly rowCount: number | null;
  /** Changes when cached rows changed: loaded blocks are re-read in place. */
  readonly refreshToken: number;
  readonly rowId: (row: T) => string;
  readonly onSelect: (row: T | null) => void;
  readonly onReadError?: (error: unknown) => void;
  /** A sort that could not be applied, or null. */
  readonly onNote?: (note: string | null) => void;
  /** Scroll to this row (its index under the default sort), select and focus it; a new `key` = a new request. */
  readonly reveal?: GridRevealRequest | null;
  readonly onRevealed?: (found: boolean) => void;
  /** Called with the copied text after Ctrl+C (for a "Copied" status line). */
  readonly onCopied?: (text: string, cells: number) => void;
}

export interface GridRevealRequest {
  readonly rowId: string;
  readonly index: number;
  readonly key: number;
}

const REVEAL_POLL_MS = 50;
const REVEAL_GIVE_UP_MS = 15_000;
const ROW_SELECTION: RowSelectionOptions = { mode: 'singleRow', checkboxes: false, enableClickSelection: true };
const ARROWS: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
/** More cells than this in one copy would read rows the grid has not loaded. */
const MAX_COPY_ROWS = 5000;

export function CachedRowsGrid<T, F extends string, C>(props: CachedRowsGridProps<T, F, C>) {
  const { gridLabel, columns, display, viewContext, planFor, sortFields, defaultSort, rowCount, refreshToken, rowId, onSelect, reveal } = props;
  const api = useRef<GridApi<T> | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  latest.current = props;
  const range = useRef<CellRange | null>(null);
  const highlight = useRef<RangeHighlight | null>(null);
  const movingRange = useRef(false);

  const compareFor = useMemo(() => {
    const byId = new Map(columns.map((c) => [c.id, c]));
    return (colId: string): ((a: T, b: T) => number) | null => {
      const column = byId.get(colId);
      if (!column) return null;
      const ctx = latest.current.viewContext;
      if (column.kind === 'amount') return (a, b) => compareDecimalText(nullableText(column.value(a, ctx)), nullableText(column.value(b, ctx)));
      if (column.kind === 'time' || column.kind === 'integer') {
        return (a, b) => compareNumbers(column.value(a, ctx), column.value(b, ctx));
      }
      const displayOf = (row: T): string => cellText(column, row, { display: latest.current.display, view: ctx });
      return (a, b) => displayOf(a).localeCompare(displayOf(b), undefined, { numeric: true, sensitivity: 'base' });
    };
  }, [columns]);

  const datasource = useMemo(
    () =>
      createCachedRowsDatasource({
        db,
        planFor,
        sortFields,
        defaultSort,
        compareFor,
        onNote: (note) => latest.current.onNote?.(note),
        onError: (e) => latest.current.onReadError?.(e),
      }),
    [planFor, sortFields, defaultSort, compareFor],
  );
  useEffect(() => () => datasource.destroy(), [datasource]);

  // Column definitions follow display settings (zone in the header); widths are read only when the
  // grid is built, so a resize does not rebuild the columns under the pointer.
  const initialWidths = useRef(props.widths);
  const columnDefs = useMemo(() => toColDefs(columns, display, initialWidths.current), [columns, display]);
  const context: GridContext<C> = useMemo(() => ({ display, view: viewContext, range: highlight }), [display, viewContext]);

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

  // ag-grid reports aria-rowcount -1 while the infinite model does not know the end; the count is known.
  useEffect(() => {
    const host = wrapper.current;
    if (!host || rowCount === null) return;
    const apply = (): void => {
      const grid = host.querySelector('[role="grid"], [role="treegrid"]');
      const wanted = String(rowCount + 1); // + the header row
      if (grid && grid.getAttribute('aria-rowcount') !== wanted) grid.setAttribute('aria-rowcount', wanted);
    };
    apply();
    const observer = new MutationObserver(apply);
    const grid = host.querySelector('[role="grid"], [role="treegrid"]');
    if (grid) observer.observe(grid, { attributes: true, attributeFilter: ['aria-rowcount'] });
    return () => observer.disconnect();
  }, [rowCount, datasource]);

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
        grid.setFocusedCell(node.rowIndex, columns[0]?.id ?? 'id');
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
  }, [reveal, rowCount, datasource, defaultSort, gridReady, columns]);

  const getRowId = useMemo(() => (params: GetRowIdParams<T>) => rowId(params.data), [rowId]);

  const setRange = (next: CellRange | null): void => {
    range.current = next;
    if (next === null) {
      if (highlight.current === null) return;
      highlight.current = null;
    } else {
      const grid = api.current;
      const order = grid ? grid.getAllDisplayedColumns().map((c) => c.getColId()) : [];
      const bounds = rangeBounds(next, order);
      highlight.current = { rows: bounds.rows, cols: new Set(bounds.cols) };
    }
    api.current?.refreshCells({ force: true });
  };

  const copy = (): void => {
    const grid = api.current;
    const focused = grid?.getFocusedCell();
    if (!grid || !focused) return;
    const order = grid.getAllDisplayedColumns().map((c) => c.getColId());
    const byId = new Map(columns.map((c) => [c.id, c]));
    const ctx: GridContext<C> = { display: latest.current.display, view: latest.current.viewContext };
    const active = range.current ?? { anchor: { rowIndex: focused.rowIndex, colId: focused.column.getColId() }, focus: { rowIndex: focused.rowIndex, colId: focused.column.getColId() } };
    const { rows, cols } = rangeBounds(active, order);
    const lines: string[][] = [];
    for (let index = rows[0]; index <= rows[1] && index - rows[0] < MAX_COPY_ROWS; index++) {
      const data = grid.getDisplayedRowAtIndex(index)?.data;
      if (data === undefined) continue;
      lines.push(cols.map((id) => {
        const column = byId.get(id);
        return column ? cellCopyText(column, data, ctx) : '';
      }));
    }
    const text = toTsv(lines);
    void writeClipboard(text).then(() => latest.current.onCopied?.(text, lines.length * cols.length));
  };

  const onKeyDownCapture = (event: ReactKeyboardEvent<HTMLDivElement>): void => {
    const grid = api.current;
    if (!grid) return;
    const mod = event.ctrlKey || event.metaKey;
    const focused = grid.getFocusedCell();
    if (mod && !event.altKey && event.key.toLowerCase() === 'c' && focused) {
      if (window.getSelection()?.toString()) return; // text selected with the mouse: the browser copies it
      event.preventDefault();
      event.stopPropagation();
      copy();
      return;
    }
    if (mod && (event.key === 'Home' || event.key === 'End')) {
      const count = latest.current.rowCount ?? grid.getDisplayedRowCount();
      if (count <= 0) return;
      event.preventDefault();
      event.stopPropagation();
      setRange(null);
      const colId = focused?.column.getColId() ?? columns[0]?.id ?? '';
      const target = event.key === 'Home' ? 0 : count - 1;
      // A new sort starts the infinite model over with an unknown size; the count is known.
      if (grid.getDisplayedRowCount() < count) grid.setRowCount(count, true);
      const request = ++jumpSeq.current;
      focusRowWhenLoaded(grid, target, colId, () => jumpSeq.current !== request);
      return;
    }
    const step = ARROWS[event.key];
    if (event.shiftKey && step && focused && focused.rowPinned == null) {
      event.preventDefault();
      event.stopPropagation();
      const order = grid.getAllDisplayedColumns().map((c) => c.getColId());
      const anchor = range.current?.anchor ?? { rowIndex: focused.rowIndex, colId: focused.column.getColId() };
      const col = Math.min(order.length - 1, Math.max(0, order.indexOf(focused.column.getColId()) + step[1]));
      const maxRow = (latest.current.rowCount ?? grid.getDisplayedRowCount()) - 1;
      const rowIndex = Math.min(maxRow, Math.max(0, focused.rowIndex + step[0]));
      const colId = order[col] ?? focused.column.getColId();
      movingRange.current = true;
      grid.ensureIndexVisible(rowIndex);
      grid.ensureColumnVisible(colId);
      grid.setFocusedCell(rowIndex, colId);
      movingRange.current = false;
      setRange({ anchor, focus: { rowIndex, colId } });
    }
  };
  const jumpSeq = useRef(0);

  const onGridReady = (event: GridReadyEvent<T>): void => {
    api.current = event.api;
    wrapper.current?.querySelector('[role="grid"], [role="treegrid"]')?.setAttribute('aria-label', gridLabel);
    const remembered = latest.current.sort;
    if (remembered && columns.some((c) => c.id === remembered.colId)) {
      event.api.applyColumnState({ state: [{ colId: remembered.colId, sort: remembered.descending ? 'desc' : 'asc' }], defaultState: { sort: null } });
    } else {
      event.api.applyColumnState({ state: [{ colId: defaultSort.field, sort: defaultSort.descending ? 'desc' : 'asc' }], defaultState: { sort: null } });
    }
    if (rowCount !== null) event.api.setRowCount(rowCount, true);
    setGridReady(true);
  };

  // Widths from the content: once the first block is on screen, size every column without a saved or
  // fixed width to its header and values (the infinite model renders rows only after its first read).
  const autoSized = useRef(false);
  useEffect(() => {
    const grid = api.current;
    if (!gridReady || grid === null || autoSized.current) return;
    const ids = autoSizedColumnIds(columns, initialWidths.current);
    if (ids.length === 0) return;
    const started = Date.now();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const attempt = (): void => {
      timer = null;
      if (unmounted.current || grid.isDestroyed()) return;
      // Rendered, not just loaded: autosizing measures the cells in the DOM.
      const firstCell = wrapper.current?.querySelector(`[role="row"][row-index="0"] [col-id="${ids[0] ?? ''}"]`);
      if (grid.getDisplayedRowAtIndex(0)?.data !== undefined && (firstCell?.textContent ?? '') !== '') {
        autoSized.current = true;
        requestAnimationFrame(() => {
          if (!grid.isDestroyed()) grid.autoSizeColumns(ids, false);
        });
        return;
      }
      if (Date.now() - started < 30_000) timer = setTimeout(attempt, 100);
    };
    attempt();
    return () => {
      if (timer !== null) clearTimeout(timer);
    };
  }, [gridReady, columns]);

  const onSortChanged = (event: SortChangedEvent<T>): void => {
    setRange(null);
    const count = latest.current.rowCount;
    if (count !== null) event.api.setRowCount(count, true);
    const sorted = event.api.getColumnState().find((c) => c.sort === 'asc' || c.sort === 'desc');
    latest.current.onSortChange(sorted ? { colId: sorted.colId, descending: sorted.sort === 'desc' } : null);
  };

  const onColumnResized = (event: ColumnResizedEvent<T>): void => {
    if (!event.finished || event.source !== 'uiColumnResized') return;
    const widths: Record<string, number> = { ...latest.current.widths };
    for (const column of event.columns ?? []) widths[column.getColId()] = column.getActualWidth();
    latest.current.onWidthsChange(widths);
  };

  // Focus moving anywhere but the range's own end (a click, a plain arrow) drops the range.
  const onCellFocused = (event: CellFocusedEvent<T>): void => {
    if (movingRange.current) return;
    const end = range.current?.focus;
    const colId = typeof event.column === 'object' && event.column !== null ? event.column.getColId() : null;
    if (end && event.rowIndex === end.rowIndex && colId === end.colId) return;
    setRange(null);
  };

  return (
    <div className="grid-host" ref={wrapper} onKeyDownCapture={onKeyDownCapture}>
      <AgGridReact<T>
        theme={gridTheme}
        columnDefs={columnDefs}
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
        enableCellTextSelection
        ensureDomOrder
        tabToNextCell={() => false}
        tabToNextHeader={() => false}
        onGridReady={onGridReady}
        suppressColumnVirtualisation
        autoSizePadding={6}
        onSortChanged={onSortChanged}
        onColumnResized={onColumnResized}
        onCellFocused={onCellFocused}
        onSelectionChanged={(event: SelectionChangedEvent<T>) => onSelect(event.api.getSelectedRows()[0] ?? null)}
      />
    </div>
  );
}

const DEFAULT_COL_DEF = { resizable: true, suppressHeaderMenuButton: true };

function nullableText(value: string | number | null): string | null {
  return value === null ? null : String(value);
}

function compareNumbers(a: string | number | null, b: string | number | null): number {
  const x = typeof a === 'number' ? a : a === null ? Number.NaN : Number(a);
  const y = typeof b === 'number' ? b : b === null ? Number.NaN : Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
  return x - y;
}
