/**
 * Which indexes answer the access-log grid: timestamp order through [accountKey+timestamp] (or the
 * plain timestamp index across accounts), event order through the event index. Quick search and
 * filters no chosen index covers are residual checks on the walked rows.
 */
import type { AccessLogRecord } from '../../db/database';
import type { CountCandidate } from '../cache-paging/index-row-count';
import type { IndexKey, IndexQueryPlan, IndexScan } from '../cache-paging/index-query-plan';

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

const TABLE = 'accessLog';
const primaryKey = (row: AccessLogRecord): IndexKey => [row.accountKey, row.id];

/** Quick search: id, event, IP, country, city and data text; case-insensitive substring. */
export function accessLogMatchesSearch(row: AccessLogRecord, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (needle === '') return true;
  const fields = [String(row.id), row.event, row.ip, row.country, row.city, row.dataText];
  return fields.some((field) => field !== null && field.toLowerCase().includes(needle));
}

function residual(filter: AccessLogFilter, covered: readonly ('account' | 'event')[]) {
  const checks: ((row: AccessLogRecord) => boolean)[] = [];
  const { accountKey, event } = filter;
  if (accountKey !== null && !covered.includes('account')) checks.push((r) => r.accountKey === accountKey);
  if (event !== null && !covered.includes('event')) checks.push((r) => r.event === event);
  if (filter.search.trim() !== '') checks.push((r) => accessLogMatchesSearch(r, filter.search));
  if (checks.length === 0) return null;
  return (row: AccessLogRecord) => checks.every((check) => check(row));
}

function timestampScan(filter: AccessLogFilter): IndexScan {
  return filter.accountKey !== null
    ? { keyPath: ['accountKey', 'timestamp'], prefix: [filter.accountKey] }
    : { keyPath: 'timestamp', prefix: [] };
}

export function planAccessLogQuery(filter: AccessLogFilter, sort: AccessLogSort): IndexQueryPlan<AccessLogRecord> {
  if (sort.field === 'event') {
    return {
      table: TABLE,
      scans: [{ keyPath: 'event', prefix: [], ...(filter.event !== null ? { only: filter.event } : {}) }],
      reverse: sort.descending,
      sortParts: (row) => [row.event],
      primaryKey,
      matches: residual(filter, ['event']),
    };
  }
  return {
    table: TABLE,
    scans: [timestampScan(filter)],
    reverse: sort.descending,
    sortParts: (row) => [row.timestamp],
    primaryKey,
    matches: residual(filter, ['account']),
  };
}

export function planAccessLogCount(filter: AccessLogFilter): CountCandidate<AccessLogRecord>[] {
  const byTime = { scans: [timestampScan(filter)], matches: residual(filter, ['account']) };
  if (filter.event === null) return [byTime];
  return [byTime, { scans: [{ keyPath: 'event', prefix: [], only: filter.event }], matches: residual(filter, ['event']) }];
}
