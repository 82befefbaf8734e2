/** Per-stream table: the access log and every (user, currency) transaction log, rows and state. */
import type { StreamProgress, StreamState } from '../../../core/sync/types';
import { useDisplayZone } from '../formatting/use-display-zone';
import { ZonedTimeText } from '../formatting/zoned-time-text';
import { streamLabel, streamStateText } from './sync-progress-text';

interface Row {
  readonly key: string;
  readonly user: string;
  readonly stream: string;
  readonly rows: number;
  readonly state: string;
  /** "complete to" this time (shown in the display zone, named in the column header). */
  readonly completeTo: number | null;
}

function storedState(s: StreamState): string {
  if (s.lastError) return 'error';
  if (s.phase === 'backfill') return 'incomplete (interrupted)';
  return s.watermark !== null ? 'complete to' : 'not synced';
}

function rowsFrom(live: readonly StreamProgress[] | null, stored: readonly StreamState[]): Row[] {
  if (live !== null && live.length > 0) {
    return live.map((s) => ({ key: s.streamKey, user: s.username, stream: streamLabel(s), rows: s.rowsStored, state: streamStateText(s.state), completeTo: null }));
  }
  return [...stored]
    .sort((a, b) => (a.kind === b.kind ? a.username.localeCompare(b.username) || (a.currency ?? '').localeCompare(b.currency ?? '') : a.kind === 'access' ? -1 : 1))
    .map((s) => ({ key: s.streamKey, user: s.username, stream: streamLabel(s), rows: s.rowsStored, state: storedState(s), completeTo: s.lastError || s.phase === 'backfill' ? null : s.watermark }));
}

export function StreamTable({
  accountLabel,
  live,
  stored,
}: {
  readonly accountLabel: string;
  readonly live: readonly StreamProgress[] | null;
  readonly stored: readonly StreamState[];
}) {
  const zone = useDisplayZone();
  const rows = rowsFrom(live, stored);
  // Stored states say up to when a stream is complete; a run's live states hold no time.
  const timed = live === null || live.length === 0;
  if (rows.length === 0) return null;
  return (
    <table className="stream-table">
      <caption>Streams of {accountLabel}</caption>
      <thead>
        <tr>
          <th scope="col">User</th>
          <th scope="col">Currency</th>
          <th scope="col" className="numeric">
            Rows
          </th>
          <th scope="col">{timed ? `State (times in ${zone})` : 'State'}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <td>{row.user}</td>
            <td>{row.stream}</td>
            <td className="numeric">{row.rows}</td>
            <td>
              {row.state}
              {row.completeTo !== null ? (
                <>
                  {' '}
                  <ZonedTimeText ms={row.completeTo} zone={zone} />
                </>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
