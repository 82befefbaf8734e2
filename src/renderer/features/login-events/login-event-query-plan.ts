/**
 * Which indexes answer the login-events grid: time order through [sourceKey+timestamp] (one source) or
 * the plain timestamp index (all sources), kind order through the kind index. Quick search and filters
 * the chosen index does not cover are residual checks on the walked rows.
 */
import type { LoginEvent } from '../../../core/logins/types';
import type { CountCandidate } from '../cache-paging/index-row-count';
import type { IndexKey, IndexQueryPlan, IndexScan } from '../cache-paging/index-query-plan';

export interface LoginEventFilter {
  readonly sourceKey: string | null;
  readonly kind: string | null;
  readonly search: string;
}

export type LoginEventSortField = 'timestamp' | 'kind';
export const LOGIN_EVENT_SORT_FIELDS: readonly LoginEventSortField[] = ['timestamp', 'kind'];

export interface LoginEventSort {
  readonly field: LoginEventSortField;
  readonly descending: boolean;
}

export const DEFAULT_LOGIN_EVENT_SORT: LoginEventSort = { field: 'timestamp', descending: true };
export const NO_LOGIN_EVENT_FILTER: LoginEventFilter = { sourceKey: null, kind: null, search: '' };

const TABLE = 'loginEvents';
const primaryKey = (row: LoginEvent): IndexKey => row.key;

/** Quick search: id, kind, outcome, actor, IP, country, city and detail; case-insensitive substring. */
export function loginEventMatchesSearch(row: LoginEvent, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (needle === '') return true;
  const fields = [row.id, row.kind, row.outcome, row.actor, row.ip, row.country, row.city, row.detail];
  return fields.some((field) => field !== null && field.toLowerCase().includes(needle));
}

function residual(filter: LoginEventFilter, covered: readonly ('source' | 'kind')[]) {
  const checks: ((row: LoginEvent) => boolean)[] = [];
  const { sourceKey, kind } = filter;
  if (sourceKey !== null && !covered.includes('source')) checks.push((r) => r.sourceKey === sourceKey);
  if (kind !== null && !covered.includes('kind')) checks.push((r) => r.kind === kind);
  if (filter.search.trim() !== '') checks.push((r) => loginEventMatchesSearch(r, filter.search));
  if (checks.length === 0) return null;
  return (row: LoginEvent) => checks.every((check) => check(row));
}

export function timestampScan(filter: Pick<LoginEventFilter, 'sourceKey'>): IndexScan {
  return filter.sourceKey !== null ? { keyPath: ['sourceKey', 'timestamp'], prefix: [filter.sourceKey] } : { keyPath: 'timestamp', prefix: [] };
}

export function planLoginEventQuery(filter: LoginEventFilter, sort: LoginEventSort): IndexQueryPlan<LoginEvent> {
  if (sort.field === 'kind') {
    return {
      table: TABLE,
      scans: [{ keyPath: 'kind', prefix: [], ...(filter.kind !== null ? { only: filter.kind } : {}) }],
      reverse: sort.descending,
      sortParts: (row) => [row.kind],
      primaryKey,
      matches: residual(filter, ['kind']),
    };
  }
  return {
    table: TABLE,
    scans: [timestampScan(filter)],
    reverse: sort.descending,
    sortParts: (row) => [row.timestamp],
    primaryKey,
    matches: residual(filter, ['source']),
  };
}

export function planLoginEventCount(filter: LoginEventFilter): CountCandidate<LoginEvent>[] {
  const byTime = { scans: [timestampScan(filter)], matches: residual(filter, ['source']) };
  if (filter.kind === null) return [byTime];
  return [byTime, { scans: [{ keyPath: 'kind', prefix: [], only: filter.kind }], matches: residual(filter, ['kind']) }];
}
