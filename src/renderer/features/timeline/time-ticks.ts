/**
 * Axis ticks at "round" moments of the display zone's clock (minutes, hours, local midnights, the first
 * of a month, years) chosen so that about `target` labels fit, with a label format that matches the
 * step. The steps are taken on the zone's wall clock (UTC-shaped ms) and each tick converted back.
 */
import { fromWallClock, toWallClock } from '../formatting/zone-clock';
import { formatZonedMinute, isValidTimeZone, UTC_ZONE } from '../formatting/zoned-time';
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

/** `wall` is a wall-clock reading: its UTC fields are the zone's date and time. */
function labelOf(wall: number, step: Step): string {
  const iso = new Date(wall).toISOString();
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

/** Ticks inside `range` on the clock of `zone` (labels read that clock; `time` is the instant). */
export function timeTicks(range: TimeRange, target = 8, zone: string = UTC_ZONE): Tick[] {
  const step = pickStep(range.to - range.from, target);
  const wallTo = toWallClock(range.to, zone);
  const ticks: Tick[] = [];
  for (let wall = firstTick(toWallClock(range.from, zone), step); wall < wallTo && ticks.length < target * 3; wall = nextTick(wall, step)) {
    const time = fromWallClock(wall, zone);
    // A daylight-saving jump can name one instant twice or put it just outside the range.
    if (time < range.from || time >= range.to || ticks.at(-1)?.time === time) continue;
    ticks.push({ time, label: labelOf(wall, step) });
  }
  return ticks;
}

/** "2025-03-01 14:05 – 2025-03-09 10:00 Asia/Tokyo": a window at the readout's precision (minutes), its zone named once. */
export function formatRangeInZone(range: TimeRange, zone: string): string {
  return `${formatZonedMinute(range.from, zone)} – ${formatZonedMinute(range.to, zone)} ${isValidTimeZone(zone) ? zone : UTC_ZONE}`;
}
