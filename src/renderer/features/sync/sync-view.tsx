/** Sync: one panel per configured account. */
import { useAccounts } from '../../state/accounts-store';
import { useNavigation } from '../../state/navigation-store';
import { LoginSourcesSyncPanel } from '../login-sources/login-sources-sync-panel';
import { AccountSyncPanel } from './account-sync-panel';

export function SyncView() {
  const accounts = useAccounts((s) => s.accounts);
  const open = useNavigation((s) => s.open);
  return (
    <section className="view" aria-labelledby="sync-heading">
      <h2 id="sync-heading">Sync</h2>
      <p className="muted">
        Each sync downloads what is new since the last one (the first one walks back to the account&apos;s creation).
        Deribit allows one transaction-log request per second, so a long history takes a while; cancelling keeps
        everything downloaded so far.
      </p>
      {accounts.length === 0 ? (
        <div className="empty-state">
          <p>No accounts to sync yet.</p>
          <button type="button" className="button button--primary" onClick={() => open('accounts')}>
            Go to Accounts
          </button>
        </div>
      ) : (
        accounts.map((account) => <AccountSyncPanel key={account.accountKey} account={account} />)
      )}
      <LoginSourcesSyncPanel />
    </section>
  );
}
