/**
 * Findings: severity, chain, row, message. Activating a finding (click anywhere on its line, or Enter
 * on its row button) opens the Transactions tab with that row shown, selected and its details open.
 */
import type { Finding } from '../../../core/recon/types';
import { useTransactionReveal } from '../../state/transaction-reveal-store';
import { chainLabel, severityWord, type UsernameLookup } from './chain-status-text';

/** Enough for any real account; the rest is counted, not rendered (exports carry every finding). */
const SHOWN_LIMIT = 500;

export function FindingsTable({
  findings,
  username,
  accountLabel,
}: {
  readonly findings: readonly Finding[];
  readonly username: UsernameLookup;
  readonly accountLabel: ((accountKey: string) => string) | null;
}) {
  const reveal = useTransactionReveal((s) => s.reveal);
  if (findings.length === 0) return <p className="success-text">No findings: nothing needs attention.</p>;
  const shown = findings.slice(0, SHOWN_LIMIT);
  return (
    <>
      <table className="recon-table recon-findings">
        <caption className="caption--hidden">Findings</caption>
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Chain</th>
            <th scope="col">Row</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((finding, i) => {
            const rowId = finding.rowId;
            const open = rowId === null ? undefined : () => reveal(finding.chain.accountKey, rowId);
            return (
              <tr
                key={`${finding.kind}-${finding.chain.accountKey}-${finding.chain.userId}-${finding.chain.currency}-${rowId ?? 'none'}-${i}`}
                className={`finding finding--${finding.severity}${open ? ' finding--linked' : ''}`}
                data-kind={finding.kind}
                onClick={open}
              >
                <td>
                  <span className={`status-pill status-pill--${finding.severity === 'error' ? 'bad' : finding.severity === 'warning' ? 'warn' : 'none'}`}>
                    {severityWord(finding)}
                  </span>
                </td>
                <td>{chainLabel(finding.chain, username, accountLabel)}</td>
                <td>
                  {rowId === null ? (
                    '—'
                  ) : (
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`Show row ${rowId} in Transactions`}
                      onClick={(event) => {
                        event.stopPropagation();
                        open?.();
                      }}
                    >
                      {rowId}
                    </button>
                  )}
                </td>
                <td>{finding.message}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {findings.length > shown.length ? (
        <p className="muted">
          Showing the first {shown.length} of {findings.length} findings; every finding is in the exports&apos; reconciliation section.
        </p>
      ) : null}
    </>
  );
}
