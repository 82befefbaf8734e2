/**
 * "New: 3,600 transaction rows · 1,200 access-log events": the run's new-row count split by kind. The
 * run reports one total; the access-log part is what its streams gained since the run first listed
 * them, the rest are transaction rows.
 */
import type { SyncProgress } from '../../../core/sync/types';
import { formatCount } from '../formatting/utc-time';

export type StreamBaseline = ReadonlyMap<string, number>;

/** Each stream's rows when the run first listed it (the first snapshot of a run, keyed by startedAt). */
export function baselineOf(progress: SyncProgress): StreamBaseline {
  return new Map(progress.streams.map((s) => [s.streamKey, s.rowsStored]));
}

export function splitNewRows(progress: SyncProgress, baseline: StreamBaseline): { readonly rows: number; readonly events: number } {
  let events = 0;
  for (const stream of progress.streams) {
    if (stream.kind !== 'access') continue;
    events += Math.max(0, stream.rowsStored - (baseline.get(stream.streamKey) ?? stream.rowsStored));
  }
  events = Math.min(events, progress.newRows);
  return { rows: progress.newRows - events, events };
}

export function newRowsText(split: { readonly rows: number; readonly events: number }, locale?: string): string {
  return `New: ${formatCount(split.rows, 'transaction row', 'transaction rows', locale)} · ${formatCount(split.events, 'access-log event', 'access-log events', locale)}`;
}
