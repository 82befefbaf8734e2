/** One configured key: where it points, what it may do (warnings first, prominently), and Remove. */
import { useState } from 'react';
import type { AccountInfo } from '../../../shared/contract';
import { formatUtcTimestamp } from '../formatting/utc-time';
import { authMethodName, environmentName } from './account-descriptions';
import { RemoveAccountDialog } from './remove-account-dialog';

export function AccountCard({ account }: { readonly account: AccountInfo }) {
  const [removing, setRemoving] = useState(false);
  const headingId = `account-${account.accountKey}-heading`;
  const warnings = account.scope?.warnings ?? [];

  return (
    <article className="card account-card" aria-labelledby={headingId}>
      <header className="card-header">
        <div className="card-title">
          <h3 id={headingId}>{account.label}</h3>
          {account.demo ? <span className="badge">Demo</span> : null}
        </div>
        <button type="button" className="button button--danger-outline" aria-label={`Remove ${account.label}`} onClick={() => setRemoving(true)}>
          Remove
        </button>
      </header>
      {warnings.length > 0 ? (
        <div role="alert" className="warning-box">
          <strong>{account.scope?.insufficient ? 'This key cannot be synced' : 'This key can do more than read'}</strong>
          <ul className="warning-list">
            {warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <dl className="facts">
        <dt>Environment</dt>
        <dd>{environmentName(account.environment)}</dd>
        <dt>Base URL</dt>
        <dd className="mono">{account.baseUrl}</dd>
        <dt>Client ID</dt>
        <dd className="mono">{account.clientId}</dd>
        <dt>Sign-in method</dt>
        <dd>{authMethodName(account.authMethod)}</dd>
        <dt>Granted scope</dt>
        <dd className="mono">{account.scope ? account.scope.scope || '(empty)' : 'Not checked yet'}</dd>
        <dt>Added</dt>
        <dd>{formatUtcTimestamp(account.addedAt)}</dd>
      </dl>
      {removing ? <RemoveAccountDialog account={account} onClose={() => setRemoving(false)} /> : null}
    </article>
  );
}
