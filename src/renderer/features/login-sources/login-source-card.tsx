/**
 * One configured login source: what it reads, its status (events cached, last synced, the provider's
 * notes such as retention limits, the last error), its history window (what the provider keeps, what was
 * asked, "Fetch older events"), Sync now / Cancel sync, and Remove (with confirmation).
 * Between runs the status comes from the stored stream state (db.loginSyncState).
 */
import { useState } from 'react';
import type { LoginStreamState } from '../../../core/sync/login-sync';
import type { LoginSourceInfo } from '../../../shared/contract';
import { db } from '../../db/db-instance';
import { loginStreamKey } from '../../db/dexie-login-store';
import { loginSyncStateOf, useLoginSources } from '../../state/login-sources-store';
import { useLiveQuery } from '../../state/use-live-query';
import { formatCount, formatTimeAgo } from '../formatting/utc-time';
import { useDisplayZone } from '../formatting/use-display-zone';
import { ZonedTimeText } from '../formatting/zoned-time-text';
import { describeSettings, PROVIDER_LABELS } from './login-source-draft';
import { LoginSourceHistory } from './login-source-history';
import { loginProgressText } from './login-sync-text';
import { RemoveLoginSourceDialog } from './remove-login-source-dialog';

export function LoginSourceCard({ source }: { readonly source: LoginSourceInfo }) {
  const [removing, setRemoving] = useState(false);
  const { progress, running, error } = useLoginSources((s) => loginSyncStateOf(s, source.sourceKey));
  const sync = useLoginSources((s) => s.sync);
  const cancel = useLoginSources((s) => s.cancel);
  const zone = useDisplayZone();
  const stored = useLiveQuery<LoginStreamState | null>(
    async () => (await db.loginSyncState.get(loginStreamKey(source.sourceKey))) ?? null,
    [source.sourceKey],
    null,
  );
  const cached = useLiveQuery<number | null>(() => db.loginEvents.where('sourceKey').equals(source.sourceKey).count(), [source.sourceKey], null);
  const headingId = `login-source-${source.sourceKey}-heading`;
  const shownError = error ?? (running ? null : (stored?.lastError ?? null));
  const notes = stored?.notes ?? [];

  return (
    <article className="card account-card" aria-labelledby={headingId}>
      <header className="card-header">
        <div className="card-title">
          <h3 id={headingId}>{source.label}</h3>
          <span className="badge">{PROVIDER_LABELS[source.settings.kind]}</span>
          {source.demo ? <span className="badge">Demo</span> : null}
        </div>
        <div className="button-row">
          <button type="button" className="button button--primary" disabled={running} aria-label={`Sync ${source.label} now`} onClick={() => sync(source.sourceKey)}>
            Sync now
          </button>
          {running ? (
            <button type="button" className="button" aria-label={`Cancel sync of ${source.label}`} onClick={() => void cancel(source.sourceKey)}>
              Cancel sync
            </button>
          ) : null}
          <button type="button" className="button button--danger-outline" aria-label={`Remove ${source.label}`} onClick={() => setRemoving(true)}>
            Remove
          </button>
        </div>
      </header>
      <dl className="facts">
        <dt>Reads</dt>
        <dd>{describeSettings(source.settings)}</dd>
        <dt>Base URL</dt>
        <dd className="mono">{source.settings.baseUrl}</dd>
        <dt>Events cached</dt>
        <dd>{cached === null ? 'Counting…' : formatCount(cached, 'event', 'events')}</dd>
        <dt>Last synced</dt>
        <dd>
          {stored?.lastSyncedAt != null ? (
            <>
              <ZonedTimeText ms={stored.lastSyncedAt} zone={zone} named /> (
              {formatTimeAgo(stored.lastSyncedAt, Date.now())})
            </>
          ) : (
            'Never synced'
          )}
        </dd>
        <dt>Added</dt>
        <dd>
          <ZonedTimeText ms={source.addedAt} zone={zone} named />
        </dd>
      </dl>
      <LoginSourceHistory source={source} stored={stored} running={running} />
      <p className="muted" aria-live="polite">
        {running || progress !== null ? loginProgressText(progress, running) : null}
      </p>
      {notes.length > 0 ? (
        <div className="notice" role="note" aria-label={`Notes about ${source.label}`}>
          <ul className="warning-list">
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {shownError !== null ? (
        <div role="alert" className="error-box">
          <strong>Sync problem:</strong> {shownError}
        </div>
      ) : null}
      {removing ? <RemoveLoginSourceDialog source={source} onClose={() => setRemoving(false)} /> : null}
    </article>
  );
}
