/**
 * What one sync run reports: the streams it tracks, their outcome, and the run's progress. The
 * fraction never goes down within a run (estimates do, as a resumed window or a new one is measured),
 * and when the run ends every stream that did not complete says so — none is left "running".
 */
import { estimateRun, type StreamRunStats } from './sync-estimate';
import type { StreamProgress, StreamState, SyncProgress } from './types';

export interface TrackedStream extends StreamRunStats {
  readonly subaccountId: number | null;
  readonly outcome: StreamProgress['state'];
  /** Access log: `records_total` of the last page, when sent. */
  readonly accessTotal: number | null;
}

/** Below 1 while the run goes on: 100 % means done. */
const MAX_RUNNING_FRACTION = 0.99;

export class RunProgress {
  readonly streams: TrackedStream[] = [];
  newRows = 0;
  private shownFraction: number | null = null;

  constructor(
    private readonly accountKey: string,
    private readonly startedAt: number,
    private readonly intervalMs: number,
  ) {}

  track(state: StreamState, subaccountId: number | null, finished: boolean): void {
    this.streams.push({
      state, subaccountId, pagesThisRun: 0, started: false, finished, followUp: state.phase === 'backfill',
      outcome: finished ? 'done' : 'waiting', accessTotal: null,
    });
  }

  update(index: number, patch: Partial<TrackedStream>): void {
    const current = this.streams[index];
    if (current) this.streams[index] = { ...current, ...patch };
  }

  /** A committed page of stream `index`. */
  page(index: number, state: StreamState, inserted: number, accessTotal?: number | null): void {
    this.newRows += inserted;
    const current = this.streams[index];
    this.update(index, { state, pagesThisRun: (current?.pagesThisRun ?? 0) + 1, ...(accessTotal !== undefined ? { accessTotal } : {}) });
  }

  /** The run ended: streams that did not complete are 'cancelled' (the failing one is 'error'). */
  settle(phase: SyncProgress['phase'], failedIndex: number | null): void {
    if (phase !== 'cancelled' && phase !== 'error') return;
    this.streams.forEach((s, i) => {
      if (i === failedIndex) this.update(i, { outcome: 'error' });
      else if (s.outcome === 'running' || s.outcome === 'waiting') this.update(i, { outcome: 'cancelled' });
    });
  }

  snapshot(phase: SyncProgress['phase'], message: string | null): SyncProgress {
    const estimate = estimateRun(this.streams, this.intervalMs);
    if (phase === 'done') this.shownFraction = 1;
    else if (estimate.fraction !== null && phase === 'syncing') {
      this.shownFraction = Math.max(this.shownFraction ?? 0, Math.min(MAX_RUNNING_FRACTION, estimate.fraction));
    }
    return {
      accountKey: this.accountKey,
      phase,
      streams: this.streams.map(toStreamProgress),
      newRows: this.newRows,
      pagesFetched: this.streams.reduce((sum, s) => sum + s.pagesThisRun, 0),
      etaMs: phase === 'syncing' ? estimate.etaMs : phase === 'done' ? 0 : null,
      fraction: this.shownFraction,
      startedAt: this.startedAt,
      message,
    };
  }
}

function toStreamProgress(s: TrackedStream): StreamProgress {
  const { state } = s;
  let fraction: number | null = null;
  if (s.finished) fraction = 1;
  else if (state.phase === 'backfill' && state.kind === 'tx' && state.oldestSeen !== null && state.windowEnd > state.windowStart)
    fraction = Math.min(1, (state.windowEnd - state.oldestSeen) / (state.windowEnd - state.windowStart));
  else if (state.phase === 'backfill' && state.kind === 'access' && s.accessTotal) fraction = Math.min(1, state.offset / s.accessTotal);
  return {
    streamKey: state.streamKey,
    kind: state.kind,
    userId: state.userId,
    username: state.username,
    currency: state.currency,
    state: s.outcome,
    rowsStored: state.rowsStored,
    pagesFetched: state.pagesFetched,
    fraction,
  };
}
