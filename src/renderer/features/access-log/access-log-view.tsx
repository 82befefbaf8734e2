/** Access log: account and event filters, quick search, the count, the grid and the raw JSON. */
import { useCallback, useMemo, useState } from 'react';
import type { AccessLogRecord } from '../../db/database';
import { db } from '../../db/db-instance';
import { useAccounts } from '../../state/accounts-store';
import { useCacheChanges } from '../../state/cache-change-store';
import { distinctLeadingValues, distinctValues } from '../cache-paging/distinct-index-values';
import { countRows } from '../cache-paging/index-row-count';
import { accountLabeler } from '../cache-grid/account-labels';
import { CachedRowsGrid } from '../cache-grid/cached-rows-grid';
import { FilterSelect } from '../cache-grid/filter-select';
import type { IndexedSort } from '../cache-grid/grid-sort';
import { QuickSearchInput } from '../cache-grid/quick-search-input';
import { RowDetailsPanel } from '../cache-grid/row-details-panel';
import { useIndexChoices } from '../cache-grid/use-index-choices';
import { useRowCount } from '../cache-grid/use-row-count';
import { useThrottledValue } from '../cache-grid/use-throttled-value';
import { formatCount, formatUtcTimestamp } from '../formatting/utc-time';
import { ACCESS_LOG_COLUMNS, accessLogRowId, type AccessLogGridContext } from './access-log-columns';
import {
  ACCESS_LOG_SORT_FIELDS,
  DEFAULT_ACCESS_LOG_SORT,
  planAccessLogCount,
  planAccessLogQuery,
  type AccessLogFilter,
  type AccessLogSortField,
} from './access-log-query-plan';

const REFRESH_INTERVAL_MS = 2000;
const asStrings = (keys: readonly unknown[]): string[] => keys.filter((k): k is string => typeof k === 'string');

export function AccessLogView() {
  const accounts = useAccounts((s) => s.accounts);
  const version = useThrottledValue(useCacheChanges((s) => s.version), REFRESH_INTERVAL_MS);
  const [accountKey, setAccountKey] = useState<string | null>(null);
  const [event, setEvent] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<AccessLogRecord | null>(null);
  const [readError, setReadError] = useState<string | null>(null);

  const accountKeys = useIndexChoices(async () => asStrings(await distinctLeadingValues(db, 'accessLog', ['accountKey', 'timestamp'])), version);
  const events = useIndexChoices(async () => asStrings(await distinctValues(db, 'accessLog', 'event')), version);

  const filter: AccessLogFilter = useMemo(() => ({ accountKey, event, search }), [accountKey, event, search]);
  const total = useRowCount(() => db.accessLog.count(), 'all', version);
  const count = useRowCount((isCancelled) => countRows(db, 'accessLog', planAccessLogCount(filter), isCancelled), JSON.stringify(filter), version);

  const planFor = useCallback((sort: IndexedSort<AccessLogSortField>) => planAccessLogQuery(filter, sort), [filter]);
  const labeler = useMemo(() => accountLabeler(accounts), [accounts]);
  const context: AccessLogGridContext = useMemo(() => ({ accountLabel: labeler }), [labeler]);
  const onSelect = useCallback((row: AccessLogRecord | null) => setSelected(row), []);
  const onReadError = useCallback((e: unknown) => setReadError(e instanceof Error ? e.message : String(e)), []);

  return (
    <section className="view view--grid" aria-labelledby="access-log-heading">
      <h2 id="access-log-heading">Access log</h2>
      <p role="status" className="grid-count">
        {count === null ? 'Counting access-log events…' : formatCount(count, 'access-log event', 'access-log events')}
      </p>
      {total === 0 ? (
        <div className="empty-state">
          <p>No access-log events cached yet — add an account and sync.</p>
        </div>
      ) : (
        // The grid opens while the total is still being counted: its first block does not wait for the count.
        <>
          <div className="grid-toolbar" role="group" aria-label="Access log filters">
            <FilterSelect label="Account" allLabel="All accounts" value={accountKey} onChange={setAccountKey} choices={accountKeys.map((k) => ({ value: k, label: labeler(k) }))} />
            <FilterSelect label="Event" allLabel="All events" value={event} onChange={setEvent} choices={events.map((e) => ({ value: e, label: e }))} />
            <QuickSearchInput label="Search access log" placeholder="id, event, IP, country, city, data…  (Ctrl+F)" onSearch={setSearch} />
          </div>
          {readError !== null ? (
            <p role="alert" className="error-text">
              Could not read the cache: {readError}
            </p>
          ) : null}
          {count === 0 ? <p className="muted">No access-log events match these filters.</p> : null}
          <div className="grid-and-details">
            <CachedRowsGrid<AccessLogRecord, AccessLogSortField>
              gridLabel="Access log"
              columnDefs={ACCESS_LOG_COLUMNS}
              planFor={planFor}
              sortFields={ACCESS_LOG_SORT_FIELDS}
              defaultSort={DEFAULT_ACCESS_LOG_SORT}
              rowCount={count}
              refreshToken={version}
              rowId={accessLogRowId}
              onSelect={onSelect}
              context={context}
              onReadError={onReadError}
            />
            <RowDetailsPanel
              raw={selected?.raw ?? null}
              title={selected ? `${selected.event} ${selected.id} · ${formatUtcTimestamp(selected.timestamp)} · ${labeler(selected.accountKey)}` : null}
            />
          </div>
        </>
      )}
    </section>
  );
}
