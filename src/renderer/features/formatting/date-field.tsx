/**
 * A date typed as YYYY-MM-DD: a text field (not <input type=date>, which Chromium shows as mm/dd/yyyy
 * in en-US) with the form as placeholder and as a visible hint, marked invalid with the caller's message.
 */
import { DATE_FORMAT } from './date-text';

export function DateField({
  id,
  value,
  onChange,
  invalid,
  errorId = null,
  hint = DATE_FORMAT,
}: {
  readonly id: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly invalid: boolean;
  /** The element holding the message, while there is one. */
  readonly errorId?: string | null;
  /** The visible form under the field (and what the day means, where that needs saying). */
  readonly hint?: string;
}) {
  const hintId = `${id}-format`;
  return (
    <span className="date-field">
      <input
        id={id}
        type="text"
        inputMode="numeric"
        placeholder={DATE_FORMAT}
        maxLength={10}
        size={11}
        autoComplete="off"
        spellCheck={false}
        value={value}
        aria-invalid={invalid}
        aria-describedby={invalid && errorId !== null ? `${hintId} ${errorId}` : hintId}
        onChange={(e) => onChange(e.target.value)}
      />{' '}
      <span id={hintId} className="hint">
        {hint}
      </span>
    </span>
  );
}
