/**
 * Add a Deribit key. The secret input is uncontrolled: its value is read once at submit, handed to
 * main, and the field is cleared whatever the outcome — it never enters React or store state.
 * The check takes seconds at most and can be cancelled; afterwards focus goes to the outcome (the
 * error, or the "Go to Sync" link) so a keyboard user continues from there.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { callContract } from '../../state/contract-calls';
import type { DeribitAuthMethod, DeribitEnvironment } from '../../../core/providers/deribit/types';
import { DERIBIT_BASE_URLS } from '../../../core/providers/deribit/types';
import { useAccounts } from '../../state/accounts-store';
import { toShownError } from '../../state/error-message';
import { useNavigation } from '../../state/navigation-store';

const ENVIRONMENTS: readonly { readonly value: DeribitEnvironment; readonly label: string; readonly hint: string }[] = [
  { value: 'mainnet', label: 'Mainnet', hint: DERIBIT_BASE_URLS.mainnet },
  { value: 'testnet', label: 'Testnet', hint: DERIBIT_BASE_URLS.testnet },
  { value: 'custom', label: 'Custom URL', hint: 'another server speaking the Deribit API v2' },
];

const AUTH_METHODS: readonly { readonly value: DeribitAuthMethod; readonly label: string; readonly hint: string }[] = [
  { value: 'client_signature', label: 'Client signature', hint: 'recommended: the secret signs each sign-in and never travels' },
  { value: 'client_credentials', label: 'Client credentials', hint: 'the secret is sent to Deribit over HTTPS to sign in' },
];

export function AddAccountForm() {
  const add = useAccounts((s) => s.add);
  const open = useNavigation((s) => s.open);
  const secretInput = useRef<HTMLInputElement>(null);
  const [label, setLabel] = useState('');
  const [environment, setEnvironment] = useState<DeribitEnvironment>('mainnet');
  const [baseUrl, setBaseUrl] = useState('');
  const [clientId, setClientId] = useState('');
  const [authMethod, setAuthMethod] = useState<DeribitAuthMethod>('client_signature');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [addedLabel, setAddedLabel] = useState<string | null>(null);
  const probe = useRef<string | null>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const goToSyncRef = useRef<HTMLButtonElement>(null);
  const clientIdRef = useRef<HTMLInputElement>(null);
  const [focusTarget, setFocusTarget] = useState<'error' | 'added' | 'form' | null>(null);
  const ids = useId();

  useEffect(() => {
    if (focusTarget === null) return;
    if (focusTarget === 'error') errorRef.current?.focus();
    else if (focusTarget === 'added') goToSyncRef.current?.focus();
    else clientIdRef.current?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  const cancel = (): void => {
    const id = probe.current;
    if (id !== null) void callContract('cancelAddAccount', { probeId: id }).catch(() => undefined);
  };

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const input = secretInput.current;
    setBusy(true);
    setError(null);
    setAdded(null);
    const probeId = `probe-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    probe.current = probeId;
    try {
      const result = await add({
        label: label.trim(),
        environment,
        ...(environment === 'custom' ? { baseUrl: baseUrl.trim() } : {}),
        clientId: clientId.trim(),
        clientSecret: input?.value ?? '',
        authMethod,
        probeId,
      });
      setAdded(result.message);
      setFocusTarget('added');
      setAddedLabel(result.outcome === 'created' ? result.account.label : null);
      setLabel('');
      setClientId('');
      setBaseUrl('');
    } catch (e) {
      const shown = toShownError(e);
      if (shown.kind === 'cancelled') {
        setError(null);
        setFocusTarget('form');
      } else {
        setError(shown.message);
        setFocusTarget('error');
      }
    } finally {
      probe.current = null;
      if (input) input.value = '';
      setBusy(false);
    }
  };

  return (
    <form className="card add-account-form" aria-labelledby={`${ids}-heading`} onSubmit={(e) => void submit(e)}>
      <h3 id={`${ids}-heading`}>Add an account</h3>
      <div className="field">
        <label htmlFor={`${ids}-label`}>Label</label>
        <input id={`${ids}-label`} type="text" value={label} onChange={(e) => setLabel(e.target.value)} placeholder="e.g. Main account (optional)" autoComplete="off" />
      </div>
      <fieldset className="field">
        <legend>Environment</legend>
        {ENVIRONMENTS.map((env) => (
          <div key={env.value} className="choice">
            <input
              id={`${ids}-env-${env.value}`}
              type="radio"
              name={`${ids}-environment`}
              value={env.value}
              checked={environment === env.value}
              onChange={() => setEnvironment(env.value)}
              aria-describedby={`${ids}-env-${env.value}-hint`}
            />
            <label htmlFor={`${ids}-env-${env.value}`}>{env.label}</label>
            <span id={`${ids}-env-${env.value}-hint`} className="hint">
              {env.hint}
            </span>
          </div>
        ))}
      </fieldset>
      {environment === 'custom' ? (
        <div className="field">
          <label htmlFor={`${ids}-base-url`}>Base URL</label>
          <input
            id={`${ids}-base-url`}
            type="url"
            required
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
            placeholder="https://test.deribit.com/api/v2"
            autoComplete="off"
          />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${ids}-client-id`}>Client ID</label>
        <input id={`${ids}-client-id`} ref={clientIdRef} type="text" required value={clientId} onChange={(e) => setClientId(e.target.value)} autoComplete="off" spellCheck={false} />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-client-secret`}>Client secret</label>
        <input id={`${ids}-client-secret`} ref={secretInput} type="password" required autoComplete="off" spellCheck={false} />
      </div>
      <fieldset className="field">
        <legend>Sign-in method</legend>
        {AUTH_METHODS.map((method) => (
          <div key={method.value} className="choice">
            <input
              id={`${ids}-auth-${method.value}`}
              type="radio"
              name={`${ids}-auth`}
              value={method.value}
              checked={authMethod === method.value}
              onChange={() => setAuthMethod(method.value)}
              aria-describedby={`${ids}-auth-${method.value}-hint`}
            />
            <label htmlFor={`${ids}-auth-${method.value}`}>{method.label}</label>
            <span id={`${ids}-auth-${method.value}-hint`} className="hint">
              {method.hint}
            </span>
          </div>
        ))}
      </fieldset>
      <p className="hint">The key is checked once now (sign-in and granted scope); nothing is downloaded until you sync.</p>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
          Add account
        </button>
        {busy ? (
          <>
            <span className="muted" role="status">
              Checking the key…
            </span>
            <button type="button" className="button" onClick={cancel}>
              Cancel
            </button>
          </>
        ) : null}
      </div>
      {error !== null ? (
        <p role="alert" className="error-text" tabIndex={-1} ref={errorRef}>
          {error}
        </p>
      ) : null}
      {added !== null ? (
        <p role="status" className="success-text">
          {added}{' '}
          <button type="button" className="link-button" ref={goToSyncRef} onClick={() => open('sync')}>
            Go to Sync
          </button>{' '}
          to download {addedLabel === null ? 'what is new' : 'its history'}.
        </p>
      ) : null}
    </form>
  );
}
