/**
 * The Overview as the first screen: opened when the app's first account list holds an account and the
 * app still shows Accounts; never over a tab the user opened meanwhile (or one restored from last time).
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountInfo } from '../../../../src/shared/contract';
import { startOverviewFirst } from '../../../../src/renderer/features/overview/first-screen';
import { useAccounts } from '../../../../src/renderer/state/accounts-store';
import { useNavigation } from '../../../../src/renderer/state/navigation-store';

const account = { accountKey: 'acc_1', label: 'Trader' } as unknown as AccountInfo;
let stop: (() => void) | null = null;

beforeEach(() => {
  useAccounts.setState({ accounts: [], source: 'none' });
  useNavigation.setState({ view: 'accounts' });
});
afterEach(() => {
  stop?.();
  stop = null;
});

describe('startOverviewFirst', () => {
  it('opens the Overview once the cached account list holds an account', () => {
    stop = startOverviewFirst();
    useAccounts.setState({ accounts: [account], source: 'cache' });
    expect(useNavigation.getState().view).toBe('overview');
  });

  it('waits for main\'s list when the cache had none, and opens the Overview then', () => {
    stop = startOverviewFirst();
    useAccounts.setState({ accounts: [], source: 'cache' });
    expect(useNavigation.getState().view).toBe('accounts');
    useAccounts.setState({ accounts: [account], source: 'live' });
    expect(useNavigation.getState().view).toBe('overview');
  });

  it('stays on Accounts when there is no account, and does not jump there later in the session', () => {
    stop = startOverviewFirst();
    useAccounts.setState({ accounts: [], source: 'live' });
    expect(useNavigation.getState().view).toBe('accounts');
    // Adding the first account during the session keeps its own flow.
    useAccounts.setState({ accounts: [account], source: 'live' });
    expect(useNavigation.getState().view).toBe('accounts');
  });

  it('leaves a tab the user opened before the accounts loaded', () => {
    stop = startOverviewFirst();
    useNavigation.getState().open('transactions');
    useAccounts.setState({ accounts: [account], source: 'cache' });
    expect(useNavigation.getState().view).toBe('transactions');
  });

  it('leaves a tab restored from the last session', () => {
    useNavigation.setState({ view: 'reconciliation' });
    stop = startOverviewFirst();
    useAccounts.setState({ accounts: [account], source: 'cache' });
    expect(useNavigation.getState().view).toBe('reconciliation');
  });

  it('acts when the accounts had already loaded before it started', () => {
    useAccounts.setState({ accounts: [account], source: 'cache' });
    stop = startOverviewFirst();
    expect(useNavigation.getState().view).toBe('overview');
  });
});
