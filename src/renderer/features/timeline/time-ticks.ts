/**
 * Axis ticks in UTC at "round" moments (minutes, hours, days, months, years) chosen so that about
 * `target` labels fit, with a label format that matches the step.
 */
import type { TimeRange } from './time-range';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Step {
  readonly approxMs: number;
  readonly unit: 'minute' | 'hour' | 'day' | 'month' | 'year';
  readonly every: number;
}

const STEPS: readonly Step[] = [
  { approxMs: MINUTE, unit: 'minute', every: 1 },
  { approxMs: 5 * MINUTE, unit: 'minute', every: 5 },
  { approxMs: 15 * MINUTE, unit: 'minute', every: 15 },
  { approxMs: 30 * MINUTE, unit: 'minute', every: 30 },
  { approxMs: HOUR, unit: 'hour', every: 1 },
  { approxMs: 3 * HOUR, unit: 'hour', every: 3 },
  { approxMs: 6 * HOUR, unit: 'hour', every: 6 },
  { approxMs: 12 * HOUR, unit: 'hour', every: 12 },
  { approxMs: DAY, unit: 'day', every: 1 },
  { approxMs: 2 * DAY, unit: 'day', every: 2 },
  { approxMs: 7 * DAY, unit: 'day', every: 7 },
  { approxMs: 30 * DAY, unit: 'month', every: 1 },
  { approxMs: 91 * DAY, unit: 'month', every: 3 },
  { approxMs: 182 * DAY, unit: 'month', every: 6 },
  { approxMs: 365 * DAY, unit: 'year', every: 1 },
  { approxMs: 5 * 365 * DAY, unit: 'year', every: 5 },
];

export interface Tick {
  readonly time: number;
  readonly label: string;
}

function pickStep(span: number, target: number): Step {
  return STEPS.find((s) => span / s.approxMs <= target) ?? (STEPS[STEPS.length - 1] as Step);
}

/** The first tick at or after `from` for a step. */
function firstTick(from: number, step: Step): number {
  const d = new Date(from);
  switch (step.unit) {
    case 'minute':
    case 'hour': {
      const size = step.every * (step.unit === 'minute' ? MINUTE : HOUR);
      return Math.ceil(from / size) * size;
    }
    case 'day': {
      const day = Math.ceil(from / DAY) * DAY;
      // Weekly ticks on Mondays (1970-01-01 was a Thursday).
      return step.every === 7 ? day + ((((4 - Math.floor(day / DAY)) % 7) + 7) % 7) * DAY : day;
    }
    case 'month': {
      let month = d.getUTCMonth() + (from > Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) ? 1 : 0);
      month = Math.ceil(month / step.every) * step.every;
      return Date.UTC(d.getUTCFullYear(), month, 1);
    }
    case 'year': {
      let year = d.getUTCFullYear() + (from > Date.UTC(d.getUTCFullYear(), 0, 1) ? 1 : 0);
      year = Math.ceil(year / step.every) * step.every;
      return Date.UTC(year, 0, 1);
    }
  }
}

function nextTick(time: number, step: Step): number {
  const d = new Date(time);
  switch (step.unit) {
    case 'minute':
      return time + step.every * MINUTE;
    case 'hour':
      return time + step.every * HOUR;
    case 'day':
      return time + step.every * DAY;
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + step.every, 1);
    case 'year':
      return Date.UTC(d.getUTCFullYear() + step.every, 0, 1);
  }
}

function labelOf(time: number, step: Step): string {
  const iso = new Date(time).toISOString();
  switch (step.unit) {
    case 'minute':
    case 'hour':
      return iso.slice(11, 16) === '00:00' ? iso.slice(0, 10) : iso.slice(11, 16);
    case 'day':
      return iso.slice(0, 10);
    case 'month':
      return iso.slice(0, 7);
    case 'year':
      return iso.slice(0, 4);
  }
}

export function timeTicks(range: TimeRange, target = 8): Tick[] {
  const step = pickStep(range.to - range.from, target);
  const ticks: Tick[] = [];
  for (let t = firstTick(range.from, step); t < range.to && ticks.length < target * 3; t = nextTick(t, step)) {
    ticks.push({ time: t, label: labelOf(t, step) });
  }
  return ticks;
}

/** "2025-03-01 14:05 UTC": the readout's precision (minutes). */
export function formatUtcMinute(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
