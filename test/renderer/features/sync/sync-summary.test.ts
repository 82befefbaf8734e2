/**
 * What the sync view says after a sync that did not finish: no "last synced … just now", a bar that stands
 * still, no stream shown as still running — over the stored cursors of a real cancelled run.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../../../src/core/sync/types';
import { progressPercent, storedSyncText, streamStateText, summarizeStoredStreams } from '../../../../src/renderer/features/sync/sync-progress-text';
import { stoppedProgress } from '../../../../src/renderer/state/sync-store';
import type { DeribitSim } from '../../../sim/deribit/index';
import { fastClient, freshDatabase, smallDataset, startFastSim, syncOnce } from '../../../support/sync-harness';

let sim: DeribitSim | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

const base: SyncProgress = {
  accountKey: 'acc', phase: 'syncing', streams: [], newRows: 0, pagesFetched: 0, etaMs: null, fraction: null, startedAt: 0, message: null,
};

describe('after a sync that did not finish', () => {
  it('"last synced" appears only once every stream is complete', async () => {
    sim = await startFastSim({ dataset: smallDataset({ rowsPerStream: 400 }) });
    const db = freshDatabase();
    const controller = new AbortController();
    const cancelled = await syncOnce({
      client: fastClient(sim), db, signal: controller.signal,
      // Cancel once some streams are complete: the old view showed "Last synced … just now" here.
      onProgress: (p) => p.streams.filter((s) => s.state === 'done').length >= 3 && controller.abort(),
    });
    expect(cancelled.phase, cancelled.message ?? '').toBe('cancelled');
    const stored = await db.syncState.toArray();
    expect(stored.some((s) => s.lastSyncedAt !== null)).toBe(true);
    const partial = summarizeStoredStreams(stored);
    expect(partial.lastCompleteAt).toBeNull();
    expect(storedSyncText(partial)).toMatch(/^The last sync did not finish: [3-9] of 10 streams are complete\. Sync again to continue\.$/);

    expect((await syncOnce({ client: fastClient(sim), db })).phase).toBe('done');
    const complete = summarizeStoredStreams(await db.syncState.toArray());
    expect(complete.lastCompleteAt).not.toBeNull();
    expect(storedSyncText(complete)).toBeNull();
  });

  it('says "Never synced." with nothing stored', () => {
    expect(storedSyncText(summarizeStoredStreams([]))).toBe('Never synced.');
  });

  it('a stopped run has a still bar (a number, never the moving indeterminate stripe)', () => {
    expect(progressPercent({ ...base, phase: 'cancelled', fraction: null })).toBe(0);
    expect(progressPercent({ ...base, phase: 'error', fraction: 0.42 })).toBe(42);
    expect(progressPercent({ ...base, phase: 'syncing', fraction: null })).toBeNull();
  });

  it('a run that ended without a final report shows no stream running', () => {
    const running: SyncProgress = {
      ...base,
      fraction: 0.3,
      streams: [
        { streamKey: 'a', kind: 'access', userId: 1, username: 'u', currency: null, state: 'done', rowsStored: 5, pagesFetched: 1, fraction: 1 },
        { streamKey: 'b', kind: 'tx', userId: 1, username: 'u', currency: 'BTC', state: 'running', rowsStored: 5, pagesFetched: 1, fraction: 0.5 },
        { streamKey: 'c', kind: 'tx', userId: 1, username: 'u', currency: 'ETH', state: 'waiting', rowsStored: 0, pagesFetched: 0, fraction: null },
      ],
    };
    const stopped = stoppedProgress(running, 'The service stopped.');
    expect(stopped?.phase).toBe('error');
    expect(stopped?.streams.map((s) => s.state)).toEqual(['done', 'cancelled', 'cancelled']);
    expect(progressPercent(stopped)).toBe(30);
    expect(streamStateText('cancelled')).toBe('cancelled (incomplete)');
  });
});
