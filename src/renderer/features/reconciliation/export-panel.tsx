/**
 * Export buttons for the five formats (chosen period, every configured account), each naming the
 * period; a warning before a period with no rows is exported; progress with time left; the result.
 * Every export is one download: a .zip with a CSV and its sidecar, or one file per Deribit user (a
 * single file too large for a .zip comes as two downloads, the file and its sidecar, and says so).
 */
import { useEffect, useId, useState } from 'react';
import { EXPORT_FORMATS } from '../../../core/export/export-types';
import type { Period } from '../../../core/recon/types';
import type { AccountInfo } from '../../../shared/contract';
import { exportEtaText, exportPercent } from './export-eta';
import { exportSavedText } from './export-saved-text';
import { useExports } from './export-store';
import { ProgressBar } from '../app-shell/progress-bar';

export function ExportPanel({
  period,
  accounts,
  periodRows,
}: {
  readonly period: Period | null;
  readonly accounts: readonly AccountInfo[];
  /** Rows of the chosen period over every chain; null while they are being counted (or could not be). */
  readonly periodRows: number | null | 'unknown';
}) {
  const id = useId();
  const { running, last, error, start, cancel } = useExports();
  const [now, setNow] = useState(() => Date.now());
  const [perWallet, setPerWallet] = useState(false);
  const [continuesLedger, setContinuesLedger] = useState(false);
  const [emptyConfirmed, setEmptyConfirmed] = useState<string | null>(null);
  useEffect(() => {
    if (running === null) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [running]);

  const percent = running ? exportPercent(running.done, running.total) : null;
  const eta = running ? exportEtaText(running.done, running.total, running.startedAt, now) : null;
  const labels = accounts.map((a) => [a.accountKey, a.label] as const);
  const empty = period !== null && periodRows === 0;
  // "Export anyway" holds for the period it was ticked for only.
  const emptyAccepted = empty && emptyConfirmed === period.label;
  const disabled = period === null || running !== null || accounts.length === 0 || periodRows === null || (empty && !emptyAccepted);

  return (
    <section className="recon-section" aria-labelledby="exports-heading">
      <h3 id="exports-heading">Exports</h3>
      <p className="muted">
        {period === null
          ? 'Choose a valid period to export.'
          : `Every account, ${period.label}. Each export is one file: CSV files come in a .zip with their …reconciliation.txt (balances, checks, SHA-256 of the rows).`}
      </p>
      {empty ? (
        <div className="warning-box">
          <p role="alert">
            {period.label} has no rows in any account: an export would hold no transactions, only balances.
          </p>
          <label className="choice-inline">
            <input type="checkbox" checked={emptyAccepted} onChange={(e) => setEmptyConfirmed(e.target.checked ? period.label : null)} />
            Export anyway
          </label>
        </div>
      ) : null}
      <label className="choice-inline" htmlFor={`${id}-wallet`}>
        <input id={`${id}-wallet`} type="checkbox" checked={perWallet} onChange={(e) => setPerWallet(e.target.checked)} />
        One file per user (the main account and each subaccount, named after the username)
      </label>
      <label className="choice-inline" htmlFor={`${id}-continue`}>
        <input id={`${id}-continue`} type="checkbox" checked={continuesLedger} onChange={(e) => setContinuesLedger(e.target.checked)} />
        Beancount: continue the previous period&apos;s file (no open directives or opening balances; include both in one ledger)
      </label>
      <div className="button-row" role="group" aria-label="Export formats">
        {EXPORT_FORMATS.map((f) => (
          <button
            key={f.format}
            type="button"
            className="button"
            disabled={disabled}
            onClick={() => {
              if (period !== null) void start(f.format, period, labels.map(([k]) => k), labels, { perWallet, beancountLayout: continuesLedger ? 'continuation' : 'standalone' });
            }}
          >
            Export {f.label}
            {period !== null ? `, ${period.label}` : ''}
          </button>
        ))}
      </div>
      {running !== null ? (
        <div className="sync-progress">
          <ProgressBar label="Export progress" percent={percent} />
          <p className="sync-counters" aria-live="polite">
            <span>{running.phase}…</span>
            {running.total > 0 ? (
              <span>
                {running.done} of {running.total} rows
              </span>
            ) : null}
            {eta !== null ? <span>{eta}</span> : null}
          </p>
          <button type="button" className="button" onClick={cancel}>
            Cancel export
          </button>
        </div>
      ) : null}
      {error !== null ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      {last !== null && running === null ? (
        <p role="status" className="success-text">
          {exportSavedText(last)}
        </p>
      ) : null}
    </section>
  );
}
