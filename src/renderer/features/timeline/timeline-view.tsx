/**
 * Timeline: per account, money that left (withdrawals, transfers out, big losses) and login events of
 * every source on one time axis, with the correlation findings marked on it. Zoom (wheel, + / −, buttons),
 * pan (drag, arrow keys), lanes filtered by source; the visible window is read from Dexie by index and
 * drawn aggregated, never one DOM node per event.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LoginSourceKind } from '../../../core/logins/types';
import { useAccounts } from '../../state/accounts-store';
import { useNavigation } from '../../state/navigation-store';
import { FindingEvidence } from '../findings/finding-evidence';
import { useCorrelation } from '../findings/correlation-store';
import { clampRange, fullRange, type TimeRange } from './time-range';
import { findingsForAccount } from './timeline-content';
import { TimelineFigure } from './timeline-figure';
import { LANE_SOURCES, SOURCE_NAMES, lanesForAccount } from './timeline-events';
import { useLaneWindows, useSourceKeys } from './use-timeline-window';
import './timeline.css';

export function TimelineView() {
  const accounts = useAccounts((s) => s.accounts);
  const open = useNavigation((s) => s.open);
  const correlation = useCorrelation();
  const [accountKey, setAccountKey] = useState<string | null>(null);
  const account = accounts.find((a) => a.accountKey === accountKey) ?? accounts[0] ?? null;
  const [shown, setShown] = useState<ReadonlySet<LoginSourceKind>>(new Set(LANE_SOURCES));
  const { sourceKeys, loaded } = useSourceKeys();

  useEffect(() => {
    useCorrelation.getState().needMovements();
    if (useCorrelation.getState().outcome === null && accounts.length > 0) void useCorrelation.getState().run();
  }, [accounts.length]);

  const key = account?.accountKey ?? '';
  const movements = useMemo(() => (correlation.outcome?.movements ?? []).filter((m) => m.chain.accountKey === key), [correlation.outcome, key]);
  const findings = useMemo(() => findingsForAccount(correlation.outcome?.findings ?? [], key), [correlation.outcome, key]);
  const lanes = useMemo(() => lanesForAccount(key, sourceKeys, shown), [key, sourceKeys, shown]);
  const lanesKey = JSON.stringify([...lanes.entries()]);

  const extent = useMemo((): TimeRange | null => {
    const points = [
      ...sourceKeys.filter((s) => s.source !== 'deribit' || s.sourceKey === key).flatMap((s) => [s.first, s.last]),
      ...(movements.length > 0 ? [movements[0]?.timestamp ?? 0, movements[movements.length - 1]?.timestamp ?? 0] : []),
    ];
    return points.length === 0 ? null : { from: Math.min(...points), to: Math.max(...points) + 1 };
  }, [sourceKeys, movements, key]);
  const [range, setRange] = useState<TimeRange | null>(null);
  const extentKey = extent === null ? '' : `${key}|${extent.from}|${extent.to}`;
  // The extent grows as sources and movements arrive (a correlation may be ready before the sources'
  // spans are): a view still showing everything keeps showing everything; a zoomed one stays where it is.
  const shownExtent = useRef<TimeRange | null>(null);
  useEffect(() => {
    const previous = shownExtent.current === null ? null : fullRange(shownExtent.current);
    shownExtent.current = extent;
    setRange((current) =>
      extent === null ? null : current === null || (previous !== null && current.from === previous.from && current.to === previous.to) ? fullRange(extent) : clampRange(current, extent),
    );
  }, [extentKey]);
  useEffect(() => setRange(extent === null ? null : fullRange(extent)), [key]);

  const windows = useLaneWindows(lanes, range, lanesKey);
  const visibleLanes = windows.filter((w) => lanes.has(w.source));

  if (accounts.length === 0 || (loaded && extent === null && !correlation.running && correlation.outcome !== null)) {
    return (
      <section className="view" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <div className="empty-state">
          <p>Nothing to show yet: sync an account (and, for more context, add login sources), then money movements and logins appear here on one time axis.</p>
          <button type="button" className="button button--primary" onClick={() => open(accounts.length === 0 ? 'accounts' : 'sync')}>
            {accounts.length === 0 ? 'Go to Accounts' : 'Go to Sync'}
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="view" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      <div className="timeline-toolbar">
        {accounts.length > 1 ? (
          <label className="field field--inline">
            <span>Account</span>
            <select value={key} onChange={(event) => setAccountKey(event.target.value)}>
              {accounts.map((a) => (
                <option key={a.accountKey} value={a.accountKey}>
                  {a.label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <fieldset className="timeline-sources">
          <legend>Login sources shown</legend>
          {LANE_SOURCES.map((source) => (
            <label key={source}>
              <input
                type="checkbox"
                checked={shown.has(source)}
                onChange={(event) => {
                  const next = new Set(shown);
                  if (event.target.checked) next.add(source);
                  else next.delete(source);
                  setShown(next);
                }}
              />{' '}
              {SOURCE_NAMES[source]}
            </label>
          ))}
        </fieldset>
      </div>
      {correlation.error !== null ? (
        <p role="alert" className="error-text">
          Correlation failed: {correlation.error}
        </p>
      ) : null}
      {range === null || extent === null ? (
        <p className="muted">{correlation.running ? 'Correlating…' : 'Reading the cache…'}</p>
      ) : (
        <TimelineFigure
          accountLabel={account?.label ?? key}
          range={range}
          extent={extent}
          onRange={setRange}
          movements={movements}
          lanes={visibleLanes}
          findings={findings}
          selectedFindingId={correlation.selectedId}
          onFinding={(finding) => correlation.select(finding.id)}
        />
      )}
      <SelectedFinding findings={findings} />
      <p className="muted timeline-legend">
        Colours: <span className="legend-swatch tl-withdrawal" /> withdrawal, <span className="legend-swatch tl-transfer" /> transfer out,{' '}
        <span className="legend-swatch tl-loss" /> loss, <span className="legend-swatch tl-success" /> login, <span className="legend-swatch tl-failure" /> failed login,{' '}
        <span className="legend-swatch tl-denied" /> access denied, <span className="legend-swatch tl-security" /> security change. Keys: + and − zoom, arrows pan, Shift +
        arrows move the inspection cursor, Home shows everything.
      </p>
    </section>
  );
}

function SelectedFinding({ findings }: { readonly findings: ReturnType<typeof findingsForAccount> }) {
  const selectedId = useCorrelation((s) => s.selectedId);
  const finding = findings.find((f) => f.id === selectedId);
  if (finding === undefined) return null;
  return (
    <section className="timeline-selected" aria-labelledby="timeline-finding-heading">
      <h3 id="timeline-finding-heading">Selected finding</h3>
      <p>
        <strong>{finding.severity}</strong>: {finding.reason}
      </p>
      <FindingEvidence finding={finding} />
    </section>
  );
}
