/**
 * Overview: the first screen once an account exists. Cards for the reconciliation verdict and the
 * high-severity findings (each opens its view); per account and currency the balance of every user and
 * the total over time, and realized PnL / fees by month. The worker reads and downsamples; this view
 * only draws (uPlot on canvas) at most a few thousand points whatever the history's size.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AccountInfo } from '../../../shared/contract';
import { useAccounts } from '../../state/accounts-store';
import { useNavigation } from '../../state/navigation-store';
import type { OverviewGroup } from '../../worker/overview';
import { useCorrelation } from '../findings/correlation-store';
import { useReconciliation } from '../reconciliation/reconciliation-store';
import { BalancePanel } from './balance-panel';
import { useChartTheme, type ChartTheme } from './chart-theme';
import { MonthBarsPanel } from './month-bars-panel';
import { FindingsCard, ReconciliationCard } from './overview-cards';
import { useOverview } from './overview-store';
import './overview.css';

const NO_FUNDING: ReadonlyMap<string, string> = new Map();

type FundingView =
  | { readonly state: 'reading' }
  | { readonly state: 'failed'; readonly message: string }
  | { readonly state: 'ready'; readonly byGroup: ReadonlyMap<string, ReadonlyMap<string, string>> };

export function OverviewView() {
  const accounts = useAccounts((s) => s.accounts);
  const open = useNavigation((s) => s.open);
  const overview = useOverview();
  const theme = useChartTheme();
  const accountKeys = useMemo(() => accounts.map((a) => a.accountKey), [accounts]);
  const keysText = accountKeys.join('\n');
  const reconciledAt = useReconciliation((s) => s.finishedAt);

  // On open, and after every reconcile run (which follows every sync): cheap when nothing was added.
  useEffect(() => {
    if (accountKeys.length > 0) void useOverview.getState().load(accountKeys);
  }, [keysText, reconciledAt]);

  // Once the charts have their data, the cards' checks run (both in the worker, after the overview).
  const ready = overview.groups !== null && !overview.fromSnapshot;
  useEffect(() => {
    if (!ready || accountKeys.length === 0) return;
    const rec = useReconciliation.getState();
    if (rec.outcome === null && !rec.running) void rec.reconcile(accountKeys, 'incremental');
    const correlation = useCorrelation.getState();
    if (correlation.outcome === null && !correlation.running) void correlation.run();
  }, [ready, keysText]);

  const fundingView = useMemo(() => fundingNow(overview), [overview.funding, overview.fingerprint, overview.fundingError]);

  // Funding needs the full rows: read after the charts and the chain check, so neither waits for it.
  const checked = useReconciliation((s) => s.outcome !== null || s.error !== null);
  useEffect(() => {
    if (ready && checked) void useOverview.getState().loadFunding();
  }, [ready, checked, overview.fingerprint]);

  if (accounts.length === 0) {
    return (
      <section className="view view--overview" aria-labelledby="overview-heading">
        <h2 id="overview-heading">Overview</h2>
        <div className="empty-state">
          <p>No account yet: add a read-only API key (or try the demo account) and its balances and monthly PnL appear here.</p>
          <button type="button" className="button button--primary" onClick={() => open('accounts')}>
            Go to Accounts
          </button>
        </div>
      </section>
    );
  }

  const groups = overview.groups;
  return (
    <section className="view view--overview" aria-labelledby="overview-heading">
      <h2 id="overview-heading">Overview</h2>
      <div className="overview-cards">
        <ReconciliationCard accountKeys={accountKeys} />
        <FindingsCard />
      </div>
      {overview.error !== null ? (
        <p role="alert" className="error-text">
          The overview could not be computed: {overview.error}. The cached rows are untouched; sync again or reopen the app to retry.
        </p>
      ) : null}
      {groups === null || (groups.length === 0 && overview.fromSnapshot) ? (
        <p className="muted" role="status">
          Reading the cached balances…
        </p>
      ) : groups.length === 0 ? (
        <div className="empty-state">
          <p>Nothing synced yet: sync an account and its balances over time appear here.</p>
          <button type="button" className="button button--primary" onClick={() => open('sync')}>
            Go to Sync
          </button>
        </div>
      ) : (
        <>
          {overview.fromSnapshot ? (
            <p className="muted" role="status">
              Checking for rows added since the app was last open…
            </p>
          ) : null}
          <OverviewCharts accounts={accounts} groups={groups} theme={theme} current={!overview.fromSnapshot} funding={fundingView} />
        </>
      )}
    </section>
  );
}

/** Funding that belongs to the groups shown; null while it is being read (or failed: see fundingError). */
function fundingNow(overview: Pick<ReturnType<typeof useOverview.getState>, 'funding' | 'fingerprint' | 'fundingError'>): FundingView {
  if (overview.fundingError !== null) return { state: 'failed', message: overview.fundingError };
  if (overview.funding === null || overview.funding.fingerprint !== overview.fingerprint) return { state: 'reading' };
  const byGroup = new Map(overview.funding.groups.map((g) => [`${g.accountKey}|${g.currency}`, new Map(g.months)]));
  return { state: 'ready', byGroup };
}

function OverviewCharts({
  accounts,
  groups,
  theme,
  current,
  funding,
}: {
  readonly accounts: readonly AccountInfo[];
  readonly groups: readonly OverviewGroup[];
  readonly theme: ChartTheme;
  /** The groups are confirmed current by the worker (not only the snapshot of the last session). */
  readonly current: boolean;
  readonly funding: FundingView;
}) {
  const labels = new Map(accounts.map((a) => [a.accountKey, a.label]));
  const byAccount = new Map<string, OverviewGroup[]>();
  for (const g of groups) {
    const list = byAccount.get(g.accountKey);
    if (list) list.push(g);
    else byAccount.set(g.accountKey, [g]);
  }
  // Every balance chart drawn with current data: marked for the benchmark (performance entry, once per
  // page) and tests (data attribute).
  const charts = groups.filter((g) => g.chart.times.length > 0).length;
  const drawn = useRef({ groups, keys: new Set<string>() });
  const [drawnFor, setDrawnFor] = useState<readonly OverviewGroup[] | null>(null);
  const allDrawn = (drawnFor === groups || charts === 0) && current;
  const onDrawn = (key: string): void => {
    if (drawn.current.groups !== groups) drawn.current = { groups, keys: new Set() };
    const { keys } = drawn.current;
    if (keys.has(key)) return;
    keys.add(key);
    if (keys.size === charts) setDrawnFor(groups);
  };
  useEffect(() => {
    if (allDrawn && performance.getEntriesByName('overview-charts-drawn').length === 0) performance.mark('overview-charts-drawn');
  }, [allDrawn]);
  return (
    <div className="overview-accounts" data-charts-drawn={allDrawn ? 'true' : 'false'}>
      {[...byAccount].map(([accountKey, list]) => {
        const label = labels.get(accountKey) ?? `${accountKey} (key removed)`;
        const headingId = `overview-account-${accountKey.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
        return (
          <section key={accountKey} className="overview-account" aria-labelledby={headingId}>
            <h3 id={headingId}>{label}</h3>
            {list.map((g) => {
              const groupId = `${headingId}-${g.currency}`;
              return (
                <article key={g.currency} className="overview-group" aria-labelledby={groupId}>
                  <h4 id={groupId}>
                    <span className="overview-sr">{label} · </span>
                    {g.currency}
                  </h4>
                  <div className="overview-group-panels">
                    <BalancePanel chart={g.chart} theme={theme} onDrawn={() => onDrawn(groupId)} />
                    <MonthBarsPanel
                      currency={g.currency}
                      months={g.months}
                      theme={theme}
                      funding={funding.state === 'ready' ? (funding.byGroup.get(`${g.accountKey}|${g.currency}`) ?? NO_FUNDING) : funding.state === 'failed' ? funding.message : null}
                    />
                  </div>
                </article>
              );
            })}
          </section>
        );
      })}
    </div>
  );
}
