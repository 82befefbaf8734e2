import { describe, expect, it } from 'vitest';
import type { StreamProgress, SyncProgress } from '../../../../src/core/sync/types';
import { baselineOf, newRowsText, splitNewRows } from '../../../../src/renderer/features/sync/new-rows-text';

const stream = (streamKey: string, kind: 'tx' | 'access', rowsStored: number): StreamProgress => ({
  streamKey, kind, userId: 1, username: 'u', currency: kind === 'tx' ? 'BTC' : null, state: 'running', rowsStored, pagesFetched: 0, fraction: null,
});
const progress = (newRows: number, streams: StreamProgress[]): SyncProgress => ({
  accountKey: 'a', phase: 'syncing', streams, newRows, pagesFetched: 0, etaMs: null, fraction: null, startedAt: 1, message: null,
});

describe('the Sync card counts rows and events apart', () => {
  it('splits the run total into transaction rows and access-log events', () => {
    const first = progress(0, [stream('tx-btc', 'tx', 100), stream('tx-eth', 'tx', 0), stream('access', 'access', 40)]);
    const base = baselineOf(first);
    const later = progress(5972, [stream('tx-btc', 'tx', 3100), stream('tx-eth', 'tx', 1772), stream('access', 'access', 1240)]);
    expect(splitNewRows(later, base)).toEqual({ rows: 4772, events: 1200 });
    expect(newRowsText(splitNewRows(later, base), 'en-US')).toBe('New: 4,772 transaction rows · 1,200 access-log events');
  });

  it('a stream first listed later counts from there, and the split never exceeds the total', () => {
    const base = baselineOf(progress(0, [stream('tx', 'tx', 0)]));
    expect(splitNewRows(progress(10, [stream('tx', 'tx', 10), stream('access', 'access', 500)]), base)).toEqual({ rows: 10, events: 0 });
    expect(newRowsText({ rows: 1, events: 1 }, 'en-US')).toBe('New: 1 transaction row · 1 access-log event');
  });
});
