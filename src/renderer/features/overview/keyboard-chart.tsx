/**
 * A uPlot chart the keyboard can read: the figure takes focus (one tab stop), Left/Right move a cursor
 * point by point (Page Up/Down by a tenth, Home/End to the ends) and the point's time and values are
 * announced in a live region; Escape hides the cursor. Colours follow the theme (redrawn when the
 * scheme changes) and the chart follows its container's width. The time axis and the legend read
 * the clock of `zone` (uPlot's tzDate), in the app's one form (2026-03-01, 14:00), not uPlot's US one.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartTheme } from './chart-theme';

export interface ChartSeries {
  readonly label: string;
  readonly color: string;
  readonly values: readonly (number | null)[];
  /** 'step' for balances (a balance holds until the next row), 'bars' for monthly sums, 'points' for a third monthly figure. */
  readonly kind: 'step' | 'bars' | 'points';
  /** Bars only: which side of the month's tick (two series side by side). */
  readonly align?: -1 | 1;
  readonly width?: number;
}

export interface KeyboardChartProps {
  /** The figure's accessible name ("BTC balance over time"). */
  readonly label: string;
  readonly times: readonly number[];
  readonly series: readonly ChartSeries[];
  readonly theme: ChartTheme;
  readonly height: number;
  /** Words for a point, announced when the keyboard moves to it. */
  readonly describe: (index: number) => string;
  /** Bars: pad the time axis by this much (ms) each side so the end bars show whole. */
  readonly padTimeMs?: number;
  /** Called once the chart has drawn (benchmarks and tests wait for it through the DOM attribute too). */
  readonly onDrawn?: () => void;
  /** The zone whose clock the time axis follows. */
  readonly zone: string;
  /** The legend's time: its label (naming the zone) and a point's time in words. */
  readonly timeLegend: { readonly label: string; readonly value: (ms: number) => string };
}

const MIN_WIDTH = 240;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** uPlot's time axis formats (tick step in ms, label, then what is appended where a year, month or day begins). */
const DATE_ROLLOVER = '\n{YYYY}-{MM}-{DD}';
const TIME_AXIS_VALUES: uPlot.Axis.TimeValuesConfig = [
  [365 * DAY, '{YYYY}', null, null, null, null, null, null, 1],
  [28 * DAY, '{MMM}', '\n{YYYY}', null, null, null, null, null, 1],
  [DAY, '{MM}-{DD}', '\n{YYYY}', null, null, null, null, null, 1],
  [HOUR, '{HH}:{mm}', DATE_ROLLOVER, null, DATE_ROLLOVER, null, null, null, 1],
  [MINUTE, '{HH}:{mm}', DATE_ROLLOVER, null, DATE_ROLLOVER, null, null, null, 1],
  [SECOND, '{HH}:{mm}:{ss}', DATE_ROLLOVER, null, DATE_ROLLOVER, null, null, null, 1],
];

export function KeyboardChart({ label, times, series, theme, height, describe, padTimeMs = 0, onDrawn, zone, timeLegend }: KeyboardChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const [index, setIndex] = useState<number | null>(null);
  const [drawn, setDrawn] = useState(false);
  const hintId = useId();

  useEffect(() => {
    const element = host.current;
    if (element === null) return;
    const axis = { stroke: theme.muted, grid: { stroke: theme.grid, width: 1 }, ticks: { stroke: theme.grid, width: 1 } };
    const options: uPlot.Options = {
      width: Math.max(MIN_WIDTH, element.clientWidth),
      height,
      ms: 1,
      tzDate: (ts) => uPlot.tzDate(new Date(ts), zone),
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false }, points: { show: true } },
      scales: {
        x: { time: true, ...(padTimeMs > 0 ? { range: (_u, min, max) => [min - padTimeMs, max + padTimeMs] as uPlot.Range.MinMax } : {}) },
      },
      axes: [{ ...axis, values: TIME_AXIS_VALUES }, { ...axis, size: 70 }],
      series: [
        { label: timeLegend.label, value: (_u, v) => (v == null ? '—' : timeLegend.value(v)) },
        ...series.map((s): uPlot.Series => ({
          label: s.label,
          stroke: s.color,
          width: s.width ?? (s.kind === 'bars' ? 0 : 1.5),
          ...(s.kind === 'bars'
            ? { fill: s.color, paths: uPlot.paths.bars?.({ size: [0.4, 40], align: s.align ?? 0 }), points: { show: false } }
            : s.kind === 'points'
              ? { paths: () => null, points: { show: true, size: 7, fill: s.color, stroke: s.color } }
              : { paths: uPlot.paths.stepped?.({ align: 1 }), points: { show: false }, spanGaps: false }),
        })),
      ],
      hooks: {
        draw: [
          () => {
            setDrawn(true);
            onDrawn?.();
          },
        ],
      },
    };
    const data = [times as number[], ...series.map((s) => s.values as (number | null)[])] as uPlot.AlignedData;
    const chart = new uPlot(options, data, element);
    plot.current = chart;
    const resize = new ResizeObserver(() => {
      const width = Math.max(MIN_WIDTH, element.clientWidth);
      if (Math.abs(width - chart.width) > 1) chart.setSize({ width, height });
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [times, series, theme, height, padTimeMs, zone, timeLegend]);

  const moveTo = (next: number): void => {
    const chart = plot.current;
    if (chart === null || times.length === 0) return;
    const i = Math.max(0, Math.min(times.length - 1, next));
    setIndex(i);
    const value = series.map((s) => s.values[i]).find((v) => v != null);
    chart.setCursor({ left: chart.valToPos(times[i] as number, 'x'), top: value == null ? 0 : chart.valToPos(value, 'y') });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const last = times.length - 1;
    const page = Math.max(1, Math.round(times.length / 10));
    const current = index ?? last;
    const keys: Record<string, () => void> = {
      ArrowLeft: () => moveTo(index === null ? last : current - 1),
      ArrowRight: () => moveTo(index === null ? last : current + 1),
      PageUp: () => moveTo(current - page),
      PageDown: () => moveTo(current + page),
      Home: () => moveTo(0),
      End: () => moveTo(last),
      Escape: () => {
        setIndex(null);
        plot.current?.setCursor({ left: -10, top: -10 });
      },
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  return (
    <div className="overview-chart">
      <div
        ref={host}
        className="overview-chart-plot"
        role="figure"
        aria-label={label}
        aria-describedby={hintId}
        tabIndex={0}
        data-drawn={drawn ? 'true' : 'false'}
        onKeyDown={onKeyDown}
      />
      <p id={hintId} className="overview-sr">
        Left and right arrow keys move through the points, Home and End go to the first and last.
      </p>
      <p className="overview-sr" aria-live="polite" aria-atomic="true">
        {index === null ? '' : describe(index)}
      </p>
    </div>
  );
}
