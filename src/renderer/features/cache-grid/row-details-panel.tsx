/** The selected row's raw JSON, every field exactly as received (numbers keep their text). */
import { formatRawJson } from '../formatting/raw-json-text';

export function RowDetailsPanel({ raw, title }: { readonly raw: string | null; readonly title: string | null }) {
  return (
    <aside className="row-details" aria-label="Row details">
      <h3>Row details</h3>
      {raw === null ? (
        <p className="muted">Select a row (click it, or focus it and press Space) to see every field as received.</p>
      ) : (
        <>
          {title !== null ? <p className="row-details-title">{title}</p> : null}
          <pre className="raw-json" tabIndex={0} role="region" aria-label="Raw JSON">
            {formatRawJson(raw)}
          </pre>
        </>
      )}
    </aside>
  );
}
