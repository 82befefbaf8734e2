import { describe, expect, it } from 'vitest';
import { duration, utcTime } from '../../../src/core/correlate/finding-wording';
import { seededRandom } from '../../scenarios/seeded-random';

describe('finding wording', () => {
  it('writes UTC minutes exactly as Date#toISOString would, over centuries and leap days', () => {
    const rng = seededRandom(3);
    const samples = [0, Date.UTC(2000, 1, 29, 23, 59, 59, 999), Date.UTC(2024, 1, 29, 12), Date.UTC(2100, 2, 1), Date.UTC(1969, 11, 31, 23, 59), Date.UTC(2026, 11, 31, 23, 59, 30)];
    for (let i = 0; i < 2000; i++) samples.push(Math.floor(rng.next() * Date.UTC(2200, 0, 1)));
    for (const ms of samples) expect(utcTime(ms)).toBe(`${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  });

  it('says durations in hours and minutes', () => {
    expect(duration(4 * 3_600_000)).toBe('4 h');
    expect(duration(2 * 3_600_000 + 10 * 60_000)).toBe('2 h 10 min');
    expect(duration(12 * 60_000)).toBe('12 min');
    expect(duration(-90 * 60_000)).toBe('1 h 30 min');
  });
});
