/** The sync engine's page source in the renderer: every page comes through the main-process gateway. */
import type { RendererApi } from '../../shared/contract';
import type { DeribitPageSource } from '../../core/sync/types';

export function createContractPageSource(api: RendererApi, accountKey: string): DeribitPageSource {
  return {
    async discover() {
      const found = await api.call('discoverAccount', { accountKey });
      return { users: found.users, currencies: found.currencies, serverTime: found.serverTime };
    },
    getAccountSummary: (currency, subaccountId) =>
      api.call('getAccountSummary', { accountKey, currency, subaccountId }),
    fetchTransactionLogPage: (req) => api.call('fetchTransactionLogPage', { ...req, accountKey }),
    fetchAccessLogPage: (req) => api.call('fetchAccessLogPage', { ...req, accountKey }),
  };
}
