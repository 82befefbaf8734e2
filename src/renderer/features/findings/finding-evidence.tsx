/**
 * A finding's evidence: each transaction row and login event it rests on, as a link that opens the
 * Transactions grid at the row or the Login events grid at the event (the grids' own reveal actions).
 * Event details (time, kind, IP, country) are read from Dexie by key so the links say what they open.
 */
import { useEffect, useState } from 'react';
import type { CorrelationFinding } from '../../../core/correlate/types';
import type { LoginEvent } from '../../../core/logins/types';
import { db } from '../../db/db-instance';
import { useLoginEventReveal } from '../../state/login-event-reveal-store';
import { useTransactionReveal } from '../../state/transaction-reveal-store';
import { formatUtcTimestamp } from '../formatting/utc-time';

export function FindingEvidence({ finding }: { readonly finding: CorrelationFinding }) {
  const reveal = useTransactionReveal((s) => s.reveal);
  const revealEvent = useLoginEventReveal((s) => s.reveal);
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
            {isMovement ? ` — ${movement.kind} ${movement.change} ${movement.chain.currency} at ${formatUtcTimestamp(movement.timestamp)}` : ''}
          </li>
        );
      })}
      {finding.evidence.loginEventKeys.map((key) => {
        const event = events.get(key);
        return (
          <li key={`event-${key}`}>
            <button type="button" className="link-button" onClick={() => revealEvent(key)}>
              Login event {key}
            </button>
            {event
              ? ` — ${event.source} ${event.kind}${event.actor ? ` by ${event.actor}` : ''}${event.ip ? ` from ${event.ip}` : ''}${event.country ? ` (${event.country})` : ''} at ${formatUtcTimestamp(event.timestamp)}`
              : ''}
          </li>
        );
      })}
    </ul>
  );
}
