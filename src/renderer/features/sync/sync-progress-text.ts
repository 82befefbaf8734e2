/** The words and numbers the sync view shows for a SyncProgress (percent, time left, phase) and for stored streams. */
import type { StreamProgress, StreamState, SyncProgress } from '../../../core/sync/types';

/**
 * 0..100 for aria-valuenow, or null while a running sync's total is unknown (indeterminate bar). A run
 * that stopped (cancelled, error) always has a number, so its bar stands still instead of moving on.
 */
export function progressPercent(progress: SyncProgress | null): number | null {
  if (progress === null) return null;
  if (progress.phase === 'done') return 100;
  const stopped = progress.phase === 'cancelled' || progress.phase === 'error';
  if (progress.fraction === null || !Number.isFinite(progress.fraction)) return stopped ? 0 : null;
  return Math.round(Math.min(1, Math.max(0, progress.fraction)) * 100);
}

/** "about 2 min left", "less than a minute left", "about 3 h 10 min left"; null when there is nothing to say. */
export function formatTimeLeft(etaMs: number | null): string | null {
  if (etaMs === null || !Number.isFinite(etaMs) || etaMs < 0) return null;
  if (etaMs < 45_000) return 'less than a minute left';
  const minutes = Math.round(etaMs / 60_000);
  if (minutes < 60) return `about ${Math.max(1, minutes)} min left`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours < 24) return rest === 0 ? `about ${hours} h left` : `about ${hours} h ${rest} min left`;
  const days = Math.round(hours / 24);
  return `about ${days} ${days === 1 ? 'day' : 'days'} left`;
}

export function describePhase(progress: SyncProgress): string {
  switch (progress.phase) {
    case 'discovering':
      return 'Finding subaccounts and currencies…';
    case 'syncing':
      return 'Syncing…';
    case 'done':
      return 'Sync complete.';
    case 'cancelled':
      return progress.message ?? 'Sync cancelled.';
    case 'error':
      return 'Sync stopped with an error.';
  }
}

/** Time-left text for a running sync: "estimating time left…" until the estimate exists. */
export function timeLeftText(progress: SyncProgress): string | null {
  if (progress.phase === 'discovering') return 'estimating time left…';
  if (progress.phase !== 'syncing') return null;
  return formatTimeLeft(progress.etaMs) ?? 'estimating time left…';
}

export function streamLabel(stream: Pick<StreamProgress, 'kind' | 'currency'>): string {
  return stream.kind === 'access' ? 'Access log' : (stream.currency ?? '');
}

/** A stream's live state in words. */
export function streamStateText(state: StreamProgress['state']): string {
  switch (state) {
    case 'waiting':
      return 'waiting';
    case 'running':
      return 'syncing…';
    case 'done':
      return 'done';
    case 'error':
      return 'error';
    case 'cancelled':
      return 'cancelled (incomplete)';
  }
}

export interface StoredSyncSummary {
  /** When the account was last complete in every stream (the oldest stream's lastSyncedAt); null if it is not. */
  readonly lastCompleteAt: number | null;
  readonly completeStreams: number;
  readonly streams: number;
}

/**
 * Whether the cached account is complete: every stream closed its window up to a run's start, without
 * error. One interrupted or failed stream means the last sync did not finish, whatever the others say.
 */
export function summarizeStoredStreams(stored: readonly StreamState[]): StoredSyncSummary {
  const complete = stored.filter((s) => s.phase === 'idle' && s.watermark !== null && s.lastError === null && s.lastSyncedAt !== null);
  const allComplete = stored.length > 0 && complete.length === stored.length;
  return {
    lastCompleteAt: allComplete ? Math.min(...complete.map((s) => s.lastSyncedAt ?? Infinity)) : null,
    completeStreams: complete.length,
    streams: stored.length,
  };
}

/** The line under the account's name when no sync is running: last complete sync, or what is unfinished. */
export function storedSyncText(summary: StoredSyncSummary): string | null {
  if (summary.streams === 0) return 'Never synced.';
  if (summary.lastCompleteAt !== null) return null;
  return `The last sync did not finish: ${summary.completeStreams} of ${summary.streams} streams are complete. Sync again to continue.`;
}
