import { LosslessNumber } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { formatPulseDate, parsePulseDate } from '../../../../src/core/providers/ingedata/pulse-date';

const T = Date.UTC(2026, 2, 4, 12, 34, 56, 789);

describe('parsePulseDate', () => {
  it.each([
    ['2026-03-04T12:34:56.789Z', T],
    ['2026-03-04T12:34:56.789123+00:00', T],
    ['2026-03-04T16:34:56.789+04:00', T],
    ['2026-03-04T08:34:56.7899-0400', T],
    ['2026-03-04 12:34:56.789', T],
    ['2026-03-04T12:34:56Z', T - 789],
    ['2026-03-04T12:34Z', T - 56_789],
  ])('%s', (text, expected) => {
    expect(parsePulseDate(text)).toBe(expected);
  });
  it('reads epoch seconds and ms, rejects anything else', () => {
    expect(parsePulseDate(new LosslessNumber(String(T / 1000)))).toBe(T);
    expect(parsePulseDate(T)).toBe(T);
    expect(parsePulseDate('yesterday')).toBeNull();
    expect(parsePulseDate(null)).toBeNull();
    expect(parsePulseDate({})).toBeNull();
  });
  it('formats as ISO with ms', () => {
    expect(formatPulseDate(T)).toBe('2026-03-04T12:34:56.789Z');
  });
});
