/**
 * The selected row: a few labelled lines (times with milliseconds, in UTC and the chosen zone, and
 * whatever the view adds), then its raw JSON, every field exactly as received (numbers keep their text).
 */
import { formatRawJson } from '../formatting/raw-json-text';

export interface DetailLine {
  readonly label: string;
  readonly value: string;
}

export function RowDetailsPanel({
  id,
  raw,
  title,
  lines = [],
}: {
  readonly id?: string;
  readonly raw: string | null;
  readonly title: string | null;
  readonly lines?: readonly DetailLine[];
}) {
  return (
    <aside className="row-details" aria-label="Row details" id={id}>
      <h3>Row details</h3>
      {raw === null ? (
        <p className="muted">Select a row (click it, or focus it and press Space) to see every field as received.</p>
      ) : (
        <>
          {title !== null ? <p className="row-details-title">{title}</p> : null}
          {lines.length > 0 ? (
            <dl className="row-details-lines">
              {lines.map((line) => (
                <div key={line.label}>
                  <dt>{line.label}</dt>
                  <dd>{line.value}</dd>
                </div>
              ))}
            </dl>
          ) : null}
          <pre className="raw-json" tabIndex={0} role="region" aria-label="Raw JSON">
            {formatRawJson(raw)}
          </pre>
        </>
      )}
    </aside>
  );
}
