/** The contract calls about the secret store itself: its status, and unlocking a passphrase store. */
import { ProviderError } from '../../core/providers/deribit/errors';
import type { ContractCalls, SecretStoreStatus } from '../../shared/contract';
import type { SecretStore } from '../secret-store';

/** A passphrase this long is a typo or an attack on the key derivation, not a passphrase. */
const MAX_PASSPHRASE_LENGTH = 1024;

export function secretStoreHandlers(store: SecretStore): Pick<ContractCalls, 'getSecretStoreStatus' | 'unlockSecretStore'> {
  const ready = (): SecretStoreStatus => ({ state: 'ready', description: store.description, explanation: null });
  return {
    getSecretStoreStatus: async () => (store.status ? store.status() : ready()),
    unlockSecretStore: async (args) => {
      const passphrase = (args as { passphrase?: unknown }).passphrase;
      if (typeof passphrase !== 'string' || passphrase.length > MAX_PASSPHRASE_LENGTH) {
        throw new ProviderError({
          kind: 'invalid_params', code: null, detail: 'unlockSecretStore: passphrase must be a string of at most 1024 characters',
          userMessage: 'Type your passphrase (at most 1024 characters).', retriable: false,
        });
      }
      return store.unlock ? store.unlock(passphrase) : ready();
    },
  };
}
