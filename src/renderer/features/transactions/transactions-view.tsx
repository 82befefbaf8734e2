/**
 * Transactions: the cached-rows view configured for the transaction log (account, currency and type
 * filters that pick the index; search over ids, text and amounts), plus "show this row" requests from
 * other views (useTransactionReveal).
 */
import { useMemo } from 'react';
import type { TransactionRecord } from '../../db/database';
import { db } from '../../db/db-instance';
import { useAccounts } from '../../state/accounts-store';
import { useTransactionReveal } from '../../state/transaction-reveal-store';
import { distinctLeadingValues, distinctValues } from '../cache-paging/distinct-index-values';
import { accountLabeler } from '../cache-grid/account-labels';
import { CachedRowsView, type CachedRowsViewConfig, type RevealSource } from '../cache-grid/cached-rows-view';
import { formatZonedTime, UTC_ZONE } from '../formatting/zoned-time';
import { TRANSACTION_COLUMNS, transactionDetailLines, transactionRowId, type TransactionGridContext } from './transaction-columns';
import { locateTransaction } from './transaction-reveal';
import { useUsdValuers } from '../../prices/use-usd-valuers';
import {
  DEFAULT_TRANSACTION_SORT,
  TRANSACTION_SORT_FIELDS,
  planTransactionCount,
  planTransactionQuery,
  type TransactionFilter,
  type TransactionSortField,
} from './transaction-query-plan';

const asStrings = (keys: readonly unknown[]): string[] => keys.filter((k): k is string => typeof k === 'string');

export const TRANSACTIONS_VIEW: CachedRowsViewConfig<TransactionRecord, TransactionSortField, TransactionFilter, TransactionGridContext> = {
  viewId: 'transactions',
  title: 'Transactions',
  gridLabel: 'Transactions',
  noun: { one: 'transaction', many: 'transactions' },
  table: 'transactions',
  filters: [
    {
      id: 'account',
      label: 'Account',
      allLabel: 'All accounts',
      load: async (d) => asStrings(await distinctLeadingValues(d, 'transactions', ['accountKey', 'timestamp'])),
      optionLabel: (value, ctx) => ctx.accountLabel(value),
    },
    { id: 'currency', label: 'Currency', allLabel: 'All currencies', load: async (d) => asStrings(await distinctValues(d, 'transactions', 'currency')) },
    { id: 'type', label: 'Type', allLabel: 'All types', load: async (d) => asStrings(await distinctValues(d, 'transactions', 'type')) },
  ],
  toFilter: (values, search) => ({ accountKey: values.account ?? null, currency: values.currency ?? null, type: values.type ?? null, search }),
  planQuery: (filter, sort, choices) => planTransactionQuery(filter, sort, choices.account ?? []),
  planCount: planTransactionCount,
  sortFields: TRANSACTION_SORT_FIELDS,
  defaultSort: DEFAULT_TRANSACTION_SORT,
  columns: TRANSACTION_COLUMNS,
  rowId: transactionRowId,
  raw: (row) => row.raw,
  timestamp: (row) => row.timestamp,
  detailsTitle: (row, ctx) => `${row.type} ${row.id} · ${formatZonedTime(row.timestamp, UTC_ZONE)} UTC · ${ctx.accountLabel(row.accountKey)}`,
  detailsLines: transactionDetailLines,
  search: { label: 'Search transactions', placeholder: 'id, amount, type, instrument, info…  (Ctrl+F)' },
  empty: <p>No transactions cached yet — add an account and sync.</p>,
};

export function TransactionsView() {
  const accounts = useAccounts((s) => s.accounts);
  const usdValuer = useUsdValuers(accounts);
  const context: TransactionGridContext = useMemo(() => ({ accountLabel: accountLabeler(accounts), usdValuer }), [accounts, usdValuer]);
  const request = useTransactionReveal((s) => s.request);
  const reveal: RevealSource<TransactionRecord> | null = useMemo(
    () =>
      request === null
        ? null
        : {
            key: request.key,
            missingNote: `Row ${request.id} is not in the cache (was the account's data deleted?).`,
            handled: () => useTransactionReveal.getState().handled(request.key),
            locate: async () => {
              const target = await locateTransaction(db, request.accountKey, request.id);
              if (target === null) return null;
              return {
                row: target.row,
                index: target.index,
                filters: { account: target.filter.accountKey, currency: target.filter.currency },
                note: `Showing row ${target.row.id} (${target.row.currency}, filtered to its account and currency).`,
              };
            },
          },
    [request],
  );
  return <CachedRowsView config={TRANSACTIONS_VIEW} context={context} reveal={reveal} />;
}
