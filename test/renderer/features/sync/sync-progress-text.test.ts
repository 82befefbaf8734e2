import { describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../../../src/core/sync/types';
import { formatTimeLeft, progressPercent, streamLabel, timeLeftText } from '../../../../src/renderer/features/sync/sync-progress-text';

const base: SyncProgress = {
  accountKey: 'acc',
  phase: 'syncing',
  streams: [],
  newRows: 0,
  pagesFetched: 0,
  etaMs: null,
  fraction: null,
  startedAt: 0,
  message: null,
};

describe('formatTimeLeft', () => {
  it.each([
    [10_000, 'less than a minute left'],
    [60_000, 'about 1 min left'],
    [125_000, 'about 2 min left'],
    [59 * 60_000, 'about 59 min left'],
    [3 * 3_600_000, 'about 3 h left'],
    [3 * 3_600_000 + 10 * 60_000, 'about 3 h 10 min left'],
    [26 * 3_600_000, 'about 1 day left'],
    [5 * 86_400_000, 'about 5 days left'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatTimeLeft(ms)).toBe(text);
  });
  it('says nothing for an unknown or impossible estimate', () => {
    expect(formatTimeLeft(null)).toBeNull();
    expect(formatTimeLeft(-5)).toBeNull();
    expect(formatTimeLeft(Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe('progressPercent', () => {
  it('rounds and clamps the fraction, is 100 when done, null while unknown', () => {
    expect(progressPercent({ ...base, fraction: 0.254 })).toBe(25);
    expect(progressPercent({ ...base, fraction: 1.7 })).toBe(100);
    expect(progressPercent({ ...base, fraction: -1 })).toBe(0);
    expect(progressPercent({ ...base, fraction: null })).toBeNull();
    expect(progressPercent({ ...base, phase: 'done', fraction: 0.5 })).toBe(100);
    expect(progressPercent(null)).toBeNull();
  });
});

describe('timeLeftText', () => {
  it('estimates while discovering or unknown, then uses the ETA, and is silent when finished', () => {
    expect(timeLeftText({ ...base, phase: 'discovering' })).toBe('estimating time left…');
    expect(timeLeftText({ ...base, etaMs: null })).toBe('estimating time left…');
    expect(timeLeftText({ ...base, etaMs: 120_000 })).toBe('about 2 min left');
    expect(timeLeftText({ ...base, phase: 'done', etaMs: 0 })).toBeNull();
  });
});

describe('streamLabel', () => {
  it('names the access log and shows the currency of a transaction stream', () => {
    expect(streamLabel({ kind: 'access', currency: null })).toBe('Access log');
    expect(streamLabel({ kind: 'tx', currency: 'ETH' })).toBe('ETH');
  });
});
