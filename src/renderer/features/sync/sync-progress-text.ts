/** The words and numbers the sync view shows for a SyncProgress: percent, time left, phase. */
import type { StreamProgress, SyncProgress } from '../../../core/sync/types';

/** 0..100 for aria-valuenow, or null while the total is unknown (indeterminate bar). */
export function progressPercent(progress: SyncProgress | null): number | null {
  if (progress === null) return null;
  if (progress.phase === 'done') return 100;
  if (progress.fraction === null || !Number.isFinite(progress.fraction)) return null;
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
