/**
 * Key rotation: a new key of the same Deribit account takes the old one's place; syncs continue the same
 * history. Main checks the new key reads this account before anything changes. The secret input is
 * uncontrolled and cleared whatever the outcome.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { AccountInfo, ApiKeyInfo } from '../../../shared/contract';
import type { DeribitAuthMethod } from '../../../core/providers/deribit/types';
import { useAccounts } from '../../state/accounts-store';
import { toShownError } from '../../state/error-message';
import { useModalDialog } from '../dialogs/use-modal-dialog';
import { authMethodName } from './account-descriptions';

export function ReplaceKeyDialog(props: {
  readonly account: AccountInfo;
  readonly apiKey: ApiKeyInfo;
  readonly onReplaced: (message: string) => void;
  readonly onClose: () => void;
}) {
  const { account, apiKey } = props;
  const replaceKey = useAccounts((s) => s.replaceKey);
  const { dialog, initialFocus, close } = useModalDialog<HTMLInputElement>();
  const secretInput = useRef<HTMLInputElement>(null);
  const [clientId, setClientId] = useState('');
  const [authMethod, setAuthMethod] = useState<DeribitAuthMethod>(apiKey.authMethod);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = useId();

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const input = secretInput.current;
    setBusy(true);
    setError(null);
    try {
      const result = await replaceKey({ accountKey: account.accountKey, keyId: apiKey.keyId, clientId: clientId.trim(), clientSecret: input?.value ?? '', authMethod });
      props.onReplaced(result.message);
      close();
    } catch (e) {
      setError(toShownError(e).message);
      setBusy(false);
    } finally {
      if (input) input.value = '';
    }
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={`${ids}-title`} onClose={props.onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <h2 id={`${ids}-title`}>Replace key {apiKey.clientId}</h2>
        <p>
          Enter a new key of {account.label}. It is checked first; only if it reads the same Deribit account does it take the place of{' '}
          {apiKey.clientId}, whose secret is then deleted from this computer. The cached history stays and syncs continue it.
        </p>
        <div className="field">
          <label htmlFor={`${ids}-client-id`}>New client ID</label>
          <input id={`${ids}-client-id`} ref={initialFocus} type="text" required value={clientId} onChange={(e) => setClientId(e.target.value)} autoComplete="off" spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-secret`}>New client secret</label>
          <input id={`${ids}-secret`} ref={secretInput} type="password" required autoComplete="off" spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-auth`}>Sign-in method</label>
          <select id={`${ids}-auth`} value={authMethod} onChange={(e) => setAuthMethod(e.target.value as DeribitAuthMethod)}>
            {(['client_signature', 'client_credentials'] as const).map((m) => (
              <option key={m} value={m}>
                {authMethodName(m)}
              </option>
            ))}
          </select>
        </div>
        {error !== null ? (
          <p role="alert" className="error-text">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
            Replace key
          </button>
          <button type="button" className="button" disabled={busy} onClick={close}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
