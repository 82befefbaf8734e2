/** Access-log grid columns; only time and event sort (they have indexes). */
import type { ColDef, ValueGetterParams } from 'ag-grid-community';
import type { AccessLogRecord } from '../../db/database';
import { formatUtcTimestamp } from '../formatting/utc-time';

export interface AccessLogGridContext {
  readonly accountLabel: (accountKey: string) => string;
}

const text =
  (pick: (row: AccessLogRecord) => string | number | null) =>
  (params: ValueGetterParams<AccessLogRecord>): string => {
    if (!params.data) return '';
    const value = pick(params.data);
    return value === null ? '' : String(value);
  };

const sortable: Pick<ColDef, 'sortable' | 'sortingOrder'> = { sortable: true, sortingOrder: ['desc', 'asc'] };

export const ACCESS_LOG_COLUMNS: ColDef<AccessLogRecord>[] = [
  { colId: 'timestamp', headerName: 'Time (UTC)', valueGetter: text((r) => formatUtcTimestamp(r.timestamp)), width: 215, sort: 'desc', ...sortable },
  {
    colId: 'account',
    headerName: 'Account',
    valueGetter: (p) => (p.data ? (p.context as AccessLogGridContext).accountLabel(p.data.accountKey) : ''),
    width: 140,
  },
  { colId: 'event', headerName: 'Event', valueGetter: text((r) => r.event), width: 170, ...sortable },
  { colId: 'ip', headerName: 'IP', valueGetter: text((r) => r.ip), width: 140 },
  { colId: 'country', headerName: 'Country', valueGetter: text((r) => r.country), width: 140 },
  { colId: 'city', headerName: 'City', valueGetter: text((r) => r.city), width: 130 },
  { colId: 'data', headerName: 'Data', valueGetter: text((r) => r.dataText), minWidth: 220, flex: 1 },
  { colId: 'id', headerName: 'ID', valueGetter: text((r) => r.id), type: 'rightAligned', width: 120 },
];

export const accessLogRowId = (row: AccessLogRecord): string => `${row.accountKey}:${row.id}`;
