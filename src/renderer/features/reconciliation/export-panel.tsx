/** Export buttons for the five formats (chosen period, every configured account), progress with time left, result. */
import { useEffect, useState } from 'react';
import { EXPORT_FORMATS } from '../../../core/export/export-types';
import type { Period } from '../../../core/recon/types';
import type { AccountInfo } from '../../../shared/contract';
import { exportEtaText, exportPercent } from './export-eta';
import { useExports } from './export-store';
import { ProgressBar } from '../app-shell/progress-bar';

export function ExportPanel({ period, accounts }: { readonly period: Period | null; readonly accounts: readonly AccountInfo[] }) {
  const { running, last, error, start, cancel } = useExports();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (running === null) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [running]);

  const percent = running ? exportPercent(running.done, running.total) : null;
  const eta = running ? exportEtaText(running.done, running.total, running.startedAt, now) : null;
  const labels = accounts.map((a) => [a.accountKey, a.label] as const);
  const disabled = period === null || running !== null || accounts.length === 0;

  return (
    <section className="recon-section" aria-labelledby="exports-heading">
      <h3 id="exports-heading">Exports</h3>
      <p className="muted">
        {period === null ? 'Choose a valid period to export.' : `Every account, ${period.label}. CSV files come with a …reconciliation.txt file (balances, checks, SHA-256 of the rows).`}
      </p>
      <div className="button-row" role="group" aria-label="Export formats">
        {EXPORT_FORMATS.map((f) => (
          <button
            key={f.format}
            type="button"
            className="button"
            disabled={disabled}
            onClick={() => {
              if (period !== null) void start(f.format, period, labels.map(([k]) => k), labels);
            }}
          >
            Export {f.label}
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
          Saved {last.fileName}
          {last.sidecar !== null ? ` and ${last.sidecar.fileName}` : ''}: {last.section.rowsExported.toLocaleString('en-US')} rows, {last.bytes.toLocaleString('en-US')} bytes in{' '}
          {(last.elapsedMs / 1000).toFixed(1)} s. SHA-256 {last.section.sha256.slice(0, 16)}…
        </p>
      ) : null}
    </section>
  );
}
