/**
 * Findings: what the correlation of money movements with login and security events found, most severe
 * first; each finding opens its evidence (links into the Transactions and Login events grids). The
 * settings that drive it sit below. The work runs in the worker; this view only shows and asks.
 */
import { useEffect } from 'react';
import { useAccounts } from '../../state/accounts-store';
import { useNavigation } from '../../state/navigation-store';
import { formatUtcTimestamp } from '../formatting/utc-time';
import { CorrelationFindingsTable } from './correlation-findings-table';
import { CorrelationSettingsForm } from './correlation-settings-form';
import { useCorrelation } from './correlation-store';
import '../timeline/timeline.css';

export function FindingsView() {
  const accounts = useAccounts((s) => s.accounts);
  const open = useNavigation((s) => s.open);
  const correlation = useCorrelation();

  useEffect(() => {
    if (accounts.length > 0) void useCorrelation.getState().run();
  }, [accounts.length]);

  const outcome = correlation.outcome;
  const findings = outcome?.findings ?? [];
  const high = findings.filter((f) => f.severity === 'high').length;

  return (
    <section className="view" aria-labelledby="findings-view-heading">
      <h2 id="findings-view-heading">Findings</h2>
      {accounts.length === 0 ? (
        <div className="empty-state">
          <p>Nothing to correlate yet: add and sync an account; add login sources to see who logged in around each withdrawal.</p>
          <button type="button" className="button button--primary" onClick={() => open('accounts')}>
            Go to Accounts
          </button>
        </div>
      ) : (
        <>
          <div className="button-row">
            <button type="button" className="button" disabled={correlation.running} onClick={() => void correlation.run()}>
              {correlation.running ? 'Correlating…' : 'Correlate again'}
            </button>
          </div>
          {correlation.running ? (
            <p role="status" className="muted">
              {correlation.progress ? `${correlation.progress.phase}… ${correlation.progress.total > 1 ? `${correlation.progress.done} of ${correlation.progress.total}` : ''}` : 'Correlating…'}
            </p>
          ) : null}
          {correlation.error !== null ? (
            <p role="alert" className="error-text">
              Correlation failed: {correlation.error}
            </p>
          ) : null}
          {outcome !== null ? (
            <p role="status" className={findings.length === 0 ? 'recon-verdict recon-verdict--ok' : 'recon-verdict'}>
              {findings.length === 0
                ? `No findings: ${outcome.movements.length} money movements checked against the login events, nothing suspicious.`
                : `${findings.length} ${findings.length === 1 ? 'finding' : 'findings'} (${high} high) across ${outcome.movements.length} money movements.`}{' '}
              <span className="muted">
                Correlated in {Math.round(outcome.elapsedMs)} ms{correlation.finishedAt !== null ? ` at ${formatUtcTimestamp(correlation.finishedAt)}` : ''}.
              </span>
            </p>
          ) : null}
          {findings.length > 0 ? <CorrelationFindingsTable findings={findings} selectedId={correlation.selectedId} onSelect={correlation.select} /> : null}
          <section className="recon-section" aria-labelledby="correlation-settings-heading">
            <h3 id="correlation-settings-heading">Settings</h3>
            <CorrelationSettingsForm settings={correlation.settings} onSave={(settings) => void correlation.saveSettings(settings)} />
          </section>
        </>
      )}
    </section>
  );
}
