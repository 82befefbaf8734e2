/** Period picker: a calendar year or a date range, and the time zone its boundaries are computed in. */
import { useId, useMemo } from 'react';
import { DateField } from '../formatting/date-field';
import { isValidTimeZone } from '../formatting/zoned-time';
import { invalidDateFields, knownTimeZones, type PeriodChoice } from './period-choice';

export function PeriodPicker({
  choice,
  onChange,
  error,
  refusal = null,
}: {
  readonly choice: PeriodChoice;
  readonly onChange: (choice: PeriodChoice) => void;
  /** What is wrong with the input itself (marks the fields invalid). */
  readonly error: string | null;
  /** A well-formed period that cannot hold a row (before the first row, after today). */
  readonly refusal?: string | null;
}) {
  const message = error ?? refusal;
  const id = useId();
  const zones = useMemo(knownTimeZones, []);
  const set = (change: Partial<PeriodChoice>): void => onChange({ ...choice, ...change });
  const errorId = message !== null ? `${id}-error` : null;
  const badDates = error !== null ? invalidDateFields(choice) : { from: false, to: false };
  return (
    <fieldset className="period-picker" aria-describedby={message !== null ? `${id}-error` : undefined}>
      <legend>Period</legend>
      <div className="period-picker-row">
        <label className="choice-inline">
          <input type="radio" name={`${id}-mode`} checked={choice.mode === 'year'} onChange={() => set({ mode: 'year' })} />
          Calendar year
        </label>
        <label className="choice-inline">
          <input type="radio" name={`${id}-mode`} checked={choice.mode === 'range'} onChange={() => set({ mode: 'range' })} />
          Date range
        </label>
      </div>
      <div className="period-picker-row">
        {choice.mode === 'year' ? (
          <div className="toolbar-field">
            <label htmlFor={`${id}-year`}>Year</label>
            <input id={`${id}-year`} type="number" inputMode="numeric" min={2016} max={2100} value={choice.year} onChange={(e) => set({ year: e.target.value })} />
          </div>
        ) : (
          <>
            <div className="toolbar-field">
              <label htmlFor={`${id}-from`}>From</label>
              <DateField id={`${id}-from`} value={choice.from} onChange={(from) => set({ from })} invalid={badDates.from} errorId={errorId} />
            </div>
            <div className="toolbar-field">
              <label htmlFor={`${id}-to`}>To (inclusive)</label>
              <DateField id={`${id}-to`} value={choice.to} onChange={(to) => set({ to })} invalid={badDates.to} errorId={errorId} />
            </div>
          </>
        )}
        <div className="toolbar-field">
          <label htmlFor={`${id}-zone`}>Time zone</label>
          <input
            id={`${id}-zone`}
            type="text"
            list={`${id}-zones`}
            value={choice.timeZone}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error !== null && !isValidTimeZone(choice.timeZone.trim() === '' ? 'UTC' : choice.timeZone.trim())}
            onChange={(e) => set({ timeZone: e.target.value })}
          />
          <datalist id={`${id}-zones`}>
            {zones.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </div>
      </div>
      {message !== null ? (
        <p id={`${id}-error`} role="alert" className="error-text">
          {message}
        </p>
      ) : null}
    </fieldset>
  );
}
