/**
 * Which indexes answer the access-log grid: timestamp order through [accountKey+timestamp] (or the
 * plain timestamp index across accounts), event order through the event index. Quick search and
 * filters no chosen index covers are residual checks on the walked rows.
 */
import type { AccessLogRecord } from '../../db/database';
import { accessEventLabel } from '../formatting/event-labels';
import { eventLogPlanner, type EventLogFilter } from '../cache-paging/event-log-query-plan';
import type { CountCandidate } from '../cache-paging/index-row-count';
import type { IndexQueryPlan } from '../cache-paging/index-query-plan';

export interface AccessLogFilter {
  readonly accountKey: string | null;
  readonly event: string | null;
  readonly search: string;
}

export type AccessLogSortField = 'timestamp' | 'event';
export const ACCESS_LOG_SORT_FIELDS: readonly AccessLogSortField[] = ['timestamp', 'event'];

export interface AccessLogSort {
  readonly field: AccessLogSortField;
  readonly descending: boolean;
}

export const DEFAULT_ACCESS_LOG_SORT: AccessLogSort = { field: 'timestamp', descending: true };

const planner = eventLogPlanner<AccessLogRecord>({
  table: 'accessLog',
  ownerField: 'accountKey',
  categoryField: 'event',
  owner: (row) => row.accountKey,
  category: (row) => row.event,
  timestamp: (row) => row.timestamp,
  primaryKey: (row) => [row.accountKey, row.id],
  // Quick search: id, event (code and words), IP, country, city and data text.
  searchFields: (row) => [String(row.id), row.event, accessEventLabel(row.event), row.ip, row.country, row.city, row.dataText],
});

const generic = (filter: AccessLogFilter): EventLogFilter => ({ owner: filter.accountKey, category: filter.event, search: filter.search });

/** Case-insensitive substring in id, event, IP, country, city or data text. */
export function accessLogMatchesSearch(row: AccessLogRecord, search: string): boolean {
  return planner.matchesSearch(row, search);
}

export function planAccessLogQuery(filter: AccessLogFilter, sort: AccessLogSort): IndexQueryPlan<AccessLogRecord> {
  return planner.plan(generic(filter), { byCategory: sort.field === 'event', descending: sort.descending });
}

export function planAccessLogCount(filter: AccessLogFilter): CountCandidate<AccessLogRecord>[] {
  return planner.count(generic(filter));
}
