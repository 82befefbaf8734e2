/** Login-events grid columns; only time and kind sort (they have indexes). */
import type { ColDef, ValueGetterParams } from 'ag-grid-community';
import type { LoginEvent } from '../../../core/logins/types';
import { formatUtcTimestamp } from '../formatting/utc-time';

export interface LoginEventGridContext {
  readonly sourceLabel: (sourceKey: string) => string;
}

const text =
  (pick: (row: LoginEvent) => string | number | null) =>
  (params: ValueGetterParams<LoginEvent>): string => {
    if (!params.data) return '';
    const value = pick(params.data);
    return value === null ? '' : String(value);
  };

const sortable: Pick<ColDef, 'sortable' | 'sortingOrder'> = { sortable: true, sortingOrder: ['desc', 'asc'] };

export const LOGIN_EVENT_COLUMNS: ColDef<LoginEvent>[] = [
  { colId: 'timestamp', headerName: 'Time (UTC)', valueGetter: text((r) => formatUtcTimestamp(r.timestamp)), width: 215, sort: 'desc', ...sortable },
  {
    colId: 'source',
    headerName: 'Source',
    valueGetter: (p) => (p.data ? (p.context as LoginEventGridContext).sourceLabel(p.data.sourceKey) : ''),
    width: 170,
  },
  { colId: 'kind', headerName: 'Kind', valueGetter: text((r) => r.kind), width: 170, ...sortable },
  { colId: 'outcome', headerName: 'Outcome', valueGetter: text((r) => r.outcome), width: 100 },
  { colId: 'actor', headerName: 'Actor', valueGetter: text((r) => r.actor), width: 190 },
  { colId: 'ip', headerName: 'IP', valueGetter: text((r) => r.ip), width: 150 },
  { colId: 'country', headerName: 'Country', valueGetter: text((r) => r.country), width: 110 },
  { colId: 'city', headerName: 'City', valueGetter: text((r) => r.city), width: 120 },
  { colId: 'detail', headerName: 'Detail', valueGetter: text((r) => r.detail), minWidth: 200, flex: 1 },
  { colId: 'id', headerName: 'ID', valueGetter: text((r) => r.id), width: 160 },
];

export const loginEventRowId = (row: LoginEvent): string => row.key;
