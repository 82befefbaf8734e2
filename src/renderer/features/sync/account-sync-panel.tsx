/**
 * One account's sync: Sync now / Cancel sync, the progress bar ("Sync progress"), counters, time
 * left, errors with what to do, and the per-stream table. Between runs the table and "last synced"
 * come from the stored cursors (db.syncState): "last synced" only when every stream is complete, so a
 * cancelled or failed sync never reads as done. Answers a sync refused are listed from db.syncIssues.
 */
import { useMemo, useRef } from 'react';
import type { AccountInfo } from '../../../shared/contract';
import { SyncIssueList, useSyncIssues } from './sync-issue-list';
import type { StreamState } from '../../../core/sync/types';
import { db } from '../../db/db-instance';
import { useLiveQuery } from '../../state/use-live-query';
import { syncStateOf, useSync } from '../../state/sync-store';
import { formatTimeAgo } from '../formatting/utc-time';
import { useDisplayZone } from '../formatting/use-display-zone';
import { ZonedTimeText } from '../formatting/zoned-time-text';
import { describePhase, progressPercent, storedSyncText, summarizeStoredStreams, timeLeftText } from './sync-progress-text';
import { StreamTable } from './stream-table';
import { baselineOf, newRowsText, splitNewRows, type StreamBaseline } from './new-rows-text';
import { ProgressBar } from '../app-shell/progress-bar';

export function AccountSyncPanel({ account }: { readonly account: AccountInfo }) {
  const accountKeys = useMemo(() => [account.accountKey], [account.accountKey]);
  const { progress, running, error } = useSync((s) => syncStateOf(s, account.accountKey));
  const start = useSync((s) => s.start);
  const cancel = useSync((s) => s.cancel);
  const stored = useLiveQuery<readonly StreamState[]>(
    () => db.syncState.where('accountKey').equals(account.accountKey).toArray(),
    [account.accountKey],
    [],
  );
  const issues = useSyncIssues(accountKeys);
  const zone = useDisplayZone();
  const headingId = `sync-${account.accountKey}-heading`;
  const summary = summarizeStoredStreams(stored);
  const lastSynced = summary.lastCompleteAt;
  const percent = progressPercent(progress);
  const timeLeft = progress ? timeLeftText(progress) : null;
  const storedErrors = running ? [] : [...new Set(stored.flatMap((s) => (s.lastError ? [s.lastError] : [])))];
  const shownError = error ?? (progress === null ? (storedErrors[0] ?? null) : null);
  const noKey = account.syncKeyId === null;
  const cannotSync = noKey || account.scope?.insufficient === true;
  // Each run's first snapshot: what its streams held before, so new rows and new events are told apart.
  const baseline = useRef<{ startedAt: number; streams: StreamBaseline } | null>(null);
  if (progress !== null && baseline.current?.startedAt !== progress.startedAt) {
    baseline.current = { startedAt: progress.startedAt, streams: baselineOf(progress) };
  }

  return (
    <article className="card sync-panel" aria-labelledby={headingId}>
      <header className="card-header">
        <h3 id={headingId}>{account.label}</h3>
        <div className="button-row">
          <button type="button" className="button button--primary" disabled={running || cannotSync} onClick={() => start(account.accountKey)}>
            Sync now
          </button>
          {running ? (
            <button type="button" className="button" onClick={() => void cancel(account.accountKey)}>
              Cancel sync
            </button>
          ) : null}
        </div>
      </header>
      <p className="muted">
        {lastSynced !== null ? (
          <>
            Last synced: <ZonedTimeText ms={lastSynced} zone={zone} named /> (
            {formatTimeAgo(lastSynced, Date.now())})
          </>
        ) : running ? (
          'Sync in progress.'
        ) : (
          storedSyncText(summary)
        )}
      </p>
      {noKey ? (
        <p className="notice">
          No key of this account is in the app, so it cannot be synced; its cached history stays browsable, reconcilable and
          exportable. Add a read-only key of this Deribit account on the Accounts page to sync it again.
        </p>
      ) : cannotSync ? (
        <p role="alert" className="error-text">
          This key lacks the account:read scope, so nothing can be downloaded. Create a key with account:read and
          wallet:read, add it, and remove this one.
        </p>
      ) : null}
      {progress !== null || running ? (
        <div className="sync-progress">
          <ProgressBar label="Sync progress" percent={percent} />
          <p className="sync-counters" aria-live="polite">
            <span>{progress ? describePhase(progress) : 'Starting…'}</span>
            {percent !== null ? <span>{percent}%</span> : null}
            <span>{newRowsText(progress && baseline.current ? splitNewRows(progress, baseline.current.streams) : { rows: 0, events: 0 })}</span>
            <span>Pages: {progress?.pagesFetched ?? 0}</span>
            {timeLeft !== null ? <span>{timeLeft}</span> : null}
          </p>
        </div>
      ) : null}
      {shownError !== null ? (
        <div role="alert" className="error-box">
          <strong>Sync problem:</strong> {shownError}
        </div>
      ) : null}
      <SyncIssueList issues={issues} />
      <StreamTable accountLabel={account.label} live={progress?.streams ?? null} stored={stored} />
    </article>
  );
}
