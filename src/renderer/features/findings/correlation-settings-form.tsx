/**
 * Correlation settings: the window before money left in which login and security events count, and per
 * currency the loss threshold (decimal text, validated — never parsed to a float). Saved to localStorage;
 * saving re-runs the correlation.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { CorrelationSettings } from '../../worker/correlate-protocol';
import { DEFAULT_CORRELATION_SETTINGS, MAX_WINDOW_HOURS, draftOf, validateSettings, type SettingsDraft, type SettingsErrors } from './correlation-settings';

export function CorrelationSettingsForm(props: { readonly settings: CorrelationSettings; onSave(settings: CorrelationSettings): void }) {
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(props.settings));
  const [errors, setErrors] = useState<SettingsErrors | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => setDraft(draftOf(props.settings)), [props.settings]);

  const setRow = (index: number, change: Partial<SettingsDraft['thresholds'][number]>): void =>
    setDraft((d) => ({ ...d, thresholds: d.thresholds.map((row, i) => (i === index ? { ...row, ...change } : row)) }));

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const result = validateSettings(draft);
    if (!result.ok) {
      setErrors(result.errors);
      setStatus('The settings were not saved: fix the fields marked below.');
      return;
    }
    setErrors(null);
    setStatus('Settings saved; correlating again.');
    props.onSave(result.settings);
  };

  return (
    <form className="correlation-settings" aria-label="Correlation settings" onSubmit={submit} noValidate>
      <label className="field">
        <span>Window before money left (hours)</span>
        <input
          type="text"
          inputMode="numeric"
          value={draft.windowHours}
          aria-invalid={errors?.windowHours ? true : undefined}
          aria-describedby={errors?.windowHours ? 'window-hours-error' : 'window-hours-hint'}
          onChange={(event) => setDraft({ ...draft, windowHours: event.target.value })}
        />
        {errors?.windowHours ? (
          <span id="window-hours-error" className="error-text">
            {errors.windowHours}
          </span>
        ) : (
          <span id="window-hours-hint" className="muted">
            1 to {MAX_WINDOW_HOURS}; login and security events this long before a withdrawal, transfer or loss are linked to it.
          </span>
        )}
      </label>
      <fieldset>
        <legend>Loss thresholds (a negative change at least this large counts as a loss)</legend>
        {draft.thresholds.length === 0 ? <p className="muted">No thresholds: losses are not checked, only withdrawals and transfers out.</p> : null}
        {draft.thresholds.map((row, i) => {
          const rowErrors = errors?.thresholds[i] ?? null;
          const name = row.currency.trim().toUpperCase() || `row ${i + 1}`;
          return (
            <div key={i} className="threshold-row">
              <label className="field field--inline">
                <span>Currency</span>
                <input
                  type="text"
                  value={row.currency}
                  size={8}
                  aria-label={`Currency of threshold ${i + 1}`}
                  aria-invalid={rowErrors?.currency ? true : undefined}
                  onChange={(event) => setRow(i, { currency: event.target.value })}
                />
              </label>
              <label className="field field--inline">
                <span>Threshold</span>
                <input
                  type="text"
                  inputMode="decimal"
                  value={row.amount}
                  size={14}
                  aria-label={`Loss threshold for ${name}`}
                  aria-invalid={rowErrors?.amount ? true : undefined}
                  onChange={(event) => setRow(i, { amount: event.target.value })}
                />
              </label>
              <button type="button" className="button" aria-label={`Remove the ${name} threshold`} onClick={() => setDraft({ ...draft, thresholds: draft.thresholds.filter((_r, j) => j !== i) })}>
                Remove
              </button>
              {rowErrors ? (
                <span className="error-text" role="alert">
                  {[rowErrors.currency, rowErrors.amount].filter(Boolean).join(' ')}
                </span>
              ) : null}
            </div>
          );
        })}
        <button type="button" className="button" onClick={() => setDraft({ ...draft, thresholds: [...draft.thresholds, { currency: '', amount: '' }] })}>
          Add a currency
        </button>
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button button--primary">
          Save settings
        </button>
        <button type="button" className="button" onClick={() => setDraft(draftOf(DEFAULT_CORRELATION_SETTINGS))}>
          Restore defaults
        </button>
      </div>
      <p role="status" className="muted">
        {status}
      </p>
    </form>
  );
}
