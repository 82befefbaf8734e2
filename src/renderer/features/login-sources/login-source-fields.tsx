/** The provider-specific fields of the "Add a login source" form, each labelled, with where to find the value. */
import { useId, type RefObject } from 'react';
import { PROVIDER_LABELS, secretLabel, type LoginSourceDraft } from './login-source-draft';

const SECRET_HINTS: Readonly<Record<LoginSourceDraft['kind'], string>> = {
  cloudflare: 'My Profile → API Tokens. A token needs the permission "Access: Audit Logs Read" on this account.',
  ingedata: 'The PULSE_… key from Ingedata Pulse; it is exchanged for a short-lived token at each sign-in.',
  nlpearl: 'Settings → API in NLPearl (sent as "Bearer <account id>:<secret key>").',
};

export function LoginSourceFields({
  draft,
  onChange,
  secretInput,
}: {
  readonly draft: LoginSourceDraft;
  readonly onChange: (change: Partial<LoginSourceDraft>) => void;
  readonly secretInput: RefObject<HTMLInputElement | null>;
}) {
  const ids = useId();
  const secretName = secretLabel(draft);
  return (
    <>
      <div className="field">
        <label htmlFor={`${ids}-label`}>Name</label>
        <input
          id={`${ids}-label`}
          type="text"
          value={draft.label}
          onChange={(e) => onChange({ label: e.target.value })}
          placeholder={`e.g. ${PROVIDER_LABELS[draft.kind]} (optional)`}
          autoComplete="off"
        />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-base-url`}>Base URL</label>
        <input
          id={`${ids}-base-url`}
          type="url"
          required
          value={draft.baseUrl}
          onChange={(e) => onChange({ baseUrl: e.target.value })}
          aria-describedby={`${ids}-base-url-hint`}
          autoComplete="off"
          spellCheck={false}
        />
        <span id={`${ids}-base-url-hint`} className="hint">
          The provider&apos;s real API; change it only to test against a simulator.
        </span>
      </div>
      {draft.kind === 'cloudflare' || draft.kind === 'nlpearl' ? (
        <div className="field">
          <label htmlFor={`${ids}-account-id`}>Account ID</label>
          <input
            id={`${ids}-account-id`}
            type="text"
            required
            value={draft.accountId}
            onChange={(e) => onChange({ accountId: e.target.value })}
            aria-describedby={`${ids}-account-id-hint`}
            autoComplete="off"
            spellCheck={false}
          />
          <span id={`${ids}-account-id-hint`} className="hint">
            {draft.kind === 'cloudflare' ? '32 characters, from the dashboard URL or the account Overview page.' : 'From Settings → API in NLPearl.'}
          </span>
        </div>
      ) : null}
      {draft.kind === 'cloudflare' ? (
        <fieldset className="field">
          <legend>Cloudflare sign-in</legend>
          <div className="choice">
            <input
              id={`${ids}-auth-token`}
              type="radio"
              name={`${ids}-auth`}
              checked={draft.cloudflareAuth === 'api-token'}
              onChange={() => onChange({ cloudflareAuth: 'api-token' })}
            />
            <label htmlFor={`${ids}-auth-token`}>Scoped API token (recommended)</label>
          </div>
          <div className="choice">
            <input
              id={`${ids}-auth-global`}
              type="radio"
              name={`${ids}-auth`}
              checked={draft.cloudflareAuth === 'global-key'}
              onChange={() => onChange({ cloudflareAuth: 'global-key' })}
            />
            <label htmlFor={`${ids}-auth-global`}>Email and Global API Key (legacy, full access)</label>
          </div>
        </fieldset>
      ) : null}
      {draft.kind === 'cloudflare' && draft.cloudflareAuth === 'global-key' ? (
        <div className="field">
          <label htmlFor={`${ids}-email`}>Cloudflare email</label>
          <input id={`${ids}-email`} type="email" required value={draft.email} onChange={(e) => onChange({ email: e.target.value })} autoComplete="off" />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${ids}-secret`}>{secretName}</label>
        <input
          id={`${ids}-secret`}
          ref={secretInput}
          type="password"
          required
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${ids}-secret-hint`}
        />
        <span id={`${ids}-secret-hint`} className="hint">
          {SECRET_HINTS[draft.kind]}
        </span>
      </div>
    </>
  );
}
