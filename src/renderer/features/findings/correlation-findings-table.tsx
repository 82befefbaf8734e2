/**
 * The correlation findings as an accessible table (severity, signal, time, reason, evidence count).
 * Activating a finding — a click on its line, or Enter / Space on its signal button — opens
 * its evidence right below it, each item a link into the Transactions or Login events grid.
 */
import { Fragment, useMemo } from 'react';
import type { CorrelationFinding } from '../../../core/correlate/types';
import { formatUtcTimestamp } from '../formatting/utc-time';
import { FindingEvidence } from './finding-evidence';
import { SIGNAL_NAMES, bySeverityThenNewest, evidenceCount } from './signal-names';

/** Far more than a real account shows; the rest is counted. */
const SHOWN_LIMIT = 500;

export function CorrelationFindingsTable(props: {
  readonly findings: readonly CorrelationFinding[];
  readonly selectedId: string | null;
  onSelect(id: string | null): void;
}) {
  const sorted = useMemo(() => [...props.findings].sort(bySeverityThenNewest), [props.findings]);
  const shown = sorted.slice(0, SHOWN_LIMIT);
  const toggle = (id: string): void => props.onSelect(props.selectedId === id ? null : id);
  return (
    <>
      <table className="recon-table correlation-findings">
        <caption>Correlation findings</caption>
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Signal</th>
            <th scope="col">Time (UTC)</th>
            <th scope="col">Reason</th>
            <th scope="col" className="numeric">
              Evidence
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((finding) => {
            const open = finding.id === props.selectedId;
            return (
              <Fragment key={finding.id}>
                <tr
                  className={`finding finding--linked finding--${finding.severity}${open ? ' finding--open' : ''}`}
                  data-finding-id={finding.id}
                  data-signal={finding.signal}
                  onClick={() => toggle(finding.id)}
                >
                  <td>
                    <span className={`status-pill status-pill--${finding.severity === 'high' ? 'bad' : finding.severity === 'medium' ? 'warn' : 'none'}`}>
                      {finding.severity}
                    </span>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      aria-expanded={open}
                      onClick={(event) => {
                        event.stopPropagation();
                        toggle(finding.id);
                      }}
                    >
                      {SIGNAL_NAMES[finding.signal]}
                    </button>
                  </td>
                  <td>{formatUtcTimestamp(finding.timestamp)}</td>
                  <td>{finding.reason}</td>
                  <td className="numeric">{evidenceCount(finding)}</td>
                </tr>
                {open ? (
                  <tr className="finding-evidence-row">
                    <td colSpan={5}>
                      <FindingEvidence finding={finding} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {sorted.length > shown.length ? (
        <p className="muted">
          Showing the {shown.length} most severe and recent of {sorted.length} findings.
        </p>
      ) : null}
    </>
  );
}
