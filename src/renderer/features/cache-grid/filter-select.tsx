/** A labelled select above a grid: "All …" or one value; each value feeds an indexed query. */
import { useId } from 'react';

export interface FilterChoice {
  readonly value: string;
  readonly label: string;
}

export function FilterSelect({
  label,
  allLabel,
  value,
  choices,
  onChange,
}: {
  readonly label: string;
  readonly allLabel: string;
  readonly value: string | null;
  readonly choices: readonly FilterChoice[];
  readonly onChange: (value: string | null) => void;
}) {
  const id = useId();
  return (
    <div className="toolbar-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}>
        <option value="">{allLabel}</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}
