/**
 * Findings: the correlation's incidents first (one story, one incident; most severe and newest first),
 * filtered by severity, signal, account, source and review, a page at a time; each opens its evidence and
 * can be marked reviewed with a note. Every single finding stays reachable below, as do the settings.
 * The work runs in the worker; this view only shows and asks.
 */
import { useEffect, useMemo, useState } from 'react';
import { useAccounts } from '../../state/accounts-store';
import { useLoginSources } from '../../state/login-sources-store';
import { useNavigation } from '../../state/navigation-store';
import { useDisplayZone } from '../formatting/use-display-zone';
import { ZonedTimeText } from '../formatting/zoned-time-text';
import { CorrelationFindingsTable } from './correlation-findings-table';
import { CorrelationSettingsForm } from './correlation-settings-form';
import { useCorrelation } from './correlation-store';
import { IncidentCard } from './incident-card';
import { NO_FILTER, filterChoices, filterIncidents, pageOf, unreviewedHighCount, type IncidentFilter } from './incident-filters';
import { useIncidentReviews } from './incident-reviews-store';
import { SIGNAL_NAMES } from './signal-names';
import '../timeline/timeline.css';
import './findings.css';
import { PageNav } from './page-nav';

const PAGE_SIZE = 20;

export function FindingsView() {
  const accounts = useAccounts((s) => s.accounts);
  const sources = useLoginSources((s) => s.sources);
  const open = useNavigation((s) => s.open);
  const correlation = useCorrelation();
  const zone = useDisplayZone();
  const reviews = useIncidentReviews((s) => s.reviews);
  const reviewError = useIncidentReviews((s) => s.error);
  const [filter, setFilter] = useState<IncidentFilter>(NO_FILTER);
  const [page, setPage] = useState(1);

  useEffect(() => {
    if (accounts.length > 0) void useCorrelation.getState().run();
    if (!useIncidentReviews.getState().loaded) void useIncidentReviews.getState().load();
  }, [accounts.length]);

  const outcome = correlation.outcome;
  const findings = outcome?.findings ?? [];
  const incidents = useMemo(() => outcome?.incidents ?? [], [outcome]);
  const choices = useMemo(() => filterChoices(incidents), [incidents]);
  const shown = useMemo(() => filterIncidents(incidents, filter, reviews), [incidents, filter, reviews]);
  const current = pageOf(shown, page, PAGE_SIZE);
  const filtering = (Object.keys(NO_FILTER) as (keyof IncidentFilter)[]).some((k) => filter[k] !== NO_FILTER[k]);
  const high = incidents.filter((i) => i.severity === 'high').length;
  const unreviewedHigh = unreviewedHighCount(incidents, reviews);
  const selectedIncident = correlation.selectedId === null ? null : (incidents.find((i) => i.findingIds.includes(correlation.selectedId ?? '')) ?? null);

  const accountName = (key: string): string => accounts.find((a) => a.accountKey === key)?.label ?? key;
  const sourceName = (key: string): string => sources.find((s) => s.sourceKey === key)?.label ?? (accounts.some((a) => a.accountKey === key) ? `Deribit (${accountName(key)})` : key);
  const setFilterField = (change: Partial<IncidentFilter>): void => {
    setFilter({ ...filter, ...change });
    setPage(1);
  };

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
          <details className="recon-section">
            <summary>Correlation settings (window {correlation.settings.windowHours} h, {correlation.settings.lossThresholds.length} loss thresholds)</summary>
            <CorrelationSettingsForm settings={correlation.settings} onSave={(settings) => void correlation.saveSettings(settings)} />
          </details>
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
          {reviewError !== null ? (
            <p role="alert" className="error-text">
              {reviewError}
            </p>
          ) : null}
          {outcome !== null ? (
            <p role="status" className={incidents.length === 0 ? 'recon-verdict recon-verdict--ok' : 'recon-verdict'}>
              {incidents.length === 0
                ? `No incidents: ${outcome.movementCount} money movements checked against the login events, nothing suspicious.`
                : `${incidents.length} ${incidents.length === 1 ? 'incident' : 'incidents'} (${high} high, ${unreviewedHigh} unreviewed high) from ${findings.length} ${findings.length === 1 ? 'finding' : 'findings'} across ${outcome.movementCount} money movements.`}{' '}
              <span className="muted">
                Correlated in {Math.round(outcome.elapsedMs)} ms{correlation.finishedAt !== null ? (
                  <>
                    {' at '}
                    <ZonedTimeText ms={correlation.finishedAt} zone={zone} named />
                  </>
                ) : null}
                .
              </span>
            </p>
          ) : null}
          {incidents.length > 0 ? (
            <section aria-labelledby="incidents-heading">
              <h3 id="incidents-heading">Incidents</h3>
              <form className="incident-filters" role="search" aria-label="Filter incidents" onSubmit={(e) => e.preventDefault()}>
                <label>
                  Severity
                  <select value={filter.severity} onChange={(e) => setFilterField({ severity: e.target.value as IncidentFilter['severity'] })}>
                    <option value="all">All severities</option>
                    <option value="high">High</option>
                    <option value="medium">Medium</option>
                    <option value="low">Low</option>
                  </select>
                </label>
                <label>
                  Signal
                  <select value={filter.signal} onChange={(e) => setFilterField({ signal: e.target.value as IncidentFilter['signal'] })}>
                    <option value="all">All signals</option>
                    {choices.signals.map((s) => (
                      <option key={s} value={s}>
                        {SIGNAL_NAMES[s]}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  Account
                  <select value={filter.accountKey} onChange={(e) => setFilterField({ accountKey: e.target.value })}>
                    <option value="all">All accounts</option>
                    {choices.accountKeys.map((k) => (
                      <option key={k} value={k}>
                        {accountName(k)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  Source
                  <select value={filter.sourceKey} onChange={(e) => setFilterField({ sourceKey: e.target.value })}>
                    <option value="all">All sources</option>
                    {choices.sourceKeys.map((k) => (
                      <option key={k} value={k}>
                        {sourceName(k)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  Review
                  <select value={filter.review} onChange={(e) => setFilterField({ review: e.target.value as IncidentFilter['review'] })}>
                    <option value="all">Reviewed or not</option>
                    <option value="unreviewed">Not reviewed</option>
                    <option value="reviewed">Reviewed</option>
                  </select>
                </label>
                <button type="button" className="button" disabled={!filtering} onClick={() => setFilterField(NO_FILTER)}>
                  Clear filters
                </button>
              </form>
              <p role="status" className="muted">
                {shown.length === incidents.length ? `Showing all ${incidents.length} incidents.` : `${shown.length} of ${incidents.length} incidents match the filters.`}
              </p>
              {shown.length === 0 ? (
                <div className="empty-state">
                  <p>No incident matches these filters.</p>
                  <button type="button" className="button" onClick={() => setFilterField(NO_FILTER)}>
                    Clear filters
                  </button>
                </div>
              ) : (
                <ol className="incident-list" aria-label="Incidents">
                  {current.items.map((incident) => (
                    <li key={incident.id}>
                      <IncidentCard incident={incident} sourceName={sourceName} highlighted={incident === selectedIncident} />
                    </li>
                  ))}
                </ol>
              )}
              <PageNav label="Incident pages" page={current.page} pages={current.pages} onPage={setPage} />
            </section>
          ) : null}
          {findings.length > 0 ? (
            <details className="recon-section" open={correlation.selectedId !== null ? true : undefined}>
              <summary>
                All findings ({findings.length}
                {outcome && outcome.contextFindingIds.length > 0 ? `, ${outcome.contextFindingIds.length} of them context tied to no account` : ''})
              </summary>
              <CorrelationFindingsTable findings={findings} selectedId={correlation.selectedId} onSelect={correlation.select} />
            </details>
          ) : null}
        </>
      )}
    </section>
  );
}
