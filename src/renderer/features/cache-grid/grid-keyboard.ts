/**
 * Keys ag-grid's community edition leaves to us: Ctrl/Cmd+C copies the focused cell (or the selected
 * range as TSV), Shift+arrows extend that range, Ctrl+Home / Ctrl+End jump to the first / last row.
 * The handler runs in the capture phase on the grid's wrapper, before ag-grid sees the key.
 */
import type { GridApi } from 'ag-grid-community';

export interface CellPoint {
  readonly rowIndex: number;
  readonly colId: string;
}

export interface CellRange {
  readonly anchor: CellPoint;
  readonly focus: CellPoint;
}

/** Row and column bounds of a range, columns by their displayed order. */
export function rangeBounds(range: CellRange, columnOrder: readonly string[]): { rows: [number, number]; cols: string[] } {
  const a = columnOrder.indexOf(range.anchor.colId);
  const b = columnOrder.indexOf(range.focus.colId);
  const [c0, c1] = a <= b ? [a, b] : [b, a];
  const rows: [number, number] = [Math.min(range.anchor.rowIndex, range.focus.rowIndex), Math.max(range.anchor.rowIndex, range.focus.rowIndex)];
  return { rows, cols: c0 < 0 ? [] : columnOrder.slice(c0, c1 + 1) };
}

/** Cells as tab-separated values, one line per row (what spreadsheets paste). */
export function toTsv(cells: readonly (readonly string[])[]): string {
  return cells.map((row) => row.map((cell) => cell.replace(/[\t\r\n]+/g, ' ')).join('\t')).join('\n');
}

export async function writeClipboard(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // No async clipboard (permissions, older shells): the old way still works from a key press.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  const active = document.activeElement as HTMLElement | null;
  document.body.appendChild(area);
  area.select();
  document.execCommand('copy');
  area.remove();
  active?.focus();
}

/** Focuses a row by index once its block has loaded (Ctrl+End may need a read first). */
export function focusRowWhenLoaded<T>(api: GridApi<T>, rowIndex: number, colId: string, isStale: () => boolean): void {
  const started = Date.now();
  const attempt = (): void => {
    if (isStale() || api.isDestroyed()) return;
    const node = api.getDisplayedRowAtIndex(rowIndex);
    if (node?.data !== undefined) {
      api.ensureIndexVisible(rowIndex);
      api.setFocusedCell(rowIndex, colId);
      return;
    }
    if (Date.now() - started < 10_000) setTimeout(attempt, 50);
  };
  api.ensureIndexVisible(rowIndex, rowIndex === 0 ? 'top' : 'bottom');
  attempt();
}
