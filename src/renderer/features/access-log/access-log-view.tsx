/** Access log: the cached-rows view configured for Deribit's access log (account and event filters). */
import { useMemo } from 'react';
import type { AccessLogRecord } from '../../db/database';
import { useAccounts } from '../../state/accounts-store';
import { distinctLeadingValues, distinctValues } from '../cache-paging/distinct-index-values';
import { accountLabeler } from '../cache-grid/account-labels';
import { CachedRowsView, type CachedRowsViewConfig } from '../cache-grid/cached-rows-view';
import { accessEventLabel } from '../formatting/event-labels';
import { formatZonedTime, UTC_ZONE } from '../formatting/zoned-time';
import { ACCESS_LOG_COLUMNS, accessLogRowId, type AccessLogGridContext } from './access-log-columns';
import {
  ACCESS_LOG_SORT_FIELDS,
  DEFAULT_ACCESS_LOG_SORT,
  planAccessLogCount,
  planAccessLogQuery,
  type AccessLogFilter,
  type AccessLogSortField,
} from './access-log-query-plan';

const asStrings = (keys: readonly unknown[]): string[] => keys.filter((k): k is string => typeof k === 'string');

export const ACCESS_LOG_VIEW: CachedRowsViewConfig<AccessLogRecord, AccessLogSortField, AccessLogFilter, AccessLogGridContext> = {
  viewId: 'access-log',
  title: 'Access log',
  gridLabel: 'Access log',
  noun: { one: 'access-log event', many: 'access-log events' },
  table: 'accessLog',
  filters: [
    {
      id: 'account',
      label: 'Account',
      allLabel: 'All accounts',
      load: async (d) => asStrings(await distinctLeadingValues(d, 'accessLog', ['accountKey', 'timestamp'])),
      optionLabel: (value, ctx) => ctx.accountLabel(value),
    },
    { id: 'event', label: 'Event', allLabel: 'All events', load: async (d) => asStrings(await distinctValues(d, 'accessLog', 'event')), optionLabel: (v) => accessEventLabel(v) },
  ],
  toFilter: (values, search) => ({ accountKey: values.account ?? null, event: values.event ?? null, search }),
  planQuery: (filter, sort) => planAccessLogQuery(filter, sort),
  planCount: planAccessLogCount,
  sortFields: ACCESS_LOG_SORT_FIELDS,
  defaultSort: DEFAULT_ACCESS_LOG_SORT,
  columns: ACCESS_LOG_COLUMNS,
  rowId: accessLogRowId,
  raw: (row) => row.raw,
  timestamp: (row) => row.timestamp,
  detailsTitle: (row, ctx) => `${accessEventLabel(row.event)} (${row.event}) ${row.id} · ${formatZonedTime(row.timestamp, UTC_ZONE)} UTC · ${ctx.accountLabel(row.accountKey)}`,
  search: { label: 'Search access log', placeholder: 'id, event, IP, country, city, data…  (Ctrl+F)' },
  empty: <p>No access-log events cached yet — add an account and sync.</p>,
};

export function AccessLogView() {
  const accounts = useAccounts((s) => s.accounts);
  const context: AccessLogGridContext = useMemo(() => ({ accountLabel: accountLabeler(accounts) }), [accounts]);
  return <CachedRowsView config={ACCESS_LOG_VIEW} context={context} />;
}
