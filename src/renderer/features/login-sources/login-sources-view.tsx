/**
 * Login sources: the login/security audit logs read next to the Deribit account (Cloudflare Access,
 * Ingedata Pulse, NLPearl), one card per source (or the empty state), "Sync login sources", and the
 * form to add one.
 */
import { useEffect, useState } from 'react';
import { useAccounts } from '../../state/accounts-store';
import { toShownError } from '../../state/error-message';
import { useLoginSources } from '../../state/login-sources-store';
import { AddLoginSourceForm } from './add-login-source-form';
import { LoginSourceCard } from './login-source-card';

export function LoginSourcesView() {
  const sources = useLoginSources((s) => s.sources);
  const loaded = useLoginSources((s) => s.loaded);
  const loadError = useLoginSources((s) => s.loadError);
  const syncAll = useLoginSources((s) => s.syncAll);
  const addDemo = useLoginSources((s) => s.addDemo);
  const demoAvailable = useAccounts((s) => s.appInfo?.demoAvailable ?? false);
  const [demoBusy, setDemoBusy] = useState(false);
  const [demoError, setDemoError] = useState<string | null>(null);

  useEffect(() => {
    void useLoginSources.getState().load();
  }, []);

  const tryDemo = async (): Promise<void> => {
    setDemoBusy(true);
    setDemoError(null);
    try {
      await addDemo();
    } catch (e) {
      setDemoError(toShownError(e).message);
    } finally {
      setDemoBusy(false);
    }
  };

  return (
    <section className="view" aria-labelledby="login-sources-heading">
      <h2 id="login-sources-heading">Login sources</h2>
      <p className="muted">
        Who signed in where, next to the money: the login and security logs of the tools around the account. Each sync
        reads what is new since the last one (the first reaches back a year; providers keep less and say so).
      </p>
      {loadError !== null ? <p className="notice">Could not load the login sources from the app&apos;s background service: {loadError}</p> : null}
      {!loaded ? (
        <p className="muted">Loading login sources…</p>
      ) : sources.length === 0 ? (
        <div className="empty-state">
          <h3>No login sources yet</h3>
          <p>
            Add Cloudflare Access (an API token with &quot;Access: Audit Logs Read&quot;), Ingedata Pulse (an API key) or
            NLPearl (account ID and secret key) below. Their login events appear in the Login events tab and in the
            reconciliation&apos;s findings next to withdrawals.
          </p>
          {demoAvailable ? (
            <div className="demo-offer">
              <p>No keys at hand? Demo sources are served by built-in simulators with data matching the demo account.</p>
              <button type="button" className="button button--primary" disabled={demoBusy} aria-busy={demoBusy} onClick={() => void tryDemo()}>
                Add the demo login sources
              </button>
            </div>
          ) : null}
        </div>
      ) : (
        <>
          <div className="button-row">
            <button type="button" className="button button--primary" onClick={syncAll}>
              Sync login sources
            </button>
          </div>
          <ul className="account-list" aria-label="Configured login sources">
            {sources.map((source) => (
              <li key={source.sourceKey}>
                <LoginSourceCard source={source} />
              </li>
            ))}
          </ul>
        </>
      )}
      {demoError !== null ? (
        <p role="alert" className="error-text">
          {demoError}
        </p>
      ) : null}
      <AddLoginSourceForm />
    </section>
  );
}
