/**
 * The timeline figure itself: zoom and pan controls with the readout (in the display zone), the focusable figure (wheel
 * zoom, drag pan, keyboard + / − / arrows / Home, Shift + arrows for the inspection cursor), the chart,
 * the text summary of what is visible, and the details under the cursor.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { bucketBounds, bucketCount } from './time-buckets';
import { useDisplayZone } from '../formatting/use-display-zone';
import { formatRangeInZone } from './time-ticks';
import { dragRange, fullRange, panRange, zoomRange, ZOOM_STEP, type TimeRange } from './time-range';
import { LAYOUT, TimelineChart } from './timeline-chart';
import { movementsInRange, summarizeWindow } from './timeline-content';
import { TimelineDetails } from './timeline-details';

interface FigureProps {
  readonly accountLabel: string;
  readonly range: TimeRange;
  readonly extent: TimeRange;
  onRange(range: TimeRange): void;
  readonly movements: Parameters<typeof TimelineChart>[0]['movements'];
  readonly lanes: Parameters<typeof TimelineChart>[0]['lanes'];
  readonly findings: Parameters<typeof TimelineChart>[0]['findings'];
  readonly selectedFindingId: string | null;
  onFinding: Parameters<typeof TimelineChart>[0]['onFinding'];
}

export function TimelineFigure(props: FigureProps) {
  const { range, extent, onRange } = props;
  const zone = useDisplayZone();
  const figureRef = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(900);
  const [cursorColumn, setCursorColumn] = useState<number | null>(null);
  const drag = useRef<{ x: number; range: TimeRange; moved: boolean } | null>(null);
  const plot = Math.max(1, width - LAYOUT.gutter);
  const columns = bucketCount(plot);

  useEffect(() => {
    const element = figureRef.current;
    if (element === null) return;
    const observer = new ResizeObserver(() => setWidth(Math.max(320, Math.floor(element.clientWidth))));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Wheel zoom needs a non-passive listener (React's onWheel cannot prevent the page from scrolling).
  const latest = useRef({ range, extent, plot, onRange });
  latest.current = { range, extent, plot, onRange };
  useEffect(() => {
    const element = figureRef.current;
    if (element === null) return;
    const onWheel = (event: WheelEvent): void => {
      const { range: r, extent: e, plot: p, onRange: set } = latest.current;
      const svg = element.querySelector('svg');
      if (svg === null || event.deltaY === 0) return;
      event.preventDefault();
      const anchor = Math.min(1, Math.max(0, (event.clientX - svg.getBoundingClientRect().left - LAYOUT.gutter) / p));
      set(zoomRange(r, event.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP, e, anchor));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, []);

  const visibleMovements = movementsInRange(props.movements, range);
  const visibleFindings = props.findings.filter((f) => f.timestamp >= range.from && f.timestamp < range.to);
  const summary = summarizeWindow({ range, movements: visibleMovements, lanes: props.lanes, findings: visibleFindings, zone });
  const columnAt = (clientX: number, svg: SVGSVGElement): number | null => {
    const px = clientX - svg.getBoundingClientRect().left - LAYOUT.gutter;
    return px < 0 || px >= plot ? null : Math.min(columns - 1, Math.floor((px / plot) * columns));
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    const step = (direction: number): void => {
      if (event.shiftKey) setCursorColumn((c) => Math.min(columns - 1, Math.max(0, (c ?? Math.floor(columns / 2)) + direction)));
      else onRange(panRange(range, direction * 0.1, extent));
    };
    switch (event.key) {
      case '+':
      case '=':
        onRange(zoomRange(range, ZOOM_STEP, extent));
        break;
      case '-':
      case '_':
        onRange(zoomRange(range, 1 / ZOOM_STEP, extent));
        break;
      case 'ArrowLeft':
        step(-1);
        break;
      case 'ArrowRight':
        step(1);
        break;
      case 'Home':
        onRange(fullRange(extent));
        break;
      case 'Escape':
        setCursorColumn(null);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <>
      <div className="timeline-controls" role="group" aria-label="Timeline zoom and pan">
        <button type="button" className="button" aria-label="Zoom in" onClick={() => onRange(zoomRange(range, ZOOM_STEP, extent))}>
          +
        </button>
        <button type="button" className="button" aria-label="Zoom out" onClick={() => onRange(zoomRange(range, 1 / ZOOM_STEP, extent))}>
          −
        </button>
        <button type="button" className="button" aria-label="Earlier" onClick={() => onRange(panRange(range, -0.25, extent))}>
          ←
        </button>
        <button type="button" className="button" aria-label="Later" onClick={() => onRange(panRange(range, 0.25, extent))}>
          →
        </button>
        <button type="button" className="button" onClick={() => onRange(fullRange(extent))}>
          Show everything
        </button>
        <output className="timeline-readout" aria-label="Visible time range">
          {formatRangeInZone(range, zone)}
        </output>
      </div>
      <figure
        ref={figureRef}
        className="timeline-figure"
        tabIndex={0}
        aria-label={`Timeline of ${props.accountLabel}: money movements, login events and findings`}
        aria-describedby="timeline-summary"
        onKeyDown={onKeyDown}
        onPointerDown={(event) => {
          if (event.button !== 0 || (event.target as Element).closest('[role="button"]')) return;
          drag.current = { x: event.clientX, range, moved: false };
          (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
        }}
        onPointerMove={(event) => {
          const svg = event.currentTarget.querySelector('svg');
          if (drag.current !== null) {
            const dx = event.clientX - drag.current.x;
            if (Math.abs(dx) > 2) drag.current.moved = true;
            if (drag.current.moved) onRange(dragRange(drag.current.range, dx, plot, extent));
          } else if (svg !== null) {
            setCursorColumn(columnAt(event.clientX, svg));
          }
        }}
        onPointerUp={() => (drag.current = null)}
        onPointerCancel={() => (drag.current = null)}
        onPointerLeave={() => drag.current === null && setCursorColumn(null)}
      >
        <TimelineChart
          width={width}
          range={range}
          columns={columns}
          zone={zone}
          movements={visibleMovements}
          lanes={props.lanes}
          findings={visibleFindings}
          cursorX={cursorColumn === null ? null : LAYOUT.gutter + ((cursorColumn + 0.5) / columns) * plot}
          selectedFindingId={props.selectedFindingId}
          onFinding={props.onFinding}
        />
        <figcaption id="timeline-summary" className="timeline-summary">
          {summary}
        </figcaption>
      </figure>
      <TimelineDetails
        window={cursorColumn === null ? null : bucketBounds(cursorColumn, range, columns)}
        zone={zone}
        movements={visibleMovements}
        lanes={props.lanes}
        findings={visibleFindings}
      />
    </>
  );
}
