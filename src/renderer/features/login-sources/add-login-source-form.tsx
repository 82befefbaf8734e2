/**
 * Add a login source: pick the provider, fill in its settings, "Test connection" (the report appears in a
 * live region) and "Add source" (main tests again, then stores the secret). The secret input is
 * uncontrolled: read when used, cleared after adding, never in React or store state.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { ConnectionReport } from '../../../core/logins/types';
import { toShownError } from '../../state/error-message';
import { useLoginSources } from '../../state/login-sources-store';
import { LoginSourceFields } from './login-source-fields';
import { PROVIDER_KINDS, PROVIDER_LABELS, draftToInput, emptyDraft, switchProvider, type LoginProviderKind, type LoginSourceDraft } from './login-source-draft';

export function AddLoginSourceForm() {
  const test = useLoginSources((s) => s.test);
  const add = useLoginSources((s) => s.add);
  const secretInput = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState<LoginSourceDraft>(() => emptyDraft('cloudflare'));
  const [busy, setBusy] = useState<'testing' | 'adding' | null>(null);
  const [report, setReport] = useState<ConnectionReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const ids = useId();

  const change = (next: Partial<LoginSourceDraft>): void => {
    setDraft((d) => ({ ...d, ...next }));
    setReport(null);
  };

  const runTest = async (): Promise<void> => {
    setBusy('testing');
    setError(null);
    setAdded(null);
    setReport(null);
    try {
      setReport(await test(draftToInput(draft, secretInput.current?.value ?? '')));
    } catch (e) {
      setError(toShownError(e).message);
    } finally {
      setBusy(null);
    }
  };

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const input = secretInput.current;
    setBusy('adding');
    setError(null);
    setAdded(null);
    try {
      const info = await add(draftToInput(draft, input?.value ?? ''));
      setAdded(info.label);
      setReport(null);
      setDraft(emptyDraft(draft.kind));
      if (input) input.value = '';
    } catch (e) {
      setError(toShownError(e).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <form className="card add-account-form" aria-labelledby={`${ids}-heading`} onSubmit={(e) => void submit(e)}>
      <h3 id={`${ids}-heading`}>Add a login source</h3>
      <div className="field">
        <label htmlFor={`${ids}-provider`}>Provider</label>
        <select
          id={`${ids}-provider`}
          value={draft.kind}
          onChange={(e) => {
            setDraft((d) => switchProvider(d, e.target.value as LoginProviderKind));
            setReport(null);
            if (secretInput.current) secretInput.current.value = '';
          }}
        >
          {PROVIDER_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {PROVIDER_LABELS[kind]}
            </option>
          ))}
        </select>
      </div>
      <LoginSourceFields draft={draft} onChange={change} secretInput={secretInput} />
      <p className="hint">
        Only read access is needed. Test the connection first if you like; adding tests it again, then keeps the secret in
        the app&apos;s background service, never in this window.
      </p>
      <div className="form-actions">
        <button type="button" className="button" disabled={busy !== null} aria-busy={busy === 'testing'} onClick={() => void runTest()}>
          Test connection
        </button>
        <button type="submit" className="button button--primary" disabled={busy !== null} aria-busy={busy === 'adding'}>
          Add source
        </button>
        {busy !== null ? <span className="muted">{busy === 'testing' ? 'Testing the connection…' : 'Checking and adding…'}</span> : null}
      </div>
      <div role="status" aria-live="polite" aria-label="Connection test result" className={report?.ok === false ? 'error-text' : 'success-text'}>
        {report !== null ? `${report.ok ? 'Connection works.' : 'Connection failed.'} ${report.summary}` : null}
      </div>
      {error !== null ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      {added !== null ? (
        <p role="status" className="success-text">
          Added {added}. Use &quot;Sync now&quot; on its card to download its events.
        </p>
      ) : null}
    </form>
  );
}
