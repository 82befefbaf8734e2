/**
 * The main process's services behind the contract: account registry, secrets, and one rate-limited
 * Deribit client per account. Holds no history and no cursor (the renderer owns the cache). The same
 * handlers serve Electron IPC and the browser mode's HTTP transport.
 */
import { randomBytes } from 'node:crypto';
import { DeribitClient, type DeribitClientOptions } from '../../core/providers/deribit/deribit-client';
import { ProviderError } from '../../core/providers/deribit/errors';
import { createClientPageSource } from '../../core/sync/client-page-source';
import type { AccountInfo, AddAccountArgs, AppInfo, ContractCalls, ContractEventName, ContractEvents } from '../../shared/contract';
import type { SecretStore } from '../secret-store';
import { createFileAccountRegistry } from './account-registry';
import { resolveBaseUrl, validateAddAccount } from './account-input';
import type { LoginConnectorOverrides } from './login-source-connector';
import { createLoginSourceServices, type DemoLoginProvider } from './login-sources';

export type Emit = <E extends ContractEventName>(name: E, payload: ContractEvents[E]) => void;

/** A demo account served by the built-in simulator; started on first use. */
export interface DemoProvider {
  start(): Promise<{ baseUrl: string; clientId: string; clientSecret: string }>;
  close(): Promise<void>;
  /** The demo login sources (Cloudflare, Ingedata, NLPearl simulators) that go with this demo account. */
  readonly logins?: DemoLoginProvider;
}

export interface MainServicesOptions {
  readonly mode: AppInfo['mode'];
  readonly version: string;
  readonly dataDir: string;
  readonly secretStore: SecretStore;
  readonly demo?: DemoProvider;
  /** Tests only: a faster limiter, clock or retry policy. Never a user setting. */
  readonly clientOverrides?: Partial<Pick<DeribitClientOptions, 'limits' | 'retry' | 'requestTimeoutMs' | 'clock'>>;
  /** Tests only: faster login connectors (limits, clock, retries). Never a user setting. */
  readonly loginConnectorOverrides?: LoginConnectorOverrides;
}

export interface MainServices {
  readonly handlers: ContractCalls;
  setEmitter(emit: Emit): void;
  close(): Promise<void>;
}

export function createMainServices(options: MainServicesOptions): MainServices {
  const registry = createFileAccountRegistry(options.dataDir);
  const clients = new Map<string, DeribitClient>();
  const logins = createLoginSourceServices({
    dataDir: options.dataDir, secretStore: options.secretStore, demo: options.demo?.logins, connectorOverrides: options.loginConnectorOverrides,
  });
  let emit: Emit = () => undefined;
  let demoStarted: Promise<{ baseUrl: string; clientId: string; clientSecret: string }> | null = null;

  const makeClient = (accountKey: string, baseUrl: string, clientId: string, clientSecret: string, authMethod: AccountInfo['authMethod']): DeribitClient =>
    new DeribitClient({
      baseUrl,
      clientId,
      clientSecret,
      authMethod,
      ...options.clientOverrides,
      onStatus: (status) => emit('providerStatus', { accountKey, ...status }),
    });

  const clientFor = async (accountKey: string): Promise<DeribitClient> => {
    const cached = clients.get(accountKey);
    if (cached) return cached;
    const account = await registry.get(accountKey);
    if (!account) throw notFound(accountKey);
    // The demo simulator listens on a new port each launch: use where it is now.
    const demo = account.demo ? await ensureDemo() : null;
    const secret = demo ? demo.clientSecret : await options.secretStore.get(accountKey);
    if (secret === null) {
      throw new ProviderError({
        kind: 'invalid_credentials', code: null, detail: 'secret missing from store',
        userMessage: 'The secret for this key is no longer stored on this computer. Remove the account and add the key again.',
        retriable: false,
      });
    }
    const client = makeClient(accountKey, demo?.baseUrl ?? account.baseUrl, account.clientId, secret, account.authMethod);
    clients.set(accountKey, client);
    return client;
  };

  const ensureDemo = async (): Promise<{ baseUrl: string; clientId: string; clientSecret: string }> => {
    if (!options.demo) throw new ProviderError({ kind: 'provider_error', code: null, detail: 'no demo', userMessage: 'The demo account is not available in this build.', retriable: false });
    demoStarted ??= options.demo.start();
    return demoStarted;
  };

  const add = async (args: AddAccountArgs, demo: boolean): Promise<AccountInfo> => {
    const input = validateAddAccount(args);
    const baseUrl = resolveBaseUrl(input);
    const accountKey = `acc_${randomBytes(8).toString('hex')}`;
    const client = makeClient(accountKey, baseUrl, input.clientId, input.clientSecret, input.authMethod);
    const scope = await client.authenticate();
    if (scope.insufficient) {
      throw new ProviderError({
        kind: 'insufficient_scope', code: null, detail: `granted scope: ${scope.scope}`,
        userMessage: scope.warnings.join(' ') || 'This key cannot read the account. Create a key with account:read and wallet:read.',
        retriable: false,
      });
    }
    await options.secretStore.set(accountKey, input.clientSecret);
    const account: AccountInfo = {
      accountKey, label: input.label, environment: input.environment, baseUrl, clientId: input.clientId,
      authMethod: input.authMethod, scope, addedAt: Date.now(), demo,
    };
    await registry.put(account);
    clients.set(accountKey, client);
    return account;
  };

  const handlers: ContractCalls = {
    getAppInfo: async () => ({
      mode: options.mode, version: options.version, demoAvailable: options.demo !== undefined,
      secretStorage: options.secretStore.description,
    }),
    listAccounts: () => registry.list(),
    addAccount: (args) => add(args, false),
    addDemoAccount: async () => {
      const existing = (await registry.list()).find((a) => a.demo);
      if (existing) return existing;
      const demo = await ensureDemo();
      return add({ label: 'Demo account', environment: 'custom', baseUrl: demo.baseUrl, clientId: demo.clientId, clientSecret: demo.clientSecret, authMethod: 'client_signature' }, true);
    },
    removeAccount: async ({ accountKey }) => {
      clients.get(accountKey)?.cancelAll();
      clients.delete(accountKey);
      await options.secretStore.delete(accountKey);
      await registry.remove(accountKey);
    },
    discoverAccount: async ({ accountKey }) => {
      const client = await clientFor(accountKey);
      const found = await createClientPageSource(client).discover();
      const scope = client.grantedScope ?? (await client.authenticate());
      const account = await registry.get(accountKey);
      if (account) await registry.put({ ...account, scope });
      return { accountKey, ...found, scope };
    },
    getAccountSummary: async ({ accountKey, currency, subaccountId }) =>
      (await clientFor(accountKey)).getAccountSummary(currency, subaccountId),
    fetchTransactionLogPage: async ({ accountKey, ...req }) => (await clientFor(accountKey)).getTransactionLog(req),
    fetchAccessLogPage: async ({ accountKey, ...req }) => (await clientFor(accountKey)).getAccessLog(req),
    fetchWalletPage: async ({ accountKey, ...req }) => (await clientFor(accountKey)).getWalletList(req),
    cancelRequests: async ({ accountKey }) => {
      clients.get(accountKey)?.cancelAll();
    },
    ...logins.handlers,
  };

  return {
    handlers,
    setEmitter(next) {
      emit = next;
    },
    async close() {
      for (const client of clients.values()) client.cancelAll();
      clients.clear();
      await logins.close();
      // Always: the login demo may have started the Deribit simulator (its withdrawals time the story).
      await options.demo?.close();
    },
  };
}

function notFound(accountKey: string): ProviderError {
  return new ProviderError({
    kind: 'invalid_params', code: null, detail: `unknown account ${accountKey}`,
    userMessage: 'This account is no longer configured. Add its key again to sync; cached data stays browsable.',
    retriable: false,
  });
}
