/**
 * Login events from every source (Deribit access logs and the login sources) in one grid: the cached-
 * rows view configured with source and kind filters, plus "reveal" requests from other views.
 */
import { useEffect, useMemo } from 'react';
import type { LoginEvent } from '../../../core/logins/types';
import { db } from '../../db/db-instance';
import { useAccounts } from '../../state/accounts-store';
import { useLoginEventReveal } from '../../state/login-event-reveal-store';
import { useLoginSources } from '../../state/login-sources-store';
import { distinctLeadingValues, distinctValues } from '../cache-paging/distinct-index-values';
import { CachedRowsView, type CachedRowsViewConfig, type RevealSource } from '../cache-grid/cached-rows-view';
import { loginKindLabel } from '../formatting/event-labels';
import { formatZonedTime, UTC_ZONE } from '../formatting/zoned-time';
import { LOGIN_EVENT_COLUMNS, loginEventRowId, type LoginEventGridContext } from './login-event-columns';
import {
  DEFAULT_LOGIN_EVENT_SORT,
  LOGIN_EVENT_SORT_FIELDS,
  planLoginEventCount,
  planLoginEventQuery,
  type LoginEventFilter,
  type LoginEventSortField,
} from './login-event-query-plan';
import { locateLoginEvent } from './login-event-reveal';

const asStrings = (keys: readonly unknown[]): string[] => keys.filter((k): k is string => typeof k === 'string');

export const LOGIN_EVENTS_VIEW: CachedRowsViewConfig<LoginEvent, LoginEventSortField, LoginEventFilter, LoginEventGridContext> = {
  viewId: 'login-events',
  title: 'Login events',
  gridLabel: 'Login events',
  noun: { one: 'login event', many: 'login events' },
  table: 'loginEvents',
  filters: [
    {
      id: 'source',
      label: 'Source',
      allLabel: 'All sources',
      load: async (d) => asStrings(await distinctLeadingValues(d, 'loginEvents', ['sourceKey', 'timestamp'])),
      optionLabel: (value, ctx) => ctx.sourceLabel(value),
    },
    { id: 'kind', label: 'Kind', allLabel: 'All kinds', load: async (d) => asStrings(await distinctValues(d, 'loginEvents', 'kind')), optionLabel: (v) => loginKindLabel(v) },
  ],
  toFilter: (values, search) => ({ sourceKey: values.source ?? null, kind: values.kind ?? null, search }),
  planQuery: (filter, sort) => planLoginEventQuery(filter, sort),
  planCount: planLoginEventCount,
  sortFields: LOGIN_EVENT_SORT_FIELDS,
  defaultSort: DEFAULT_LOGIN_EVENT_SORT,
  columns: LOGIN_EVENT_COLUMNS,
  rowId: loginEventRowId,
  raw: (row) => row.raw,
  timestamp: (row) => row.timestamp,
  detailsTitle: (row, ctx) => `${loginKindLabel(row.kind)} · ${formatZonedTime(row.timestamp, UTC_ZONE)} UTC · ${ctx.sourceLabel(row.sourceKey)}`,
  search: { label: 'Search login events', placeholder: 'actor, IP, country, city, detail…  (Ctrl+F)' },
  empty: (
    <p>
      No login events cached yet — sync an account (its Deribit access log lands here) or add a login source under Login sources and sync it.
    </p>
  ),
};

export function LoginEventsView() {
  const accounts = useAccounts((s) => s.accounts);
  const sources = useLoginSources((s) => s.sources);
  useEffect(() => {
    void useLoginSources.getState().load();
  }, []);
  const context: LoginEventGridContext = useMemo(() => {
    const labels = new Map<string, string>([
      ...accounts.map((a): [string, string] => [a.accountKey, `${a.label} (Deribit)`]),
      ...sources.map((s): [string, string] => [s.sourceKey, s.label]),
    ]);
    return { sourceLabel: (key: string): string => labels.get(key) ?? `${key} (removed)` };
  }, [accounts, sources]);
  const request = useLoginEventReveal((s) => s.request);
  const reveal: RevealSource<LoginEvent> | null = useMemo(
    () =>
      request === null
        ? null
        : {
            key: request.key,
            missingNote: 'That login event is not in the cache (was its source removed with its data?).',
            handled: () => useLoginEventReveal.getState().handled(request.key),
            locate: async () => {
              const target = await locateLoginEvent(db, request.eventKey);
              if (target === null) return null;
              return {
                row: target.row,
                index: target.index,
                filters: { source: target.filter.sourceKey },
                note: `Showing the ${loginKindLabel(target.row.kind)} event of ${formatZonedTime(target.row.timestamp, UTC_ZONE)} UTC (filtered to its source).`,
              };
            },
          },
    [request],
  );
  return <CachedRowsView config={LOGIN_EVENTS_VIEW} context={context} reveal={reveal} />;
}
