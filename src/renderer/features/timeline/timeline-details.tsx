/**
 * What lies under the inspection cursor (pointer hover, or Shift + arrow keys): the bucket's time span,
 * its money movements and login events (a few listed, the rest counted) and findings, in a polite live
 * region. Rows and events link to their grids through the same reveal actions as the Findings view.
 */
import type { CorrelationFinding, MoneyMovement } from '../../../core/correlate/types';
import { useLoginEventReveal } from '../../state/login-event-reveal-store';
import { useTransactionReveal } from '../../state/transaction-reveal-store';
import { ZonedTimeText } from '../formatting/zoned-time-text';
import { sortedSlice } from './time-buckets';
import type { TimeRange } from './time-range';
import { formatRangeInZone } from './time-ticks';
import { MOVEMENT_NAMES, movementCategory, movementsInRange } from './timeline-content';
import { SOURCE_NAMES, type LaneWindow } from './timeline-events';
import { useReviewedFindings } from '../findings/use-reviewed-findings';

const LISTED = 5;

export function TimelineDetails(props: {
  readonly window: TimeRange | null;
  readonly movements: readonly MoneyMovement[];
  readonly lanes: readonly LaneWindow[];
  readonly findings: readonly CorrelationFinding[];
  /** The display zone: named once, in the window's heading; each time carries its UTC instant as a tooltip. */
  readonly zone: string;
}) {
  const reveal = useTransactionReveal((s) => s.reveal);
  const revealEvent = useLoginEventReveal((s) => s.reveal);
  const reviewed = useReviewedFindings();
  const { window, zone } = props;
  if (window === null) {
    return (
      <div className="timeline-details" aria-live="polite">
        <p className="muted">Point at the timeline (or focus it and press Shift + arrow keys) to see what happened at that moment.</p>
      </div>
    );
  }
  const movements = movementsInRange(props.movements, window);
  const findings = props.findings.filter((f) => f.timestamp >= window.from && f.timestamp < window.to);
  const inWindow = (t: number): boolean => t >= window.from && t < window.to;
  const lanes = props.lanes
    .map((lane) => {
      const { start, end } = sortedSlice((i) => lane.times[i] ?? 0, lane.times.length, window);
      return { source: lane.source, count: end - start, events: lane.events.filter((e) => inWindow(e.timestamp)) };
    })
    .filter((lane) => lane.count > 0);
  return (
    <div className="timeline-details" aria-live="polite">
      <p>
        <strong>{formatRangeInZone(window, zone)}</strong>
      </p>
      <ul>
        {movements.slice(0, LISTED).map((m) => (
          <li key={`${m.chain.accountKey}-${m.rowId}`}>
            {MOVEMENT_NAMES[movementCategory(m)][0]} {m.change} {m.chain.currency}
            {m.username ? ` by ${m.username}` : ''} at <ZonedTimeText ms={m.timestamp} zone={zone} />{' '}
            <button type="button" className="link-button" onClick={() => reveal(m.chain.accountKey, m.rowId)}>
              Show row {m.rowId}
            </button>
          </li>
        ))}
        {movements.length > LISTED ? <li>and {movements.length - LISTED} more money movements</li> : null}
        {lanes.map(({ source, count, events }) => {
          return (
            <li key={source}>
              {SOURCE_NAMES[source]}: {count} {count === 1 ? 'login event' : 'login events'}
              {events.length > 0 ? (
                <ul>
                  {events.slice(0, LISTED).map((e) => (
                    <li key={e.key}>
                      {e.kind} {e.actor ? `by ${e.actor} ` : ''}
                      {e.ip ? `from ${e.ip}${e.country ? ` (${e.country})` : ''} ` : ''}at <ZonedTimeText ms={e.timestamp} zone={zone} />{' '}
                      <button type="button" className="link-button" onClick={() => revealEvent(e.key)}>
                        Show event
                      </button>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
        {findings.map((f) => (
          <li key={f.id}>
            <span className={`status-pill status-pill--${f.severity === 'high' ? 'bad' : f.severity === 'medium' ? 'warn' : 'none'}`}>{f.severity}</span>
            {reviewed.has(f.id) ? <span className="status-pill status-pill--ok">reviewed{reviewed.get(f.id)?.note ? `: ${reviewed.get(f.id)?.note}` : ''}</span> : null} {f.reason}
          </li>
        ))}
      </ul>
      {movements.length === 0 && findings.length === 0 && lanes.length === 0 ? (
        <p className="muted">Nothing at this moment.</p>
      ) : null}
    </div>
  );
}
