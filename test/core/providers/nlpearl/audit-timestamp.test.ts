import { describe, expect, it } from 'vitest';
import { formatRequestTime, parseAuditTimestamp } from '../../../../src/core/providers/nlpearl/audit-timestamp';

describe('parseAuditTimestamp', () => {
  const base = Date.UTC(2026, 4, 6, 7, 8, 9);
  it.each([
    ['2026-05-06T07:08:09Z', base],
    ['2026-05-06T07:08:09.1Z', base + 100],
    ['2026-05-06T07:08:09.12Z', base + 120],
    ['2026-05-06T07:08:09.123Z', base + 123],
    ['2026-05-06T07:08:09.1239999Z', base + 123],
    ['2026-05-06T07:08:09.9999999', base + 999],
    ['2026-05-06T09:08:09.5+02:00', base + 500],
    ['2026-05-06T02:08:09-0500', base],
    ['2026-05-06 07:08:09', base],
  ])('%s', (text, expected) => {
    expect(parseAuditTimestamp(text)).toBe(expected);
  });

  it.each(['', 'yesterday', '2026-13-06T07:08:09Z', '2026-05-06', '1778051289000'])('rejects %j', (text) => {
    expect(parseAuditTimestamp(text)).toBeNull();
  });

  it('formats request bounds as ISO UTC with milliseconds', () => {
    expect(formatRequestTime(base + 7)).toBe('2026-05-06T07:08:09.007Z');
  });
});
