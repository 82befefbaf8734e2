/**
 * An incident's evidence in time order, each line a human label — time, what happened (and by whom),
 * address and place, source — on a button that opens the row in Transactions or the event in Login
 * events. Internal ids (event keys, row ids, finding ids) only in a details disclosure.
 */
import type { Incident, IncidentEvidence } from '../../../core/correlate/incidents';
import { formatZonedTime } from '../formatting/zoned-time';
import { useDisplayZone } from '../formatting/use-display-zone';
import { useLoginEventReveal } from '../../state/login-event-reveal-store';
import { useTransactionReveal } from '../../state/transaction-reveal-store';

/** "2026-10-30 04:53:12 — 2FA disabled by Alice Martin — from 81.56.12.201 (Paris, France) — Demo NLPearl" (the list names the zone). */
export function evidenceLabel(item: IncidentEvidence, zone: string): string {
  const who = item.actor && item.source !== 'ledger' ? ` by ${item.actor}` : '';
  const from = item.ip ? ` — from ${item.ip}${item.place ? ` (${item.place})` : ''}` : item.place ? ` — in ${item.place}` : '';
  return `${formatZonedTime(item.timestamp, zone)} — ${item.what}${who}${from} — ${item.sourceLabel}`;
}

export function IncidentEvidenceList({ incident }: { readonly incident: Incident }) {
  const reveal = useTransactionReveal((s) => s.reveal);
  const revealEvent = useLoginEventReveal((s) => s.reveal);
  const zone = useDisplayZone();
  return (
    <>
      <p className="muted incident-evidence__zone">Evidence in time order (times in {zone}):</p>
      <ol className="incident-evidence" aria-label={`Evidence of: ${incident.headline}`}>
        {incident.evidence.map((item) => {
          const ref = item.ref;
          const key = ref.type === 'event' ? `e-${ref.key}` : `r-${ref.accountKey}-${ref.id}`;
          return (
            <li key={key} className={item.cited ? 'incident-evidence__item' : 'incident-evidence__item incident-evidence__item--context'}>
              <button
                type="button"
                className="link-button"
                title={ref.type === 'event' ? 'Open this event in Login events' : 'Open this row in Transactions'}
                onClick={() => (ref.type === 'event' ? revealEvent(ref.key) : reveal(ref.accountKey, ref.id))}
              >
                {evidenceLabel(item, zone)}
              </button>
              {item.cited ? null : <span className="muted"> (same address, not cited by a finding)</span>}
            </li>
          );
        })}
      </ol>
      {incident.otherRowCount > 0 ? (
        <p className="muted">
          And {incident.otherRowCount} more {incident.otherRowCount === 1 ? 'transaction' : 'transactions'} placed from the same address (listed under All findings).
        </p>
      ) : null}
      <details className="incident-ids">
        <summary>Internal ids</summary>
        <dl>
          <dt>Incident</dt>
          <dd>
            <code>{incident.id}</code> (evidence digest <code>{incident.evidenceDigest}</code>)
          </dd>
          <dt>Findings</dt>
          {incident.findingIds.map((id) => (
            <dd key={id}>
              <code>{id}</code>
            </dd>
          ))}
          <dt>Evidence</dt>
          {incident.evidence.map((item) => (
            <dd key={item.ref.type === 'event' ? item.ref.key : `${item.ref.accountKey}|${item.ref.id}`}>
              <code>{item.ref.type === 'event' ? `login event ${item.ref.key}` : `transaction ${item.ref.accountKey} #${item.ref.id}`}</code>
            </dd>
          ))}
        </dl>
      </details>
    </>
  );
}
