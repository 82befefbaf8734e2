/**
 * Online or offline, from three signals: the browser's own (navigator.onLine events), the gateway's
 * providerStatus events per account, and calls that failed because the background service or the
 * network was unreachable (kind 'network'). Offline never blocks browsing: the cache stays usable.
 */
import { create } from 'zustand';
import type { ContractEvents } from '../../shared/contract';

export type ProviderStatus = ContractEvents['providerStatus'];

interface ConnectivityState {
  readonly browserOnline: boolean;
  /** Latest providerStatus per account that is not 'ok'. */
  readonly providerStatus: Readonly<Record<string, ProviderStatus>>;
  /** The last call failure of kind 'network', until a call succeeds again. */
  readonly networkFailure: string | null;
  setBrowserOnline(online: boolean): void;
  reportProviderStatus(status: ProviderStatus): void;
  reportCallFailure(kind: string | null, message: string): void;
  reportCallSuccess(): void;
}

export const useConnectivity = create<ConnectivityState>()((set) => ({
  browserOnline: true,
  providerStatus: {},
  networkFailure: null,
  // Back online: what failed while the network was gone says nothing about now. A provider still out
  // of reach reports again on its next call; the app's own service is re-checked by the watcher.
  setBrowserOnline: (online) =>
    set((state) => {
      if (!online || state.browserOnline) return { browserOnline: online };
      const providerStatus = Object.fromEntries(Object.entries(state.providerStatus).filter(([, s]) => s.state !== 'offline'));
      return { browserOnline: true, providerStatus, networkFailure: null };
    }),
  reportProviderStatus: (status) =>
    set((state) => {
      const next = { ...state.providerStatus };
      if (status.state === 'ok') delete next[status.accountKey];
      else next[status.accountKey] = status;
      return { providerStatus: next, networkFailure: status.state === 'ok' ? null : state.networkFailure };
    }),
  reportCallFailure: (kind, message) => {
    if (kind === 'network') set({ networkFailure: message });
  },
  reportCallSuccess: () => set((state) => (state.networkFailure === null ? state : { networkFailure: null })),
}));

export interface ConnectivitySummary {
  readonly offline: boolean;
  /** Why, in the user's words (shown as the indicator's description). */
  readonly reason: string | null;
  /** A provider retrying (rate limit, transient error) while still online. */
  readonly retrying: string | null;
}

/**
 * @param accountKeys the configured accounts: a status for a key that was never added (a failed
 * "Add account" attempt keeps retrying for a while) or was removed says nothing about the app.
 */
export function summarizeConnectivity(
  state: Pick<ConnectivityState, 'browserOnline' | 'providerStatus' | 'networkFailure'>,
  accountKeys: readonly string[],
): ConnectivitySummary {
  const statuses = accountKeys.flatMap((key) => {
    const status = state.providerStatus[key];
    return status ? [status] : [];
  });
  const offlineStatus = statuses.find((s) => s.state === 'offline');
  const retryingStatus = statuses.find((s) => s.state === 'retrying');
  if (!state.browserOnline) return { offline: true, reason: 'This computer has no network connection.', retrying: null };
  if (state.networkFailure !== null) return { offline: true, reason: state.networkFailure, retrying: null };
  if (offlineStatus) return { offline: true, reason: offlineStatus.message, retrying: null };
  return { offline: false, reason: null, retrying: retryingStatus ? retryingStatus.message : null };
}
