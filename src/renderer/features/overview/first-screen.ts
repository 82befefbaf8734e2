/**
 * The Overview is the first screen once an account exists: when the app opens and its first account
 * list (cached, then main's) holds an account, the Overview opens, unless the user has already gone
 * somewhere else meanwhile. Adding the first account during a session keeps its own flow (Sync).
 * The last session's overview is fetched at once, so the charts are there when the view opens.
 */
import { useAccounts } from '../../state/accounts-store';
import { useNavigation } from '../../state/navigation-store';
import { reconWorker } from '../../worker/recon-worker-client';
import { useOverview } from './overview-store';

/**
 * Called before React's first render (main.tsx): the worker starts (its module and database open on
 * another thread while the page renders) and the last overview is asked to be confirmed at once. Sent
 * from the first effect instead, the request left about 100 ms later on a cold opening over 1M rows.
 */
export function prefetchOverview(): void {
  reconWorker();
  useOverview.getState().prefetch();
}

/** Starts watching the app's first account load; returns the unsubscribe function. */
export function startOverviewFirst(): () => void {
  // The last overview is drawn and confirmed while the account list loads (asked for already when main.tsx did).
  useOverview.getState().prefetch();
  let navigated = false;
  let done = false;
  const unsubscribeNavigation = useNavigation.subscribe((state, previous) => {
    if (state.view !== previous.view) navigated = true;
  });
  const decide = (accounts: number, source: string): void => {
    if (done) return;
    if (navigated || source === 'live') done = true;
    if (!navigated && accounts > 0) {
      done = true;
      if (useNavigation.getState().view === 'accounts') useNavigation.getState().open('overview');
    }
  };
  const unsubscribeAccounts = useAccounts.subscribe((state) => {
    decide(state.accounts.length, state.source);
    if (state.source === 'live' && state.accounts.length === 0 && useOverview.getState().accountKeys !== null) useOverview.getState().forget();
  });
  const now = useAccounts.getState();
  if (now.source !== 'none') decide(now.accounts.length, now.source);
  return () => {
    unsubscribeNavigation();
    unsubscribeAccounts();
  };
}
