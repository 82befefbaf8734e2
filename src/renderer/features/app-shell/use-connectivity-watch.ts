/** Feeds the connectivity store: the browser's online/offline events and main's providerStatus events. */
import { useEffect } from 'react';
import { getApi } from '../../api/renderer-api';
import { useConnectivity } from '../../state/connectivity-store';

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
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
      unsubscribe();
    };
  }, []);
}
