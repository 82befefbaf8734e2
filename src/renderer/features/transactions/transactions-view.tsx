/**
 * Transactions: filters (account, currency, type) that pick the index, a quick search, the count
 * for the current filter, the grid, and the selected row's raw JSON.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TransactionRecord } from '../../db/database';
import { db } from '../../db/db-instance';
import { useAccounts } from '../../state/accounts-store';
import { useCacheChanges } from '../../state/cache-change-store';
import { useTransactionReveal } from '../../state/transaction-reveal-store';
import { distinctLeadingValues, distinctValues } from '../cache-paging/distinct-index-values';
import { countRows } from '../cache-paging/index-row-count';
import { accountLabeler } from '../cache-grid/account-labels';
import { CachedRowsGrid, type GridRevealRequest } from '../cache-grid/cached-rows-grid';
import { FilterSelect } from '../cache-grid/filter-select';
import type { IndexedSort } from '../cache-grid/grid-sort';
import { QuickSearchInput } from '../cache-grid/quick-search-input';
import { RowDetailsPanel } from '../cache-grid/row-details-panel';
import { useIndexChoices } from '../cache-grid/use-index-choices';
import { useRowCount } from '../cache-grid/use-row-count';
import { useThrottledValue } from '../cache-grid/use-throttled-value';
import { formatCount, formatUtcTimestamp } from '../formatting/utc-time';
import { TRANSACTION_COLUMNS, transactionRowId, type TransactionGridContext } from './transaction-columns';
import { locateTransaction } from './transaction-reveal';
import {
  DEFAULT_TRANSACTION_SORT,
  TRANSACTION_SORT_FIELDS,
  planTransactionCount,
  planTransactionQuery,
  type TransactionFilter,
  type TransactionSortField,
} from './transaction-query-plan';

const REFRESH_INTERVAL_MS = 2000;
const asStrings = (keys: readonly unknown[]): string[] => keys.filter((k): k is string => typeof k === 'string');

export function TransactionsView() {
  const accounts = useAccounts((s) => s.accounts);
  const version = useThrottledValue(useCacheChanges((s) => s.version), REFRESH_INTERVAL_MS);
  const [accountKey, setAccountKey] = useState<string | null>(null);
  const [currency, setCurrency] = useState<string | null>(null);
  const [type, setType] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<TransactionRecord | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [gridReveal, setGridReveal] = useState<GridRevealRequest | null>(null);
  const [revealNote, setRevealNote] = useState<string | null>(null);
  // Remounting the quick search clears its text when a reveal replaces the filters.
  const [searchGeneration, setSearchGeneration] = useState(0);
  const revealRequest = useTransactionReveal((s) => s.request);

  useEffect(() => {
    if (revealRequest === null) return;
    let stale = false;
    locateTransaction(db, revealRequest.accountKey, revealRequest.id).then(
      (target) => {
        if (stale) return;
        useTransactionReveal.getState().handled(revealRequest.key);
        if (target === null) {
          setRevealNote(`Row ${revealRequest.id} is not in the cache (was the account's data deleted?).`);
          return;
        }
        setAccountKey(target.filter.accountKey);
        setCurrency(target.filter.currency);
        setType(null);
        setSearch('');
        setSearchGeneration((g) => g + 1);
        setSelected(target.row);
        setRevealNote(`Showing row ${target.row.id} (${target.row.currency}, filtered to its account and currency).`);
        setGridReveal({ rowId: transactionRowId(target.row), index: target.index, key: revealRequest.key });
      },
      (e: unknown) => setReadError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      stale = true;
    };
  }, [revealRequest]);

  const accountKeys = useIndexChoices(async () => asStrings(await distinctLeadingValues(db, 'transactions', ['accountKey', 'timestamp'])), version);
  const currencies = useIndexChoices(async () => asStrings(await distinctValues(db, 'transactions', 'currency')), version);
  const types = useIndexChoices(async () => asStrings(await distinctValues(db, 'transactions', 'type')), version);

  const filter: TransactionFilter = useMemo(() => ({ accountKey, currency, type, search }), [accountKey, currency, type, search]);
  const total = useRowCount(() => db.transactions.count(), 'all', version);
  const count = useRowCount((isCancelled) => countRows(db, 'transactions', planTransactionCount(filter), isCancelled), JSON.stringify(filter), version);

  const planFor = useCallback((sort: IndexedSort<TransactionSortField>) => planTransactionQuery(filter, sort, accountKeys), [filter, accountKeys]);
  const labeler = useMemo(() => accountLabeler(accounts), [accounts]);
  const context: TransactionGridContext = useMemo(() => ({ accountLabel: labeler }), [labeler]);
  const onSelect = useCallback((row: TransactionRecord | null) => setSelected(row), []);
  const onReadError = useCallback((e: unknown) => setReadError(e instanceof Error ? e.message : String(e)), []);

  return (
    <section className="view view--grid" aria-labelledby="transactions-heading">
      <h2 id="transactions-heading">Transactions</h2>
      <p role="status" className="grid-count">
        {count === null ? 'Counting transactions…' : formatCount(count, 'transaction', 'transactions')}
      </p>
      {total === 0 ? (
        <div className="empty-state">
          <p>No transactions cached yet — add an account and sync.</p>
        </div>
      ) : (
        // The grid opens while the total is still being counted: its first block does not wait for the count.
        <>
          <div className="grid-toolbar" role="group" aria-label="Transaction filters">
            <FilterSelect label="Account" allLabel="All accounts" value={accountKey} onChange={setAccountKey} choices={accountKeys.map((k) => ({ value: k, label: labeler(k) }))} />
            <FilterSelect label="Currency" allLabel="All currencies" value={currency} onChange={setCurrency} choices={currencies.map((c) => ({ value: c, label: c }))} />
            <FilterSelect label="Type" allLabel="All types" value={type} onChange={setType} choices={types.map((t) => ({ value: t, label: t }))} />
            <QuickSearchInput
              key={searchGeneration}
              label="Search transactions"
              placeholder="id, type, instrument, info…  (Ctrl+F)"
              onSearch={setSearch}
            />
          </div>
          {readError !== null ? (
            <p role="alert" className="error-text">
              Could not read the cache: {readError}
            </p>
          ) : null}
          {count === 0 ? <p className="muted">No transactions match these filters.</p> : null}
          {revealNote !== null ? (
            <p role="status" className="muted">
              {revealNote}
            </p>
          ) : null}
          <div className="grid-and-details">
            <CachedRowsGrid<TransactionRecord, TransactionSortField>
              gridLabel="Transactions"
              columnDefs={TRANSACTION_COLUMNS}
              planFor={planFor}
              sortFields={TRANSACTION_SORT_FIELDS}
              defaultSort={DEFAULT_TRANSACTION_SORT}
              rowCount={count}
              refreshToken={version}
              rowId={transactionRowId}
              onSelect={onSelect}
              context={context}
              onReadError={onReadError}
              reveal={gridReveal}
              onRevealed={(found) => {
                if (!found) setRevealNote('The row could not be scrolled into view; it is shown in the details panel.');
              }}
            />
            <RowDetailsPanel
              raw={selected?.raw ?? null}
              title={selected ? `${selected.type} ${selected.id} · ${formatUtcTimestamp(selected.timestamp)} · ${labeler(selected.accountKey)}` : null}
            />
          </div>
        </>
      )}
    </section>
  );
}
