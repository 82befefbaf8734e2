/**
 * A finding's evidence: each transaction row and login event it rests on, as a link that opens the
 * Transactions grid at the row or the Login events grid at the event (the grids' own reveal actions).
 * Event details (time, kind, IP, country) are read from Dexie by key so the links say what they open.
 */
import { useEffect, useState } from 'react';
import type { CorrelationFinding } from '../../../core/correlate/types';
import { KIND_WORDS } from '../../../core/correlate/finding-wording';
import { countryName } from '../../../core/logins/country-code';
import type { LoginEvent } from '../../../core/logins/types';
import { db } from '../../db/db-instance';
import { useLoginEventReveal } from '../../state/login-event-reveal-store';
import { useTransactionReveal } from '../../state/transaction-reveal-store';
import { useDisplayZone } from '../formatting/use-display-zone';
import { formatZonedTimeNamed } from '../formatting/zoned-time';
import { ZonedTimeText } from '../formatting/zoned-time-text';

/** "2FA disabled by Alice Martin at 2026-10-30 04:53:12 UTC from 81.56.12.201 (France), nlpearl": what a person reads, no internal key. */
function eventLabel(event: LoginEvent, zone: string): string {
  const country = event.country === null ? null : (countryName(event.country) ?? event.country);
  const where = [event.city, country].filter(Boolean).join(', ');
  return `${KIND_WORDS[event.kind] === 'event' ? event.detail : KIND_WORDS[event.kind]}${event.actor ? ` by ${event.actor}` : ''} at ${formatZonedTimeNamed(event.timestamp, zone)}${event.ip ? ` from ${event.ip}` : ''}${where ? ` (${where})` : ''}, ${event.source}`;
}

export function FindingEvidence({ finding }: { readonly finding: CorrelationFinding }) {
  const reveal = useTransactionReveal((s) => s.reveal);
  const revealEvent = useLoginEventReveal((s) => s.reveal);
  const zone = useDisplayZone();
  const [events, setEvents] = useState<ReadonlyMap<string, LoginEvent>>(new Map());
  const keysText = finding.evidence.loginEventKeys.join('\n');
  useEffect(() => {
    let live = true;
    void db.loginEvents.bulkGet([...finding.evidence.loginEventKeys]).then((found) => {
      if (live) setEvents(new Map(found.filter((e): e is LoginEvent => e !== undefined).map((e) => [e.key, e])));
    });
    return () => {
      live = false;
    };
  }, [keysText]);

  const movement = finding.movement;
  return (
    <ul className="finding-evidence" aria-label="Evidence">
      {finding.evidence.rowIds.map((row) => {
        const isMovement = movement !== null && movement.rowId === row.id && movement.chain.accountKey === row.accountKey;
        return (
          <li key={`row-${row.accountKey}-${row.id}`}>
            <button type="button" className="link-button" onClick={() => reveal(row.accountKey, row.id)}>
              Transaction {row.id}
            </button>
            {isMovement ? (
              <>
                {` — ${movement.kind} ${movement.change} ${movement.chain.currency} at `}
                <ZonedTimeText ms={movement.timestamp} zone={zone} named />
              </>
            ) : null}
          </li>
        );
      })}
      {finding.evidence.loginEventKeys.map((key) => {
        const event = events.get(key);
        return (
          <li key={`event-${key}`}>
            <button type="button" className="link-button" onClick={() => revealEvent(key)}>
              {event ? eventLabel(event, zone) : 'Login event (not in the cache any more)'}
            </button>
          </li>
        );
      })}
      <li className="muted">
        <details>
          <summary>Internal ids</summary>
          <code>{[finding.id, ...finding.evidence.loginEventKeys].join('\n')}</code>
        </details>
      </li>
    </ul>
  );
}
