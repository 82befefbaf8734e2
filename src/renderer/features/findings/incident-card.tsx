/**
 * One incident: severity, time, headline, its signals and sources, its review state, and (opened) its
 * evidence and a review form. Marking it reviewed keeps a note in the cache; a review whose evidence has
 * changed since says so and asks for another look.
 */
import { useId, useState, type FormEvent } from 'react';
import type { Incident } from '../../../core/correlate/incidents';
import { useDisplayZone } from '../formatting/use-display-zone';
import { ZonedTimeText } from '../formatting/zoned-time-text';
import { IncidentEvidenceList } from './incident-evidence';
import { reviewStateOf } from './incident-filters';
import { useIncidentReviews } from './incident-reviews-store';
import { SIGNAL_NAMES } from './signal-names';

export function IncidentCard(props: { readonly incident: Incident; readonly sourceName: (key: string) => string; readonly highlighted: boolean }) {
  const { incident } = props;
  const headingId = useId();
  const noteId = useId();
  const [open, setOpen] = useState(props.highlighted);
  const [note, setNote] = useState('');
  const reviews = useIncidentReviews((s) => s.reviews);
  const markReviewed = useIncidentReviews((s) => s.markReviewed);
  const reopen = useIncidentReviews((s) => s.reopen);
  const state = reviewStateOf(incident, reviews);
  const zone = useDisplayZone();

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void markReviewed(incident, note).then(() => setNote(''));
  };

  return (
    <article
      className={`incident incident--${incident.severity}${state.kind === 'reviewed' ? ' incident--reviewed' : ''}${props.highlighted ? ' incident--highlighted' : ''}`}
      aria-labelledby={headingId}
      data-incident-id={incident.id}
    >
      <header className="incident__header">
        <span className={`status-pill status-pill--${incident.severity === 'high' ? 'bad' : incident.severity === 'medium' ? 'warn' : 'none'}`}>{incident.severity}</span>
        <h4 id={headingId} className="incident__headline">
          {incident.headline}
        </h4>
        {state.kind === 'reviewed' ? <span className="status-pill status-pill--ok">reviewed</span> : null}
      </header>
      <p className="incident__meta muted">
        <ZonedTimeText ms={incident.timestamp} zone={zone} named /> · {incident.signals.map((s) => SIGNAL_NAMES[s]).join('; ')} · from {incident.sourceKeys.map(props.sourceName).join(', ')} ·{' '}
        {incident.evidence.length} evidence {incident.evidence.length === 1 ? 'item' : 'items'}
      </p>
      {state.kind === 'reviewed' ? (
        <p className="incident__review">
          Reviewed <ZonedTimeText ms={state.review.reviewedAt} zone={zone} named />
          {state.review.note ? `: ${state.review.note}` : ' (no note)'}{' '}
          <button type="button" className="link-button" onClick={() => void reopen(incident.id)}>
            Reopen
          </button>
        </p>
      ) : null}
      {state.kind === 'changed' ? (
        <p className="incident__review incident__review--changed" role="note">
          Reviewed <ZonedTimeText ms={state.review.reviewedAt} zone={zone} named />
          {state.review.note ? ` ("${state.review.note}")` : ''}, but its evidence has changed since: please look again.
        </p>
      ) : null}
      <button type="button" className="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide evidence' : 'Show evidence'}
      </button>
      {open ? (
        <div className="incident__body">
          <IncidentEvidenceList incident={incident} />
          {state.kind !== 'reviewed' ? (
            <form className="incident__review-form" aria-label={`Review: ${incident.headline}`} onSubmit={submit}>
              <label htmlFor={noteId}>Review note</label>
              <textarea id={noteId} rows={2} value={note} placeholder="What you checked, who confirmed it" onChange={(e) => setNote(e.target.value)} />
              <button type="submit" className="button button--primary">
                Mark reviewed
              </button>
            </form>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
