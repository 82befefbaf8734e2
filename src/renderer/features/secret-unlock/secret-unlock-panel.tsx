/**
 * Shown above the views when main keeps API secrets under a passphrase (a desktop without an OS
 * keyring): choose one the first time, type it once per session after that. Hidden when the secret
 * store is ready (the OS keychain, browser mode's file, or once unlocked). Syncs and key changes wait
 * for it; everything cached stays browsable meanwhile.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { SecretStoreStatus } from '../../../shared/contract';
import { getApi, isApiCallError } from '../../api/renderer-api';
import { useAccounts } from '../../state/accounts-store';
import { passphraseProblem } from './passphrase-input';
import './secret-unlock.css';

export function SecretUnlockPanel() {
  const [status, setStatus] = useState<SecretStoreStatus | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();

  useEffect(() => {
    let live = true;
    getApi()
      .call('getSecretStoreStatus', {})
      .then((s) => live && setStatus(s), () => undefined); // unreachable service: the header already says so
    return () => {
      live = false;
    };
  }, []);

  if (!status || status.state === 'ready') return null;
  const isNew = status.state === 'needs-passphrase';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = passphraseProblem(isNew, passphrase, confirmation);
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      const next = await getApi().call('unlockSecretStore', { passphrase });
      setPassphrase('');
      setConfirmation('');
      setStatus(next);
      void useAccounts.getState().load();
    } catch (e) {
      setError(isApiCallError(e) ? e.userMessage : 'The passphrase could not be checked. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="secret-unlock notice" aria-labelledby={headingId}>
      <h2 id={headingId}>{isNew ? 'Choose a passphrase for your API secrets' : 'Unlock your saved API secrets'}</h2>
      {status.explanation ? <p>{status.explanation}</p> : null}
      <form aria-label={isNew ? 'Choose a passphrase' : 'Unlock saved secrets'} onSubmit={(e) => void submit(e)} className="secret-unlock-form">
        <label>
          Passphrase
          <input type="password" value={passphrase} autoComplete={isNew ? 'new-password' : 'current-password'}
            onChange={(e) => setPassphrase(e.target.value)} disabled={busy} autoFocus />
        </label>
        {isNew ? (
          <label>
            Passphrase again
            <input type="password" value={confirmation} autoComplete="new-password" onChange={(e) => setConfirmation(e.target.value)} disabled={busy} />
          </label>
        ) : null}
        <button type="submit" disabled={busy}>{busy ? 'Checking…' : isNew ? 'Set passphrase' : 'Unlock'}</button>
      </form>
      {error ? <p role="alert" className="error-text">{error}</p> : null}
    </section>
  );
}
