import { describe, expect, it } from 'vitest';
import type { LoginStreamState } from '../../../../src/core/sync/login-sync';
import { askedFromOf, parseDateInput } from '../../../../src/renderer/features/login-sources/login-history-window';
import { loginProgressText } from '../../../../src/renderer/features/login-sources/login-sync-text';

const DAY = 86_400_000;
const state = (over: Partial<LoginStreamState>): LoginStreamState => ({
  streamKey: 'login|s', sourceKey: 's', source: 'ingedata', phase: 'idle', windowStart: 0, windowEnd: 0, cursor: null, watermark: null,
  eventsStored: 0, pagesFetched: 0, lastSyncedAt: null, lastError: null, notes: [], ...over,
});

describe('login sync progress in words', () => {
  it('never says "0 new events" without the window asked', () => {
    const text = loginProgressText(
      { sourceKey: 's', phase: 'done', pagesFetched: 1, newEvents: 0, fraction: 1, message: null, askedFrom: Date.UTC(2023, 0, 4), askedTo: Date.UTC(2026, 11, 7, 9) },
      false,
    );
    expect(text).toBe('Up to date: 0 new events (asked for 2023-01-04 to 2026-12-07), 1 page.');
  });
});

describe('askedFromOf', () => {
  it('is the covered start, the running first window, or a year before a legacy watermark', () => {
    expect(askedFromOf(null)).toBeNull();
    expect(askedFromOf(state({ coveredFrom: 5 * DAY, watermark: 9 * DAY }))).toBe(5 * DAY);
    expect(askedFromOf(state({ phase: 'backfill', windowStart: 3 * DAY, watermark: null, coveredFrom: null }))).toBe(3 * DAY);
    expect(askedFromOf(state({ watermark: 400 * DAY, windowStart: 399 * DAY }))).toBe(35 * DAY);
  });
});

describe('parseDateInput', () => {
  it('reads YYYY-MM-DD as UTC midnight and refuses anything else', () => {
    expect(parseDateInput('2023-01-04')).toBe(Date.UTC(2023, 0, 4));
    expect(parseDateInput(' 2023-01-04 ')).toBe(Date.UTC(2023, 0, 4));
    for (const bad of ['', '2023-02-30', '04/01/2023', '2023-1-4', 'yesterday']) expect(parseDateInput(bad)).toBeNull();
  });
});
