/**
 * The main process's services behind the contract: Deribit accounts and their keys (deribit-accounts.ts),
 * login sources, app info. Holds no history and no cursor (the renderer owns the cache). The same
 * handlers serve Electron IPC and the browser mode's HTTP transport.
 */
import type { DeribitClientOptions } from '../../core/providers/deribit/deribit-client';
import type { AppInfo, ContractCalls, ContractEventName, ContractEvents } from '../../shared/contract';
import type { SecretStore } from '../secret-store';
import { secretStoreHandlers } from '../secrets/secret-store-handlers';
import { createAccountLimiterPool, type AccountLimiterPool } from './account-rate-limits';
import { createDeribitAccountServices } from './deribit-accounts';
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
  /** One transaction-log limiter per Deribit account, shared by all its keys (default: one pool per process). */
  readonly limiters?: AccountLimiterPool;
  /** Tests only: faster login connectors (limits, clock, retries). Never a user setting. */
  readonly loginConnectorOverrides?: LoginConnectorOverrides;
}

export interface MainServices {
  readonly handlers: ContractCalls;
  setEmitter(emit: Emit): void;
  close(): Promise<void>;
}

export function createMainServices(options: MainServicesOptions): MainServices {
  let emit: Emit = () => undefined;
  // One pool per process: every key of an account paces through that account's one limiter. A client
  // given a scheduler ignores `limits`, so a test's faster limit goes to the pool.
  const limiters = options.limiters ?? createAccountLimiterPool({ limits: options.clientOverrides?.limits });
  const accounts = createDeribitAccountServices({
    dataDir: options.dataDir, secretStore: options.secretStore, demo: options.demo,
    clientOverrides: options.clientOverrides, limiters, emit: () => emit,
  });
  const logins = createLoginSourceServices({
    dataDir: options.dataDir, secretStore: options.secretStore, demo: options.demo?.logins, connectorOverrides: options.loginConnectorOverrides,
  });

  const handlers: ContractCalls = {
    getAppInfo: async () => ({
      mode: options.mode, version: options.version, demoAvailable: options.demo !== undefined,
      secretStorage: options.secretStore.description,
    }),
    ...secretStoreHandlers(options.secretStore),
    ...accounts.handlers,
    ...logins.handlers,
  };

  return {
    handlers,
    setEmitter(next) {
      emit = next;
    },
    async close() {
      accounts.close();
      await logins.close();
      // Always: the login demo may have started the Deribit simulator (its withdrawals time the story).
      await options.demo?.close();
    },
  };
}
