import { describe, expect, it } from 'vitest';
import { compareExactTime, formatRfc3339Ms, parseRfc3339 } from '../../../../src/core/providers/cloudflare/rfc3339-time';

const base = Date.UTC(2014, 0, 1, 5, 20, 0);

describe('parseRfc3339', () => {
  it.each([
    ['2014-01-01T05:20:00Z', 0, 0],
    ['2014-01-01T05:20:00.1Z', 100, 0],
    ['2014-01-01T05:20:00.12Z', 120, 0],
    ['2014-01-01T05:20:00.123Z', 123, 0],
    ['2014-01-01T05:20:00.12345Z', 123, 450_000],
    ['2014-01-01T05:20:00.999999999Z', 999, 999_999],
    ['2014-01-01T05:20:00.000000001z', 0, 1],
    ['2014-01-01T06:20:00.5+01:00', 500, 0],
    ['2014-01-01T00:50:00.25-04:30', 250, 0],
  ])('%s → exact ms and sub-ms nanoseconds (never rounded up)', (text, ms, nanos) => {
    expect(parseRfc3339(text)).toEqual({ ms: base + ms, subMsNanos: nanos });
  });

  it.each(['2014-01-01', '2014-01-01T05:20:00', '2014-01-01T05:20:00.1234567890Z', '2014-02-30T00:00:00Z', '2014-13-01T00:00:00Z', 'yesterday', ''])(
    'rejects %j',
    (text) => expect(parseRfc3339(text)).toBeNull(),
  );

  it('orders within a millisecond and formats milliseconds for since/until', () => {
    const a = parseRfc3339('2014-01-01T05:20:00.1230001Z');
    const b = parseRfc3339('2014-01-01T05:20:00.123Z');
    if (!a || !b) throw new Error('unparsed');
    expect(compareExactTime(a, b)).toBeGreaterThan(0);
    expect(compareExactTime(b, a)).toBeLessThan(0);
    expect(formatRfc3339Ms(base + 7)).toBe('2014-01-01T05:20:00.007Z');
  });
});
