/**
 * Feeds the connectivity store: the browser's online/offline events and main's providerStatus events,
 * and while the app's own service is unreachable, a cheap call every few seconds so "Offline" clears
 * by itself once it answers again.
 */
import { useEffect } from 'react';
import { getApi } from '../../api/renderer-api';
import { callContract } from '../../state/contract-calls';
import { useConnectivity } from '../../state/connectivity-store';

export const SERVICE_RECHECK_MS = 5_000;

export function useConnectivityWatch(): void {
  useEffect(() => {
    const store = useConnectivity.getState();
    const update = (): void => store.setBrowserOnline(navigator.onLine);
    update();
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    let unsubscribe: () => void = () => undefined;
    try {
      unsubscribe = getApi().on('providerStatus', (status) => useConnectivity.getState().reportProviderStatus(status));
    } catch (error) {
      // No transport at all: every call will fail the same way and say so.
      store.reportCallFailure('network', error instanceof Error ? error.message : String(error));
    }
    const recheck = setInterval(() => {
      if (useConnectivity.getState().networkFailure !== null) void callContract('getAppInfo', {}).catch(() => undefined);
    }, SERVICE_RECHECK_MS);
    return () => {
      clearInterval(recheck);
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
      unsubscribe();
    };
  }, []);
}
