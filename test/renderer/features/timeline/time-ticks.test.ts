import { describe, expect, it } from 'vitest';
import { formatRangeInZone, timeTicks } from '../../../../src/renderer/features/timeline/time-ticks';

const HOUR = 3_600_000;

describe('axis ticks in the display zone', () => {
  it('UTC keeps the UTC ticks', () => {
    const ticks = timeTicks({ from: Date.UTC(2025, 2, 1, 20), to: Date.UTC(2025, 2, 2, 8) }, 8, 'UTC');
    expect(ticks[0]).toEqual({ time: Date.UTC(2025, 2, 1, 21), label: '21:00' });
  });

  it('hour ticks fall on the zone round hours, half-hour offsets included, labelled with its clock', () => {
    const range = { from: Date.UTC(2025, 2, 1, 20), to: Date.UTC(2025, 2, 2, 8) };
    const kolkata = timeTicks(range, 8, 'Asia/Kolkata');
    // 20:00 UTC is 01:30 in Kolkata: the first 3-hour tick is 03:00 there, 21:30 UTC.
    expect(kolkata[0]).toEqual({ time: Date.UTC(2025, 2, 1, 21, 30), label: '03:00' });
    for (const t of kolkata) expect((t.time + 5.5 * HOUR) % (3 * HOUR)).toBe(0);
    const tokyo = timeTicks(range, 8, 'Asia/Tokyo');
    // Tokyo's midnight (15:00 UTC) is before the range; its labels read Tokyo's clock.
    expect(tokyo.map((t) => t.label)).toEqual(['06:00', '09:00', '12:00', '15:00']);
    expect(tokyo[0]?.time).toBe(Date.UTC(2025, 2, 1, 21));
  });

  it('day ticks fall on local midnights, also across a daylight-saving change', () => {
    const ticks = timeTicks({ from: Date.UTC(2024, 2, 28), to: Date.UTC(2024, 3, 4) }, 8, 'Europe/Berlin');
    // Berlin's 2024-04-04 00:00 is 22:00 UTC the day before, inside the range.
    expect(ticks.map((t) => t.label)).toEqual(['2024-03-29', '2024-03-30', '2024-03-31', '2024-04-01', '2024-04-02', '2024-04-03', '2024-04-04']);
    expect(ticks.find((t) => t.label === '2024-03-31')?.time).toBe(Date.UTC(2024, 2, 30, 23));
    expect(ticks.find((t) => t.label === '2024-04-01')?.time).toBe(Date.UTC(2024, 2, 31, 22));
  });

  it('month ticks fall on the first of the month in the zone', () => {
    const ticks = timeTicks({ from: Date.UTC(2025, 0, 1), to: Date.UTC(2026, 0, 1) }, 8, 'America/New_York');
    // New York's 2025-01-01 00:00 is 05:00 UTC, inside the range; April starts at 04:00 UTC (summer time).
    expect(ticks.map((t) => t.label)).toEqual(['2025-01', '2025-04', '2025-07', '2025-10']);
    expect(ticks[0]?.time).toBe(Date.UTC(2025, 0, 1, 5));
    expect(ticks[1]?.time).toBe(Date.UTC(2025, 3, 1, 4));
  });

  it('never puts a tick outside the range', () => {
    const range = { from: Date.UTC(2025, 5, 1, 0, 7), to: Date.UTC(2025, 5, 1, 0, 52) };
    for (const zone of ['UTC', 'Asia/Kolkata', 'America/St_Johns']) {
      for (const t of timeTicks(range, 8, zone)) expect(t.time >= range.from && t.time < range.to).toBe(true);
    }
  });
});

describe('formatRangeInZone', () => {
  it('tells a window in the zone, named once, with no ISO text', () => {
    const range = { from: Date.UTC(2025, 2, 1, 14, 5), to: Date.UTC(2025, 2, 9, 1, 0) };
    expect(formatRangeInZone(range, 'UTC')).toBe('2025-03-01 14:05 – 2025-03-09 01:00 UTC');
    expect(formatRangeInZone(range, 'Asia/Tokyo')).toBe('2025-03-01 23:05 – 2025-03-09 10:00 Asia/Tokyo');
  });
});
