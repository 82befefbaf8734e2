/**
 * The column model every cached-rows grid is built from. A column says what a row holds (`value`:
 * the exact stored text or number: what search, sort and Ctrl+C use) and how it is shown (`kind`);
 * the ag-grid ColDefs are derived here, so amounts are right-aligned, grouped in the chosen locale and
 * decimal-aligned the same way in every grid.
 *
 * Adding a column to a grid = one more entry in its column list (see transaction-columns.ts).
 */
import type { CellClassParams, ColDef, ValueGetterParams } from 'ag-grid-community';
import { alignmentPadding, currencyPrecision } from '../formatting/currency-precision';
import { decimalPlaces, groupDecimal } from '../formatting/decimal-text';
import { formatZonedTime } from '../formatting/zoned-time';

export type ColumnKind = 'text' | 'amount' | 'time' | 'integer';

/** Display settings every cell formatter reads (from the grid's context). */
export interface GridDisplay {
  readonly zone: string;
  readonly zoneLabel: string;
  readonly locale: string;
}

export interface GridColumn<T, C = unknown> {
  readonly id: string;
  /** Header text; a time column's header also names the zone ("Time (UTC)"). */
  readonly header: string;
  readonly kind: ColumnKind;
  /** The stored value: decimal text for amounts, epoch ms for times. */
  readonly value: (row: T, context: C) => string | number | null;
  /** Text shown instead of the value (event codes as words); amounts and times are formatted by kind. */
  readonly display?: (row: T, context: C) => string;
  /** Amount columns in the row's currency: its precision lines the decimal points up (others are not padded). */
  readonly currency?: (row: T) => string | null;
  /** Rows to emphasise in this column (security events). */
  readonly emphasis?: (row: T) => boolean;
  /** Starting width; omitted = sized to the content on first render. */
  readonly width?: number;
  readonly minWidth?: number;
  /** Takes the remaining width (long free text). */
  readonly flex?: number;
}

/** The selected range as the grid highlights it (rows inclusive, column ids). */
export interface RangeHighlight {
  readonly rows: readonly [number, number];
  readonly cols: ReadonlySet<string>;
}

export interface GridContext<C> {
  readonly display: GridDisplay;
  readonly view: C;
  /** Mutable holder: the grid updates it and refreshes the cells. */
  readonly range?: { current: RangeHighlight | null };
}

/** The text a cell shows. */
export function cellText<T, C>(column: GridColumn<T, C>, row: T, context: GridContext<C>): string {
  if (column.display) return column.display(row, context.view);
  const value = column.value(row, context.view);
  if (value === null) return '';
  switch (column.kind) {
    case 'time':
      return typeof value === 'number' ? formatZonedTime(value, context.display.zone) : String(value);
    case 'amount':
      return groupDecimal(String(value), context.display.locale);
    default:
      return String(value);
  }
}

/** What Ctrl+C copies: amounts exactly as stored (no grouping), everything else as shown. */
export function cellCopyText<T, C>(column: GridColumn<T, C>, row: T, context: GridContext<C>): string {
  if (column.kind === 'amount') {
    const value = column.value(row, context.view);
    return value === null ? '' : String(value);
  }
  return cellText(column, row, context);
}

/** Empty character cells after an amount so its decimal point lines up with the currency's precision. */
export function amountPadding<T, C>(column: GridColumn<T, C>, row: T, context: GridContext<C>): number {
  const value = column.value(row, context.view);
  if (value === null || column.kind !== 'amount' || !column.currency) return 0;
  return alignmentPadding(decimalPlaces(String(value)), currencyPrecision(column.currency(row)));
}

export function headerText<T, C>(column: GridColumn<T, C>, display: GridDisplay): string {
  return column.kind === 'time' ? `${column.header} (${display.zoneLabel})` : column.header;
}

const RIGHT = new Set<ColumnKind>(['amount', 'integer']);

export function toColDefs<T, C>(
  columns: readonly GridColumn<T, C>[],
  display: GridDisplay,
  widths: Readonly<Record<string, number>>,
): ColDef<T>[] {
  return columns.map((column): ColDef<T> => {
    const right = RIGHT.has(column.kind);
    const saved = widths[column.id];
    return {
      colId: column.id,
      headerName: headerText(column, display),
      valueGetter: (params: ValueGetterParams<T>) => (params.data ? cellText(column, params.data, params.context as GridContext<C>) : ''),
      sortable: true,
      // First click on a time sorts newest first; on anything else, A→Z / smallest first.
      sortingOrder: column.kind === 'time' ? ['desc', 'asc'] : ['asc', 'desc'],
      ...(right ? { type: 'rightAligned' } : {}),
      cellClass: (params: CellClassParams<T>) => {
        const classes = [`cell--${column.kind}`];
        if (right) classes.push('cell--right', 'ag-right-aligned-cell');
        if (params.data && column.emphasis?.(params.data)) classes.push('cell--emphasis');
        const range = (params.context as GridContext<C>).range?.current;
        const rowIndex = params.node.rowIndex;
        if (range && rowIndex !== null && rowIndex >= range.rows[0] && rowIndex <= range.rows[1] && range.cols.has(column.id)) classes.push('cell--in-range');
        return classes;
      },
      cellStyle:
        column.kind === 'amount'
          ? (params: CellClassParams<T>) => {
              const pad = params.data ? amountPadding(column, params.data, params.context as GridContext<C>) : 0;
              return { paddingRight: `calc(var(--ag-cell-horizontal-padding, 12px) + ${pad}ch)` };
            }
          : undefined,
      ...(saved !== undefined ? { width: saved } : column.width !== undefined ? { width: column.width } : {}),
      ...(column.flex !== undefined && saved === undefined ? { flex: column.flex } : {}),
      minWidth: column.minWidth ?? (column.kind === 'amount' ? 90 : 70),
    };
  });
}

/** Columns whose widths come from their content on first render (no saved or fixed width, no flex). */
export function autoSizedColumnIds<T, C>(columns: readonly GridColumn<T, C>[], widths: Readonly<Record<string, number>>): string[] {
  return columns.filter((c) => widths[c.id] === undefined && c.width === undefined && c.flex === undefined).map((c) => c.id);
}
