/**
 * Login events from every source (Deribit access logs and the login sources) in one grid: source and kind
 * filters that pick the index, a quick search, the count, the grid, the selected event's raw JSON, and
 * "reveal" requests from other views (useLoginEventReveal).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LoginEvent } from '../../../core/logins/types';
import { db } from '../../db/db-instance';
import { useAccounts } from '../../state/accounts-store';
import { useCacheChanges } from '../../state/cache-change-store';
import { useLoginEventReveal } from '../../state/login-event-reveal-store';
import { useLoginSources } from '../../state/login-sources-store';
import { distinctLeadingValues, distinctValues } from '../cache-paging/distinct-index-values';
import { countRows } from '../cache-paging/index-row-count';
import { CachedRowsGrid, type GridRevealRequest } from '../cache-grid/cached-rows-grid';
import { FilterSelect } from '../cache-grid/filter-select';
import type { IndexedSort } from '../cache-grid/grid-sort';
import { QuickSearchInput } from '../cache-grid/quick-search-input';
import { RowDetailsPanel } from '../cache-grid/row-details-panel';
import { useIndexChoices } from '../cache-grid/use-index-choices';
import { useRowCount } from '../cache-grid/use-row-count';
import { useThrottledValue } from '../cache-grid/use-throttled-value';
import { formatCount, formatUtcTimestamp } from '../formatting/utc-time';
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

const REFRESH_INTERVAL_MS = 2000;
const asStrings = (keys: readonly unknown[]): string[] => keys.filter((k): k is string => typeof k === 'string');

export function LoginEventsView() {
  const accounts = useAccounts((s) => s.accounts);
  const sources = useLoginSources((s) => s.sources);
  const version = useThrottledValue(useCacheChanges((s) => s.version), REFRESH_INTERVAL_MS);
  const [sourceKey, setSourceKey] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<LoginEvent | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [gridReveal, setGridReveal] = useState<GridRevealRequest | null>(null);
  const [revealNote, setRevealNote] = useState<string | null>(null);
  // Remounting the quick search clears its text when a reveal replaces the filters.
  const [searchGeneration, setSearchGeneration] = useState(0);
  const revealRequest = useLoginEventReveal((s) => s.request);

  useEffect(() => {
    void useLoginSources.getState().load();
  }, []);

  useEffect(() => {
    if (revealRequest === null) return;
    let stale = false;
    locateLoginEvent(db, revealRequest.eventKey).then(
      (target) => {
        if (stale) return;
        useLoginEventReveal.getState().handled(revealRequest.key);
        if (target === null) {
          setRevealNote('That login event is not in the cache (was its source removed with its data?).');
          return;
        }
        setSourceKey(target.filter.sourceKey);
        setKind(null);
        setSearch('');
        setSearchGeneration((g) => g + 1);
        setSelected(target.row);
        setRevealNote(`Showing the ${target.row.kind} event of ${formatUtcTimestamp(target.row.timestamp)} (filtered to its source).`);
        setGridReveal({ rowId: loginEventRowId(target.row), index: target.index, key: revealRequest.key });
      },
      (e: unknown) => setReadError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      stale = true;
    };
  }, [revealRequest]);

  const sourceKeys = useIndexChoices(async () => asStrings(await distinctLeadingValues(db, 'loginEvents', ['sourceKey', 'timestamp'])), version);
  const kinds = useIndexChoices(async () => asStrings(await distinctValues(db, 'loginEvents', 'kind')), version);

  const filter: LoginEventFilter = useMemo(() => ({ sourceKey, kind, search }), [sourceKey, kind, search]);
  const total = useRowCount(() => db.loginEvents.count(), 'all', version);
  const count = useRowCount((isCancelled) => countRows(db, 'loginEvents', planLoginEventCount(filter), isCancelled), JSON.stringify(filter), version);

  const planFor = useCallback((sort: IndexedSort<LoginEventSortField>) => planLoginEventQuery(filter, sort), [filter]);
  const sourceLabel = useMemo(() => {
    const labels = new Map<string, string>([
      ...accounts.map((a): [string, string] => [a.accountKey, `${a.label} (Deribit)`]),
      ...sources.map((s): [string, string] => [s.sourceKey, s.label]),
    ]);
    return (key: string): string => labels.get(key) ?? `${key} (removed)`;
  }, [accounts, sources]);
  const context: LoginEventGridContext = useMemo(() => ({ sourceLabel }), [sourceLabel]);
  const onSelect = useCallback((row: LoginEvent | null) => setSelected(row), []);
  const onReadError = useCallback((e: unknown) => setReadError(e instanceof Error ? e.message : String(e)), []);

  return (
    <section className="view view--grid" aria-labelledby="login-events-heading">
      <h2 id="login-events-heading">Login events</h2>
      <p role="status" className="grid-count">
        {count === null ? 'Counting login events…' : formatCount(count, 'login event', 'login events')}
      </p>
      {total === 0 ? (
        <div className="empty-state">
          <p>
            No login events cached yet — sync an account (its Deribit access log lands here) or add a login source under
            Login sources and sync it.
          </p>
        </div>
      ) : (
        <>
          <div className="grid-toolbar" role="group" aria-label="Login event filters">
            <FilterSelect label="Source" allLabel="All sources" value={sourceKey} onChange={setSourceKey} choices={sourceKeys.map((k) => ({ value: k, label: sourceLabel(k) }))} />
            <FilterSelect label="Kind" allLabel="All kinds" value={kind} onChange={setKind} choices={kinds.map((k) => ({ value: k, label: k }))} />
            <QuickSearchInput
              key={searchGeneration}
              label="Search login events"
              placeholder="actor, IP, country, city, detail…  (Ctrl+F)"
              onSearch={setSearch}
            />
          </div>
          {readError !== null ? (
            <p role="alert" className="error-text">
              Could not read the cache: {readError}
            </p>
          ) : null}
          {count === 0 ? <p className="muted">No login events match these filters.</p> : null}
          {revealNote !== null ? (
            <p role="status" className="muted">
              {revealNote}
            </p>
          ) : null}
          <div className="grid-and-details">
            <CachedRowsGrid<LoginEvent, LoginEventSortField>
              gridLabel="Login events"
              columnDefs={LOGIN_EVENT_COLUMNS}
              planFor={planFor}
              sortFields={LOGIN_EVENT_SORT_FIELDS}
              defaultSort={DEFAULT_LOGIN_EVENT_SORT}
              rowCount={count}
              refreshToken={version}
              rowId={loginEventRowId}
              onSelect={onSelect}
              context={context}
              onReadError={onReadError}
              reveal={gridReveal}
              onRevealed={(found) => {
                if (!found) setRevealNote('The event could not be scrolled into view; it is shown in the details panel.');
              }}
            />
            <RowDetailsPanel
              raw={selected?.raw ?? null}
              title={selected ? `${selected.kind} · ${formatUtcTimestamp(selected.timestamp)} · ${sourceLabel(selected.sourceKey)}` : null}
            />
          </div>
        </>
      )}
    </section>
  );
}
