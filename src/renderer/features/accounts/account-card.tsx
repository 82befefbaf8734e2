/**
 * One Deribit account: which account it is, its keys (which one syncs, warnings first), key rotation and
 * removal, and — separately, confirmed — deleting the cached history. Without a key the history stays.
 */
import { useState } from 'react';
import type { AccountInfo, ApiKeyInfo } from '../../../shared/contract';
import { useAccounts } from '../../state/accounts-store';
import { ConfirmDialog } from '../dialogs/confirm-dialog';
import { useDisplayZone } from '../formatting/use-display-zone';
import { ZonedTimeText } from '../formatting/zoned-time-text';
import { authMethodName, environmentName } from './account-descriptions';
import { ReplaceKeyDialog } from './replace-key-dialog';

type Pending = { readonly kind: 'remove-key' | 'replace-key'; readonly key: ApiKeyInfo } | { readonly kind: 'delete-history' } | null;

export function AccountCard({ account }: { readonly account: AccountInfo }) {
  const removeKey = useAccounts((s) => s.removeKey);
  const deleteHistory = useAccounts((s) => s.deleteHistory);
  const zone = useDisplayZone();
  const [pending, setPending] = useState<Pending>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const headingId = `account-${account.accountKey}-heading`;
  const syncKey = account.keys.find((k) => k.keyId === account.syncKeyId) ?? null;
  const warnings = syncKey?.scope?.warnings ?? [];

  return (
    <article className="card account-card" aria-labelledby={headingId}>
      <header className="card-header">
        <div className="card-title">
          <h3 id={headingId}>{account.label}</h3>
          {account.demo ? <span className="badge">Demo</span> : null}
          {account.keys.length === 0 ? <span className="badge">No key: history only</span> : null}
        </div>
        <button type="button" className="button button--danger-outline" onClick={() => setPending({ kind: 'delete-history' })}>
          Delete cached history
        </button>
      </header>
      {warnings.length > 0 ? (
        <div role="alert" className="warning-box">
          <strong>{syncKey?.scope?.insufficient ? 'This key cannot be synced' : 'This key can do more than read'}</strong>
          <ul className="warning-list">
            {warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <dl className="facts">
        <dt>Deribit account</dt>
        <dd>{account.mainUserId === null ? 'Not matched yet (added by an older version)' : `${account.username ?? '?'} (user ${account.mainUserId})`}</dd>
        <dt>Environment</dt>
        <dd>{environmentName(account.environment)}</dd>
        {account.baseUrl ? (
          <>
            <dt>Base URL</dt>
            <dd className="mono">{account.baseUrl}</dd>
          </>
        ) : null}
        <dt>Syncs use</dt>
        <dd>{syncKey ? `key ${syncKey.clientId}${account.keys.length > 1 ? ' (the read-only one where there is a choice)' : ''}` : 'No key: add a key of this account below to sync again. The cached history stays browsable.'}</dd>
        {account.addedAt > 0 ? (
          <>
            <dt>Added</dt>
            <dd>
              <ZonedTimeText ms={account.addedAt} zone={zone} named />
            </dd>
          </>
        ) : null}
      </dl>
      {account.keys.length > 0 ? (
        <ul className="key-list" aria-label={`API keys of ${account.label}`}>
          {account.keys.map((key) => (
            <li key={key.keyId} className="key-item" aria-label={`Key ${key.clientId}`}>
              <span className="mono">{key.clientId}</span>
              {key.keyId === account.syncKeyId ? <span className="badge">Used for syncs</span> : null}
              <span className="muted">
                {authMethodName(key.authMethod)} · scope <span className="mono">{key.scope ? key.scope.scope || '(empty)' : 'not checked yet'}</span>
              </span>
              <span className="key-actions">
                <button type="button" className="button" aria-label={`Replace key ${key.clientId}`} onClick={() => setPending({ kind: 'replace-key', key })}>
                  Replace key
                </button>
                <button type="button" className="button button--danger-outline" aria-label={`Remove key ${key.clientId}`} onClick={() => setPending({ kind: 'remove-key', key })}>
                  Remove key
                </button>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {notice !== null ? (
        <p role="status" className="success-text">
          {notice}
        </p>
      ) : null}
      {pending?.kind === 'replace-key' ? (
        <ReplaceKeyDialog account={account} apiKey={pending.key} onReplaced={setNotice} onClose={() => setPending(null)} />
      ) : null}
      {pending?.kind === 'remove-key' ? (
        <ConfirmDialog
          title={`Remove key ${pending.key.clientId}?`}
          description={
            <p>
              The key and its stored secret are removed from this app.{' '}
              {account.keys.length === 1
                ? `The cached history of ${account.label} stays on this computer (browsable, reconcilable, exportable); add a key of this account again to sync it.`
                : 'The account keeps its other keys and its cached history.'}
            </p>
          }
          actions={[{ label: 'Remove key', run: () => removeKey(account.accountKey, pending.key.keyId) }]}
          onClose={() => setPending(null)}
        />
      ) : null}
      {pending?.kind === 'delete-history' ? (
        <ConfirmDialog
          title={`Delete the cached history of ${account.label}?`}
          description={
            <p>
              Every downloaded transaction, access-log event, ledger page and sync position of this account is deleted from this
              computer, and its keys are removed from the app. Deribit keeps the history: adding a key and syncing downloads it again.
            </p>
          }
          actions={[{ label: 'Delete history', danger: true, run: () => deleteHistory(account.accountKey) }]}
          onClose={() => setPending(null)}
        />
      ) : null}
    </article>
  );
}
