/** No account yet: what a read-only key is, how to make one, and (when offered) the demo account. */
import { useState } from 'react';
import { useAccounts } from '../../state/accounts-store';
import { useLoginSources } from '../../state/login-sources-store';
import { toShownError } from '../../state/error-message';
import { useNavigation } from '../../state/navigation-store';

export function AccountsEmptyState() {
  const demoAvailable = useAccounts((s) => s.appInfo?.demoAvailable ?? false);
  const addDemo = useAccounts((s) => s.addDemo);
  const open = useNavigation((s) => s.open);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const tryDemo = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await addDemo();
      // The demo's login sources (simulators timed against its withdrawals) come with it.
      await useLoginSources.getState().addDemo();
      open('sync');
    } catch (e) {
      setError(toShownError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="empty-state">
      <h3>No accounts yet</h3>
      <p>
        Add a <strong>read-only</strong> Deribit API key. A read-only key lets this app download your complete
        transaction log and access log, but it cannot place orders, move funds or withdraw — even if this computer were
        compromised.
      </p>
      <p>
        On deribit.com open <em>Account → API</em>, choose <em>Add new key</em> and give it only the scopes{' '}
        <code>account: read</code> and <code>wallet: read</code> (leave trade, wallet and account write access off). Copy
        the Client ID and Client secret into the form below. The secret is stored by the app&apos;s background service,
        never in this window.
      </p>
      {demoAvailable ? (
        <div className="demo-offer">
          <p>No key at hand? The demo account is served by a built-in simulator with realistic data.</p>
          <button type="button" className="button button--primary button--large" onClick={() => void tryDemo()} disabled={busy} aria-busy={busy}>
            Try the demo account
          </button>
        </div>
      ) : null}
      {error !== null ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
    </div>
  );
}
