/**
 * Index plans for a grid over an event log (the access log, the login events): rows of an owner
 * (account or source) with a category (event or kind), in time order through [owner+timestamp] for
 * one owner or the plain timestamp index for all, or in category order through the category index.
 * Quick search and filters the chosen index does not cover are residual checks on the walked rows.
 */
import type { CountCandidate } from './index-row-count';
import type { IndexKey, IndexQueryPlan, IndexScan } from './index-query-plan';

export interface EventLogSchema<Row> {
  readonly table: string;
  /** Index field names: the owner (leading part of [owner+timestamp]) and the category. */
  readonly ownerField: string;
  readonly categoryField: string;
  owner(row: Row): string;
  category(row: Row): string;
  timestamp(row: Row): number;
  primaryKey(row: Row): IndexKey;
  /** The texts quick search looks in. */
  searchFields(row: Row): readonly (string | null)[];
}

export interface EventLogFilter {
  readonly owner: string | null;
  readonly category: string | null;
  readonly search: string;
}

export interface EventLogPlanner<Row> {
  matchesSearch(row: Row, search: string): boolean;
  plan(filter: EventLogFilter, sort: { readonly byCategory: boolean; readonly descending: boolean }): IndexQueryPlan<Row>;
  count(filter: EventLogFilter): CountCandidate<Row>[];
}

export function eventLogPlanner<Row>(schema: EventLogSchema<Row>): EventLogPlanner<Row> {
  /** Case-insensitive substring in any search field. */
  const matchesSearch = (row: Row, search: string): boolean => {
    const needle = search.trim().toLowerCase();
    if (needle === '') return true;
    return schema.searchFields(row).some((field) => field !== null && field.toLowerCase().includes(needle));
  };
  const residual = (filter: EventLogFilter, covered: 'owner' | 'category') => {
    const checks: ((row: Row) => boolean)[] = [];
    const { owner, category } = filter;
    if (owner !== null && covered !== 'owner') checks.push((r) => schema.owner(r) === owner);
    if (category !== null && covered !== 'category') checks.push((r) => schema.category(r) === category);
    if (filter.search.trim() !== '') checks.push((r) => matchesSearch(r, filter.search));
    if (checks.length === 0) return null;
    return (row: Row) => checks.every((check) => check(row));
  };
  const timestampScan = (filter: EventLogFilter): IndexScan =>
    filter.owner !== null ? { keyPath: [schema.ownerField, 'timestamp'], prefix: [filter.owner] } : { keyPath: 'timestamp', prefix: [] };
  const categoryScan = (filter: EventLogFilter): IndexScan => ({
    keyPath: schema.categoryField,
    prefix: [],
    ...(filter.category !== null ? { only: filter.category } : {}),
  });

  return {
    matchesSearch,
    plan(filter, sort) {
      const common = { table: schema.table, reverse: sort.descending, primaryKey: schema.primaryKey };
      return sort.byCategory
        ? { ...common, scans: [categoryScan(filter)], sortParts: (row: Row) => [schema.category(row)], matches: residual(filter, 'category') }
        : { ...common, scans: [timestampScan(filter)], sortParts: (row: Row) => [schema.timestamp(row)], matches: residual(filter, 'owner') };
    },
    count(filter) {
      const byTime = { scans: [timestampScan(filter)], matches: residual(filter, 'owner') };
      if (filter.category === null) return [byTime];
      return [byTime, { scans: [categoryScan(filter)], matches: residual(filter, 'category') }];
    },
  };
}
