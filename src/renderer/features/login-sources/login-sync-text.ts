/** A login sync's progress in words (connectors cannot tell how much is left, so no percentage). */
import type { LoginSyncProgress } from '../../../core/sync/login-sync';

export function loginProgressText(progress: LoginSyncProgress | null, running: boolean): string {
  if (progress === null) return running ? 'Starting…' : '';
  const counts = `${progress.newEvents.toLocaleString('en-US')} new event${progress.newEvents === 1 ? '' : 's'}, ${progress.pagesFetched.toLocaleString('en-US')} page${progress.pagesFetched === 1 ? '' : 's'}`;
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
