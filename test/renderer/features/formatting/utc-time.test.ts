import { describe, expect, it } from 'vitest';
import { formatCount, formatTimeAgo } from '../../../../src/renderer/features/formatting/utc-time';

describe('formatTimeAgo', () => {
  const now = 1_700_000_000_000;
  it.each([
    [now - 20_000, 'just now'],
    [now - 5 * 60_000, '5 min ago'],
    [now - 3 * 3_600_000, '3 h ago'],
    [now - 3 * 86_400_000, '3 days ago'],
    [now + 60_000, 'just now'],
  ])('%i → %s', (ms, text) => {
    expect(formatTimeAgo(ms, now)).toBe(text);
  });
});

describe('formatCount', () => {
  it('groups digits the one way the app shows counts, with the right noun', () => {
    expect(formatCount(1, 'transaction', 'transactions')).toBe('1 transaction');
    expect(formatCount(0, 'transaction', 'transactions')).toBe('0 transactions');
    expect(formatCount(1234567, 'access-log event', 'access-log events')).toBe('1,234,567 access-log events');
    expect(formatCount(3930, 'row', 'rows', 'de-DE')).toBe('3.930 rows');
  });
});
