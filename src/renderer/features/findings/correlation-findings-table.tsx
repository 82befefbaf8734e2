/**
 * The correlation findings as an accessible table (severity, signal, time, reason, evidence count).
 * Activating a finding — a click on its line, or Enter / Space on its signal button — opens
 * its evidence right below it, each item a link into the Transactions or Login events grid.
 */
import { Fragment, useMemo, useState } from 'react';
import type { CorrelationFinding } from '../../../core/correlate/types';
import { useDisplayZone } from '../formatting/use-display-zone';
import { ZonedTimeText } from '../formatting/zoned-time-text';
import { FindingEvidence } from './finding-evidence';
import { pageOf } from './incident-filters';
import { SIGNAL_NAMES, bySeverityThenNewest, evidenceCount } from './signal-names';
import { PageNav } from './page-nav';

/** Findings per page: the page stays short however many there are. */
const PAGE_SIZE = 50;

export function CorrelationFindingsTable(props: {
  readonly findings: readonly CorrelationFinding[];
  readonly selectedId: string | null;
  onSelect(id: string | null): void;
}) {
  const zone = useDisplayZone();
  const sorted = useMemo(() => [...props.findings].sort(bySeverityThenNewest), [props.findings]);
  const [page, setPage] = useState(1);
  // The selected finding's page opens with it (a finding chosen on the timeline).
  const selectedIndex = props.selectedId === null ? -1 : sorted.findIndex((f) => f.id === props.selectedId);
  const [followed, setFollowed] = useState<string | null>(null);
  if (selectedIndex >= 0 && followed !== props.selectedId) {
    setFollowed(props.selectedId);
    setPage(Math.floor(selectedIndex / PAGE_SIZE) + 1);
  }
  const current = pageOf(sorted, page, PAGE_SIZE);
  const shown = current.items;
  const toggle = (id: string): void => props.onSelect(props.selectedId === id ? null : id);
  return (
    <>
      <table className="recon-table correlation-findings">
        <caption>Correlation findings</caption>
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Signal</th>
            <th scope="col">Time ({zone})</th>
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
                  <td>
                    <ZonedTimeText ms={finding.timestamp} zone={zone} />
                  </td>
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
      <PageNav label="Finding pages" page={current.page} pages={current.pages} onPage={setPage}>
        ({sorted.length} findings)
      </PageNav>
    </>
  );
}
