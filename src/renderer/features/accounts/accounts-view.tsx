/** Accounts: the configured keys (or the empty state), and the form to add one. */
import { useAccounts } from '../../state/accounts-store';
import { AccountCard } from './account-card';
import { AccountsEmptyState } from './accounts-empty-state';
import { AddAccountForm } from './add-account-form';

export function AccountsView() {
  const accounts = useAccounts((s) => s.accounts);
  const source = useAccounts((s) => s.source);
  const refreshError = useAccounts((s) => s.refreshError);

  return (
    <section className="view" aria-labelledby="accounts-heading">
      <h2 id="accounts-heading">Accounts</h2>
      {refreshError !== null ? (
        <p className="notice">
          Could not refresh the account list from the app&apos;s background service: {refreshError} Showing the accounts
          saved on this computer.
        </p>
      ) : null}
      {source === 'none' ? (
        <p className="muted">Loading accounts…</p>
      ) : accounts.length === 0 ? (
        <AccountsEmptyState />
      ) : (
        <ul className="account-list" aria-label="Configured accounts">
          {accounts.map((account) => (
            <li key={account.accountKey}>
              <AccountCard account={account} />
            </li>
          ))}
        </ul>
      )}
      <AddAccountForm />
    </section>
  );
}
