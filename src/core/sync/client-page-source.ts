/** The sync engine's page source straight over the core client (Node tests, benchmark). */
import type { DeribitClient } from '../providers/deribit/deribit-client';
import type { DeribitPageSource } from './types';

export function createClientPageSource(client: DeribitClient): DeribitPageSource {
  return {
    async discover() {
      await client.authenticate();
      const [serverTime, currencies, users] = await Promise.all([client.getTime(), client.getCurrencies(), client.getSubaccounts()]);
      return { users: [...users].sort((a, b) => Number(b.isMain) - Number(a.isMain)), currencies, serverTime };
    },
    getAccountSummary: (currency, subaccountId) => client.getAccountSummary(currency, subaccountId),
    fetchTransactionLogPage: (req) => client.getTransactionLog(req),
    fetchAccessLogPage: (req) => client.getAccessLog(req),
  };
}
