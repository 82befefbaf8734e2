/**
 * The login sources in the Sync view: "Sync login sources" (every source; the Deribit "Sync now" stays
 * per account) and one progress line per source. Shown only when sources are configured.
 */
import { useEffect } from 'react';
import { loginSyncStateOf, useLoginSources } from '../../state/login-sources-store';
import { useNavigation } from '../../state/navigation-store';
import { loginProgressText } from './login-sync-text';

export function LoginSourcesSyncPanel() {
  const sources = useLoginSources((s) => s.sources);
  const bySource = useLoginSources((s) => s.bySource);
  const syncAll = useLoginSources((s) => s.syncAll);
  const open = useNavigation((s) => s.open);
  useEffect(() => {
    void useLoginSources.getState().load();
  }, []);
  if (sources.length === 0) return null;
  const running = sources.some((s) => loginSyncStateOf({ bySource }, s.sourceKey).running);

  return (
    <article className="card sync-panel" aria-labelledby="login-sources-sync-heading">
      <header className="card-header">
        <h3 id="login-sources-sync-heading">Login sources</h3>
        <div className="button-row">
          <button type="button" className="button button--primary" disabled={running} onClick={syncAll}>
            Sync login sources
          </button>
          <button type="button" className="button" onClick={() => open('login-sources')}>
            Manage login sources
          </button>
        </div>
      </header>
      <ul className="warning-list" aria-live="polite" aria-label="Login source sync status">
        {sources.map((source) => {
          const state = loginSyncStateOf({ bySource }, source.sourceKey);
          const text = state.error ?? loginProgressText(state.progress, state.running);
          return (
            <li key={source.sourceKey}>
              <strong>{source.label}:</strong> {text === '' ? 'Not synced in this session.' : text}
            </li>
          );
        })}
      </ul>
    </article>
  );
}
