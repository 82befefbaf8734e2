/**
 * What a sync refused (db.syncIssues): a row re-sent with other content, a page outside what was asked,
 * an impossible time. Shown on the Sync card and in Reconciliation, newest first; each says the account,
 * the stream and what was wrong. The cache was left as it was.
 */
import type { SyncIssue } from '../../../core/sync/types';
import { db } from '../../db/db-instance';
import { useLiveQuery } from '../../state/use-live-query';
import { useDisplayZone } from '../formatting/use-display-zone';
import { ZonedTimeText } from '../formatting/zoned-time-text';

export function useSyncIssues(accountKeys: readonly string[]): readonly SyncIssue[] {
  return useLiveQuery<readonly SyncIssue[]>(() => db.syncIssues.where('accountKey').anyOf([...accountKeys]).toArray(), [accountKeys.join('\n')], []);
}

export function SyncIssueList({ issues }: { readonly issues: readonly SyncIssue[] }) {
  const zone = useDisplayZone();
  if (issues.length === 0) return null;
  return (
    <details className="sync-issues">
      <summary>
        Answers refused by sync ({issues.length}): the cache was left as it was (times in {zone})
      </summary>
      <ul>
        {[...issues]
          .sort((a, b) => b.detectedAt - a.detectedAt)
          .map((issue) => (
            <li key={issue.issueKey}>
              <ZonedTimeText ms={issue.detectedAt} zone={zone} />: {issue.message}
            </li>
          ))}
      </ul>
    </details>
  );
}
