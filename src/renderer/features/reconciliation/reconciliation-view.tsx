/**
 * Reconciliation, in two parts under one verdict line, so that each fits a screen:
 * - Balance chains: per account and chain, whether the balance chain is intact, the history complete
 *   and the newest balance equal to the live one; transfer and wallet checks; the findings (each opens
 *   its row in Transactions).
 * - Year-end: the period picker and export buttons at the top, then the period summary.
 * The part shown is kept while other tabs are visited. All heavy work runs in the worker.
 */
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { create } from 'zustand';
import { chainKeyOf } from '../../../core/recon/types';
import { useAccounts } from '../../state/accounts-store';
import { useNavigation } from '../../state/navigation-store';
import { useDisplayZone } from '../formatting/use-display-zone';
import { ZonedTimeText } from '../formatting/zoned-time-text';
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
import './reconciliation-parts.css';

type ReconPart = 'chains' | 'year-end';
const PARTS: readonly { readonly id: ReconPart; readonly label: string }[] = [
  { id: 'chains', label: 'Balance chains' },
  { id: 'year-end', label: 'Year-end' },
];

/** Which part is open: kept across tab switches (the view unmounts). */
export const useReconPart = create<{ readonly part: ReconPart; show(part: ReconPart): void }>()((set) => ({
  part: 'chains',
  show: (part) => set({ part }),
}));

const partTabId = (part: ReconPart): string => `recon-part-tab-${part}`;
const partPanelId = (part: ReconPart): string => `recon-part-panel-${part}`;

/** The two parts as an ARIA tablist: arrow keys, Home and End move and open (as the main tabs do). */
function PartTabs() {
  const part = useReconPart((s) => s.part);
  const show = useReconPart((s) => s.show);
  const buttons = useRef(new Map<ReconPart, HTMLButtonElement>());
  const move = (index: number): void => {
    const target = PARTS[(index + PARTS.length) % PARTS.length];
    if (!target) return;
    show(target.id);
    buttons.current.get(target.id)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const index = PARTS.findIndex((p) => p.id === part);
    const keys: Record<string, () => void> = {
      ArrowRight: () => move(index + 1),
      ArrowLeft: () => move(index - 1),
      Home: () => move(0),
      End: () => move(PARTS.length - 1),
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };
  return (
    <div role="tablist" aria-label="Reconciliation parts" className="recon-parts" onKeyDown={onKeyDown}>
      {PARTS.map((p) => (
        <button
          key={p.id}
          ref={(el) => {
            if (el) buttons.current.set(p.id, el);
            else buttons.current.delete(p.id);
          }}
          type="button"
          role="tab"
          id={partTabId(p.id)}
          aria-selected={p.id === part}
          aria-controls={partPanelId(p.id)}
          tabIndex={p.id === part ? 0 : -1}
          className="recon-part-tab"
          onClick={() => show(p.id)}
        >
          {p.label}
        </button>
      ))}
    </div>
  );
}

export function ReconciliationView() {
  const accounts = useAccounts((s) => s.accounts);
  const open = useNavigation((s) => s.open);
  const rec = useReconciliation();
  const part = useReconPart((s) => s.part);
  const accountKeys = useMemo(() => accounts.map((a) => a.accountKey), [accounts]);
  const labeler = useMemo(() => accountLabeler(accounts), [accounts]);
  const syncIssues = useSyncIssues(accountKeys);
  const zone = useDisplayZone();

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
                {rec.finishedAt !== null ? (
                  <>
                    {' at '}
                    <ZonedTimeText ms={rec.finishedAt} zone={zone} />
                  </>
                ) : null}
                {rec.liveCheckedAt !== null ? (
                  <>
                    {'; live balances at '}
                    <ZonedTimeText ms={rec.liveCheckedAt} zone={zone} />
                  </>
                ) : null}
                {rec.finishedAt !== null || rec.liveCheckedAt !== null ? ` (${zone})` : ''}.
              </span>
            </p>
          ) : null}
          <SyncIssueList issues={syncIssues} />
          <PartTabs />
          <div role="tabpanel" id={partPanelId(part)} aria-labelledby={partTabId(part)} className="recon-part-panel">
            {part === 'chains' ? (
              <>
                <div className="button-row">
                  <button type="button" className="button" disabled={rec.running} onClick={() => void rec.reconcile(accountKeys, 'full')}>
                    Run full check
                  </button>
                  <button type="button" className="button" disabled={rec.liveRunning || statuses.length === 0} onClick={() => void rec.checkLive(accountKeys)}>
                    {rec.liveRunning ? 'Checking live balances…' : 'Check live balances'}
                  </button>
                </div>
                {statuses.length > 0 ? <ChainStatusTable statuses={statuses} tieOuts={rec.tieOuts} username={username} accountLabel={labeler} /> : null}
                {outcome !== null ? <MovementChecks accounts={accounts} findings={findings} transfersOutside={outcome.transfersOutside} downloadPending={downloadPending} /> : null}
                {outcome !== null ? (
                  <section className="recon-section" aria-labelledby="findings-heading">
                    <h3 id="findings-heading">Findings</h3>
                    <FindingsTable findings={findings} username={username} accountLabel={accounts.length > 1 ? labeler : null} />
                  </section>
                ) : null}
              </>
            ) : outcome !== null ? (
              <PeriodSection accounts={accounts} refreshToken={rec.finishedAt} accountLabel={labeler} />
            ) : (
              <p className="muted">The year-end summary and exports appear once the first check has finished.</p>
            )}
          </div>
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
