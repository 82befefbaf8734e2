/**
 * The timeline drawing (SVG): a money lane, one lane per login source, findings on the time axis. Items
 * are drawn one by one when few, else as per-bucket bars a few pixels wide (stacked by category), so the
 * DOM holds at most a few hundred marks per lane at any zoom. Security changes are always drawn singly.
 */
import type { CorrelationFinding, MoneyMovement } from '../../../core/correlate/types';
import { barHeight, bucketize, type TimeBucket } from './time-buckets';
import { formatZonedTimeNamed } from '../formatting/zoned-time';
import { timeTicks } from './time-ticks';
import { timeToX, type TimeRange } from './time-range';
import { movementCategory } from './timeline-content';
import { SOURCE_NAMES, eventCategory, type LaneWindow } from './timeline-events';
import { useReviewedFindings } from '../findings/use-reviewed-findings';

export const LAYOUT = { gutter: 92, movementLane: 44, eventLane: 30, findingStrip: 18, axis: 24 } as const;
/** Up to this many items in a lane, each gets its own mark. */
const SINGLE_LIMIT = 400;

export function chartHeight(lanes: number): number {
  return LAYOUT.movementLane + lanes * LAYOUT.eventLane + LAYOUT.findingStrip + LAYOUT.axis;
}

interface ChartProps {
  readonly width: number;
  readonly range: TimeRange;
  readonly columns: number;
  /** The display zone: axis ticks fall on its round hours and days. */
  readonly zone: string;
  readonly movements: readonly MoneyMovement[];
  readonly lanes: readonly LaneWindow[];
  readonly findings: readonly CorrelationFinding[];
  readonly cursorX: number | null;
  readonly selectedFindingId: string | null;
  readonly onFinding: (finding: CorrelationFinding) => void;
}

export function TimelineChart(props: ChartProps) {
  const { width, range, columns, zone, movements, lanes, findings, cursorX } = props;
  const reviewed = useReviewedFindings();
  const plot = Math.max(1, width - LAYOUT.gutter);
  const x = (t: number): number => LAYOUT.gutter + timeToX(t, range, plot);
  const height = chartHeight(lanes.length);
  const stripTop = LAYOUT.movementLane + lanes.length * LAYOUT.eventLane;
  const axisTop = stripTop + LAYOUT.findingStrip;

  return (
    <svg width={width} height={height} className="timeline-svg">
      <rect x={LAYOUT.gutter} y={0} width={plot} height={height - LAYOUT.axis} className="timeline-plot" />
      <LaneLabel y={0} height={LAYOUT.movementLane} text="Money out" />
      <MovementLane {...{ movements, range, columns, x, plot }} />
      {lanes.map((lane, i) => {
        const top = LAYOUT.movementLane + i * LAYOUT.eventLane;
        return (
          <g key={lane.source}>
            <line x1={0} x2={width} y1={top} y2={top} className="timeline-rule" />
            <LaneLabel y={top} height={LAYOUT.eventLane} text={SOURCE_NAMES[lane.source]} />
            <EventLane lane={lane} top={top} range={range} columns={columns} x={x} plot={plot} />
          </g>
        );
      })}
      <line x1={0} x2={width} y1={stripTop} y2={stripTop} className="timeline-rule" />
      {timeTicks(range, Math.max(2, Math.floor(plot / 110)), zone).map((tick) => (
        <g key={tick.time} className="timeline-tick">
          <line x1={x(tick.time)} x2={x(tick.time)} y1={0} y2={axisTop + 4} />
          <text x={x(tick.time) + 3} y={axisTop + 16}>
            {tick.label}
          </text>
        </g>
      ))}
      <text x={4} y={stripTop + 13} className="timeline-lane-label">
        Findings
      </text>
      {findings.map((finding) => {
        const fx = x(finding.timestamp);
        const selected = finding.id === props.selectedFindingId;
        const review = reviewed.get(finding.id);
        return (
          <g
            key={finding.id}
            role="button"
            tabIndex={0}
            aria-label={`${finding.severity} finding at ${formatZonedTimeNamed(finding.timestamp, zone)}${review ? `, reviewed${review.note ? ` (${review.note})` : ''}` : ''}: ${finding.reason}`}
            className={`timeline-finding timeline-finding--${finding.severity}${selected ? ' timeline-finding--selected' : ''}${review ? ' timeline-finding--reviewed' : ''}`}
            onClick={() => props.onFinding(finding)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                event.stopPropagation();
                props.onFinding(finding);
              }
            }}
          >
            <line x1={fx} x2={fx} y1={0} y2={stripTop} className="timeline-finding-line" />
            <path d={`M ${fx} ${stripTop + 3} l 6 12 l -12 0 z`} />
          </g>
        );
      })}
      {cursorX !== null ? <line x1={cursorX} x2={cursorX} y1={0} y2={axisTop} className="timeline-cursor" /> : null}
    </svg>
  );
}

function LaneLabel({ y, height, text }: { readonly y: number; readonly height: number; readonly text: string }) {
  return (
    <text x={4} y={y + height / 2 + 4} className="timeline-lane-label">
      {text}
    </text>
  );
}

interface LaneGeometry {
  readonly range: TimeRange;
  readonly columns: number;
  readonly x: (t: number) => number;
  readonly plot: number;
}

function MovementLane({ movements, range, columns, x, plot }: LaneGeometry & { readonly movements: readonly MoneyMovement[] }) {
  const lane = LAYOUT.movementLane - 6;
  if (movements.length <= SINGLE_LIMIT) {
    return (
      <g>
        {movements.map((m) => (
          <rect key={`${m.chain.accountKey}-${m.rowId}`} x={x(m.timestamp) - 1.5} y={6} width={3} height={lane} className={`tl-${movementCategory(m)}`} />
        ))}
      </g>
    );
  }
  const buckets = bucketize(movements.length, (i) => movements[i]?.timestamp ?? 0, (i) => movementCategory(movements[i] as MoneyMovement), range, columns);
  return <Bars buckets={buckets} order={['withdrawal', 'transfer', 'loss']} bottom={LAYOUT.movementLane} height={lane} x={x} plot={plot} columns={columns} />;
}

function EventLane({ lane, top, range, columns, x, plot }: LaneGeometry & { readonly lane: LaneWindow; readonly top: number }) {
  const height = LAYOUT.eventLane - 8;
  const security = lane.events.filter((e) => eventCategory(e) === 'security');
  let body;
  if (lane.complete && lane.events.length <= SINGLE_LIMIT) {
    body = lane.events
      .filter((e) => eventCategory(e) !== 'security')
      .map((e) => <rect key={e.key} x={x(e.timestamp) - 1} y={top + 6} width={2} height={height - 4} className={`tl-${eventCategory(e)}`} />);
  } else {
    const buckets = lane.complete
      ? bucketize(lane.events.length, (i) => lane.events[i]?.timestamp ?? 0, (i) => eventCategory(lane.events[i] as LaneWindow['events'][number]), range, columns)
      : bucketize(lane.times.length, (i) => lane.times[i] ?? 0, () => 'event', range, columns);
    body = <Bars buckets={buckets} order={['success', 'failure', 'denied', 'security', 'other', 'event']} bottom={top + LAYOUT.eventLane - 2} height={height} x={x} plot={plot} columns={columns} />;
  }
  return (
    <g>
      {body}
      {security.map((e) => (
        <path key={e.key} d={`M ${x(e.timestamp)} ${top + 4} l 5 9 l -5 9 l -5 -9 z`} className="tl-security" />
      ))}
    </g>
  );
}

function Bars(props: {
  readonly buckets: readonly TimeBucket[];
  readonly order: readonly string[];
  readonly bottom: number;
  readonly height: number;
  readonly x: (t: number) => number;
  readonly plot: number;
  readonly columns: number;
}) {
  const busiest = props.buckets.reduce((max, b) => Math.max(max, b.total), 0);
  const barWidth = Math.max(1, props.plot / props.columns - 1);
  return (
    <g>
      {props.buckets.map((bucket) => {
        const total = barHeight(bucket.total, busiest, props.height);
        let y = props.bottom;
        return props.order.map((category) => {
          const n = bucket.counts.get(category) ?? 0;
          if (n === 0) return null;
          const h = (total * n) / bucket.total;
          y -= h;
          return <rect key={`${bucket.column}-${category}`} x={props.x(bucket.from)} y={y} width={barWidth} height={h} className={`tl-${category}`} />;
        });
      })}
    </g>
  );
}
