/** The app: header (name, online/offline), the view tabs, and the open view. */
import { useEffect } from 'react';
import { AccessLogView } from './features/access-log/access-log-view';
import { AccountsView } from './features/accounts/accounts-view';
import { AppHeader } from './features/app-shell/app-header';
import { ViewTabs, tabId, panelId } from './features/app-shell/view-tabs';
import { useConnectivityWatch } from './features/app-shell/use-connectivity-watch';
import { useFindShortcut } from './features/app-shell/use-find-shortcut';
import { useFocusRescue } from './features/app-shell/use-focus-rescue';
import { FindingsView } from './features/findings/findings-view';
import { startAutoCorrelate } from './features/findings/correlation-store';
import { LoginEventsView } from './features/login-events/login-events-view';
import { LoginSourcesView } from './features/login-sources/login-sources-view';
import { startOverviewFirst } from './features/overview/first-screen';
import { OverviewView } from './features/overview/overview-view';
import { ReconciliationView } from './features/reconciliation/reconciliation-view';
import { SecretUnlockPanel } from './features/secret-unlock/secret-unlock-panel';
import { SettingsView } from './features/settings/settings-view';
import { startAutoReconcile } from './features/reconciliation/auto-reconcile';
import { TimelineView } from './features/timeline/timeline-view';
import { SyncView } from './features/sync/sync-view';
import { TransactionsView } from './features/transactions/transactions-view';
import { useAccounts } from './state/accounts-store';
import { useNavigation, type ViewId } from './state/navigation-store';

function OpenView({ view }: { readonly view: ViewId }) {
  switch (view) {
    case 'overview':
      return <OverviewView />;
    case 'accounts':
      return <AccountsView />;
    case 'sync':
      return <SyncView />;
    case 'transactions':
      return <TransactionsView />;
    case 'access-log':
      return <AccessLogView />;
    case 'reconciliation':
      return <ReconciliationView />;
    case 'login-sources':
      return <LoginSourcesView />;
    case 'login-events':
      return <LoginEventsView />;
    case 'timeline':
      return <TimelineView />;
    case 'findings':
      return <FindingsView />;
    case 'settings':
      return <SettingsView />;
  }
}

export function App() {
  const view = useNavigation((s) => s.view);
  useConnectivityWatch();
  useFindShortcut();
  useFocusRescue();
  useEffect(() => {
    void useAccounts.getState().load();
  }, []);
  useEffect(() => startAutoReconcile(), []);
  useEffect(() => startAutoCorrelate(), []);
  useEffect(() => startOverviewFirst(), []);

  return (
    <div className="app">
      <AppHeader />
      <SecretUnlockPanel />
      <ViewTabs />
      <main className="app-main">
        <div role="tabpanel" id={panelId(view)} aria-labelledby={tabId(view)} className="view-panel">
          <OpenView view={view} />
        </div>
      </main>
    </div>
  );
}
