/** App name and the online/offline indicator (a polite live region: changes are announced). */
import { useShallow } from 'zustand/react/shallow';
import { useAccounts } from '../../state/accounts-store';
import { useConnectivity, summarizeConnectivity } from '../../state/connectivity-store';

export function AppHeader() {
  const accounts = useAccounts((s) => s.accounts);
  const summary = useConnectivity(
    useShallow((s) => summarizeConnectivity(s, accounts.map((a) => a.accountKey))),
  );
  return (
    <header className="app-header">
      <h1 className="app-title">Deribit Reconciler</h1>
      <p role="status" className={`connectivity ${summary.offline ? 'connectivity--offline' : 'connectivity--online'}`}>
        <span className="connectivity-dot" aria-hidden="true" />
        {summary.offline ? 'Offline — showing cached data' : 'Online'}
        {summary.offline && summary.reason ? <span className="connectivity-reason"> ({summary.reason})</span> : null}
        {!summary.offline && summary.retrying ? <span className="connectivity-reason"> — retrying: {summary.retrying}</span> : null}
      </p>
    </header>
  );
}
