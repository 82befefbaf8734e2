/**
 * Which indexes answer the login-events grid: time order through [sourceKey+timestamp] (one source) or
 * the plain timestamp index (all sources), kind order through the kind index. Quick search and filters
 * the chosen index does not cover are residual checks on the walked rows.
 */
import type { LoginEvent } from '../../../core/logins/types';
import { loginKindLabel } from '../formatting/event-labels';
import { eventLogPlanner, type EventLogFilter } from '../cache-paging/event-log-query-plan';
import type { CountCandidate } from '../cache-paging/index-row-count';
import type { IndexQueryPlan } from '../cache-paging/index-query-plan';

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

const planner = eventLogPlanner<LoginEvent>({
  table: 'loginEvents',
  ownerField: 'sourceKey',
  categoryField: 'kind',
  owner: (row) => row.sourceKey,
  category: (row) => row.kind,
  timestamp: (row) => row.timestamp,
  primaryKey: (row) => row.key,
  searchFields: (row) => [row.id, row.kind, loginKindLabel(row.kind), row.outcome, row.actor, row.ip, row.country, row.city, row.detail],
});

const generic = (filter: LoginEventFilter): EventLogFilter => ({ owner: filter.sourceKey, category: filter.kind, search: filter.search });

/** Quick search: id, kind, outcome, actor, IP, country, city and detail; case-insensitive substring. */
export function loginEventMatchesSearch(row: LoginEvent, search: string): boolean {
  return planner.matchesSearch(row, search);
}

export function planLoginEventQuery(filter: LoginEventFilter, sort: LoginEventSort): IndexQueryPlan<LoginEvent> {
  return planner.plan(generic(filter), { byCategory: sort.field === 'kind', descending: sort.descending });
}

export function planLoginEventCount(filter: LoginEventFilter): CountCandidate<LoginEvent>[] {
  return planner.count(generic(filter));
}
