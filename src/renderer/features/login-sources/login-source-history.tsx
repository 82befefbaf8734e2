/**
 * A login source's history window on its card: what the provider keeps and what is older (in words, with
 * dates), what the syncs asked for, and "Fetch older events" to reach further back than the money
 * history (a date field; the reach is kept with the source, so a cancelled run continues it).
 */
import { useId, useState, type FormEvent } from 'react';
import { describeSourceHistory, utcDate } from '../../../core/logins/source-retention';
import type { LoginStreamState } from '../../../core/sync/login-sync';
import type { LoginSourceInfo } from '../../../shared/contract';
import { db } from '../../db/db-instance';
import { useLoginSources } from '../../state/login-sources-store';
import { useLiveQuery } from '../../state/use-live-query';
import { DateField } from '../formatting/date-field';
import { checkDateText } from '../formatting/date-text';
import { askedFromOf, parseDateInput } from './login-history-window';

export function LoginSourceHistory({ source, stored, running }: { readonly source: LoginSourceInfo; readonly stored: LoginStreamState | null; readonly running: boolean }) {
  const sync = useLoginSources((s) => s.sync);
  const ids = useId();
  const [date, setDate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const oldest = useLiveQuery<number | null>(
    async () =>
      (await db.loginEvents.where('[sourceKey+timestamp]').between([source.sourceKey, -Infinity], [source.sourceKey, Infinity]).first())?.timestamp ?? null,
    [source.sourceKey, stored?.eventsStored ?? 0],
    null,
  );
  const askedFrom = askedFromOf(stored);
  const lines = describeSourceHistory({ kind: source.settings.kind, now: Date.now(), askedFrom, oldestEvent: oldest });

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const check = checkDateText(date, 'The reach-back date');
    const from = check.ok ? parseDateInput(check.date) : null;
    if (!check.ok || from === null) {
      setError(check.ok ? 'Enter the date as YYYY-MM-DD, e.g. 2023-01-01.' : check.message);
      return;
    }
    if (from >= Date.now()) {
      setError('Choose a date in the past: the sync reaches back from today.');
      return;
    }
    if (askedFrom !== null && from >= askedFrom) {
      setError(`Events back to ${utcDate(askedFrom)} are already asked for; choose an earlier date.`);
      return;
    }
    setError(null);
    sync(source.sourceKey, { reachBackTo: from });
  };

  return (
    <section aria-label={`History of ${source.label}`}>
      <ul className="warning-list">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <form className="button-row" aria-label={`Fetch older events from ${source.label}`} onSubmit={submit} noValidate>
        <label htmlFor={`${ids}-from`}>Reach back to</label>
        <DateField
          id={`${ids}-from`}
          value={date}
          hint="YYYY-MM-DD, from 00:00 UTC"
          invalid={error !== null}
          errorId={error !== null ? `${ids}-error` : null}
          onChange={(value) => {
            setDate(value);
            setError(null);
          }}
        />
        <button type="submit" className="button" disabled={running}>
          Fetch older events
        </button>
      </form>
      {error !== null ? (
        <p id={`${ids}-error`} role="alert" className="error-text">
          {error}
        </p>
      ) : null}
    </section>
  );
}
