/**
 * Reconciliation: per account and chain, whether the balance chain is intact, the history complete and
 * the newest balance equal to the live one; transfer and wallet checks; the findings (each opens its row
 * in Transactions); the period summary and the exports. All heavy work runs in the worker.
 */
import { useEffect, useMemo } from 'react';
import { chainKeyOf } from '../../../core/recon/types';
import { useAccounts } from '../../state/accounts-store';
import { useNavigation } from '../../state/navigation-store';
import { formatUtcTimestamp } from '../formatting/utc-time';
import { accountLabeler } from '../cache-grid/account-labels';
import { ChainStatusTable } from './chain-status-table';
import { allGreen, checkedText, pendingDownload, verdictText, type UsernameLookup } from './chain-status-text';
import { FindingsTable } from './findings-table';
import { MovementChecks } from './movement-checks';
import { PeriodSection } from './period-section';
import { useReconciliation } from './reconciliation-store';
import { ProgressBar } from '../app-shell/progress-bar';
import { SyncIssueList, useSyncIssues } from '../sync/sync-issue-list';
import '../../styles/reconciliation.css';

export function ReconciliationView() {
  const accounts = useAccounts((s) => s.accounts);
  const open = useNavigation((s) => s.open);
  const rec = useReconciliation();
  const accountKeys = useMemo(() => accounts.map((a) => a.accountKey), [accounts]);
  const labeler = useMemo(() => accountLabeler(accounts), [accounts]);
  const syncIssues = useSyncIssues(accountKeys);

  // First visit (or new accounts): check what is cached; cheap when the carried state is current.
  const keysText = accountKeys.join('\n');
  useEffect(() => {
    if (accountKeys.length > 0) void useReconciliation.getState().reconcile(accountKeys, 'incremental');
  }, [keysText]);

  const outcome = rec.outcome;
  const statuses = useMemo(() => outcome?.statuses.filter((s) => accountKeys.includes(s.chain.accountKey)) ?? [], [outcome, accountKeys]);
  const usernames = useMemo(() => new Map(outcome?.usernames ?? []), [outcome]);
  const username: UsernameLookup = (chain) => usernames.get(`${chain.accountKey}|${chain.userId}`) ?? null;
  const walletFindings = Object.values(rec.wallet).flatMap((w) => w.outcome?.findings ?? []);
  const findings = useMemo(
    () => [...(outcome?.findings ?? []), ...rec.tieOutFindings, ...walletFindings].filter((f) => accountKeys.includes(f.chain.accountKey)),
    [outcome, rec.tieOutFindings, walletFindings, accountKeys],
  );
  const attention = findings.filter((f) => f.severity !== 'info').length;
  const green = statuses.length > 0 && attention === 0 && allGreen(statuses, rec.tieOuts, chainKeyOf);
  const downloadPending = statuses.some((s) => pendingDownload(s) !== null);
  const accessLogsPending = outcome?.accessLogsNotDownloaded.filter((key) => accountKeys.includes(key)).length ?? 0;

  return (
    <section className="view view--reconciliation" aria-labelledby="reconciliation-heading">
      <h2 id="reconciliation-heading">Reconciliation</h2>
      {accounts.length === 0 || (outcome !== null && statuses.length === 0 && !rec.running) ? (
        <div className="empty-state">
          <p>Nothing synced yet: add an account and sync it, then every balance chain is checked here.</p>
          <button type="button" className="button button--primary" onClick={() => open(accounts.length === 0 ? 'accounts' : 'sync')}>
            {accounts.length === 0 ? 'Go to Accounts' : 'Go to Sync'}
          </button>
        </div>
      ) : (
        <>
          <div className="button-row">
            <button type="button" className="button" disabled={rec.running} onClick={() => void rec.reconcile(accountKeys, 'full')}>
              Run full check
            </button>
            <button type="button" className="button" disabled={rec.liveRunning || statuses.length === 0} onClick={() => void rec.checkLive(accountKeys)}>
              {rec.liveRunning ? 'Checking live balances…' : 'Check live balances'}
            </button>
          </div>
          {rec.running ? <ReconcileProgress done={rec.progress?.done ?? 0} total={rec.progress?.total ?? 0} phase={rec.progress?.phase ?? 'Starting'} /> : null}
          {rec.error !== null ? (
            <p role="alert" className="error-text">
              The check failed: {rec.error}
            </p>
          ) : null}
          {rec.liveError !== null ? (
            <p role="alert" className="error-text">
              Live balances could not be fetched: {rec.liveError}
            </p>
          ) : null}
          {outcome !== null ? (
            <p role="status" className={green ? 'recon-verdict recon-verdict--ok' : 'recon-verdict'}>
              {verdictText(statuses, attention, green, accessLogsPending)}{' '}
              <span className="muted">
                {checkedText(outcome.rowsRead, statuses.reduce((sum, s) => sum + s.rows, 0), outcome.elapsedMs)}
                {rec.finishedAt !== null ? ` at ${formatUtcTimestamp(rec.finishedAt)}` : ''}
                {rec.liveCheckedAt !== null ? `; live balances at ${formatUtcTimestamp(rec.liveCheckedAt)}` : ''}.
              </span>
            </p>
          ) : null}
          <SyncIssueList issues={syncIssues} />
          {statuses.length > 0 ? <ChainStatusTable statuses={statuses} tieOuts={rec.tieOuts} username={username} accountLabel={labeler} /> : null}
          {outcome !== null ? <MovementChecks accounts={accounts} findings={findings} transfersOutside={outcome.transfersOutside} downloadPending={downloadPending} /> : null}
          {outcome !== null ? (
            <section className="recon-section" aria-labelledby="findings-heading">
              <h3 id="findings-heading">Findings</h3>
              <FindingsTable findings={findings} username={username} accountLabel={accounts.length > 1 ? labeler : null} />
            </section>
          ) : null}
          {outcome !== null ? <PeriodSection accounts={accounts} refreshToken={rec.finishedAt} accountLabel={labeler} /> : null}
        </>
      )}
    </section>
  );
}

function ReconcileProgress({ done, total, phase }: { readonly done: number; readonly total: number; readonly phase: string }) {
  const percent = total > 0 ? Math.floor((done / total) * 100) : null;
  return (
    <div className="sync-progress">
      <ProgressBar label="Reconciliation progress" percent={percent} />
      <p className="sync-counters" aria-live="polite">
        {phase}… {total > 0 ? `${done} of ${total} chains` : ''}
      </p>
    </div>
  );
}
