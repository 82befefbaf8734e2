import { describe, expect, it } from 'vitest';
import { describeSourceHistory } from '../../../src/core/logins/source-retention';

const NOW = Date.UTC(2024, 11, 7);
const DAY = 86_400_000;

describe('describeSourceHistory', () => {
  it('says what Cloudflare keeps and the date before which events are gone', () => {
    const lines = describeSourceHistory({ kind: 'cloudflare', now: NOW, askedFrom: Date.UTC(2022, 0, 4), oldestEvent: NOW - 179 * DAY });
    expect(lines[0]).toContain('Cloudflare keeps Access authentication logs for 180 days at most');
    expect(lines[0]).toContain('events before 2024-06-10 are gone');
    expect(lines[1]).toBe('Asked back to 2022-01-04; the oldest event Cloudflare Access returned is from 2024-06-11 (the rest is past what Cloudflare keeps).');
  });

  it('says a provider with no documented retention returned nothing for the asked period, never a bare zero', () => {
    const lines = describeSourceHistory({ kind: 'nlpearl', now: NOW, askedFrom: Date.UTC(2023, 0, 1), oldestEvent: null });
    expect(lines.join(' ')).toContain('NLPearl does not document how long it keeps');
    expect(lines[1]).toBe('Asked back to 2023-01-01; NLPearl returned no events for that period.');
  });

  it('says how far back the cache goes when the provider returned everything asked', () => {
    const lines = describeSourceHistory({ kind: 'ingedata', now: NOW, askedFrom: Date.UTC(2023, 0, 1), oldestEvent: Date.UTC(2023, 0, 2) });
    expect(lines[1]).toBe('Asked back to 2023-01-01; events cached from 2023-01-02.');
    expect(describeSourceHistory({ kind: 'ingedata', now: NOW, askedFrom: null, oldestEvent: null })).toHaveLength(1);
  });
});
