/**
 * A login sync's progress in words (connectors cannot tell how much is left, so no percentage). Counts
 * always come with the window asked of the provider: "0 new events" alone would read as "nothing
 * happened" when it may mean "nothing asked for" or "nothing the provider still keeps".
 */
import type { LoginSyncProgress } from '../../../core/sync/login-sync';
import { utcDate } from '../../../core/logins/source-retention';

export function askedWindowText(progress: Pick<LoginSyncProgress, 'askedFrom' | 'askedTo'>): string {
  const { askedFrom, askedTo } = progress;
  if (askedFrom === null || askedFrom === undefined || askedTo === null || askedTo === undefined) return '';
  return ` (asked for ${utcDate(askedFrom)} to ${utcDate(askedTo)})`;
}

export function loginProgressText(progress: LoginSyncProgress | null, running: boolean): string {
  if (progress === null) return running ? 'Starting…' : '';
  const counts = `${progress.newEvents.toLocaleString('en-US')} new event${progress.newEvents === 1 ? '' : 's'}${askedWindowText(progress)}, ${progress.pagesFetched.toLocaleString('en-US')} page${progress.pagesFetched === 1 ? '' : 's'}`;
  switch (progress.phase) {
    case 'syncing':
      return `Syncing: ${counts} so far.`;
    case 'done':
      return `Up to date: ${counts}.`;
    case 'cancelled':
      return `Cancelled after ${counts}; the next sync continues from the last saved page.`;
    case 'error':
      return `Stopped after ${counts}.`;
  }
}
