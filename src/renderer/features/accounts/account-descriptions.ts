/** Plain-language names for an account's settings, shared by the Accounts and Sync views. */
import type { DeribitAuthMethod, DeribitEnvironment } from '../../../core/providers/deribit/types';

export function environmentName(environment: DeribitEnvironment | null): string {
  switch (environment) {
    case null:
      return 'Not known (kept from an older cache)';
    case 'mainnet':
      return 'Mainnet';
    case 'testnet':
      return 'Testnet';
    case 'custom':
      return 'Custom URL';
  }
}

export function authMethodName(method: DeribitAuthMethod): string {
  return method === 'client_signature' ? 'Client signature' : 'Client credentials';
}
