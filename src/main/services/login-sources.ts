/**
 * The login-source calls of the contract: a registry of sources (settings only), their secrets in the
 * SecretStore under `login:<sourceKey>`, and one connector per source, created on first use and
 * cancelled on remove. Like the Deribit side, main holds no events and no cursor: the renderer pages
 * through `fetchLoginPage` and owns the cache.
 */
import { randomBytes } from 'node:crypto';
import { ProviderError } from '../../core/providers/deribit/errors';
import type { LoginAuditConnector } from '../../core/logins/types';
import type { ContractCalls, LoginSourceInfo, LoginSourceInput, LoginSourceSettings } from '../../shared/contract';
import type { SecretStore } from '../secret-store';
import { createLoginConnector, type LoginConnectorOverrides } from './login-source-connector';
import { invalidLoginSource, validateLoginSourceInput } from './login-source-input';
import { createFileLoginSourceRegistry } from './login-source-registry';

export type LoginSourceCallName =
  | 'listLoginSources'
  | 'testLoginSource'
  | 'addLoginSource'
  | 'addDemoLoginSources'
  | 'removeLoginSource'
  | 'fetchLoginPage'
  | 'cancelLoginRequests';

export type LoginSourceHandlers = Pick<ContractCalls, LoginSourceCallName>;

/** One demo source as the simulators serve it now (their ports change each launch). */
export interface DemoLoginSource {
  readonly label: string;
  readonly settings: LoginSourceSettings;
  readonly secret: string;
}

/** The demo login sources: the three simulators, started on first use. */
export interface DemoLoginProvider {
  start(): Promise<readonly DemoLoginSource[]>;
  close(): Promise<void>;
}

export interface LoginSourceServicesOptions {
  readonly dataDir: string;
  readonly secretStore: SecretStore;
  readonly demo?: DemoLoginProvider;
  /** Tests only: faster limits, clocks and retries. Never a user setting. */
  readonly connectorOverrides?: LoginConnectorOverrides;
}

export interface LoginSourceServices {
  readonly handlers: LoginSourceHandlers;
  close(): Promise<void>;
}

/** Where a source's secret is kept in the SecretStore (Deribit keys use their bare accountKey). */
export const loginSecretKey = (sourceKey: string): string => `login:${sourceKey}`;

export function createLoginSourceServices(options: LoginSourceServicesOptions): LoginSourceServices {
  const registry = createFileLoginSourceRegistry(options.dataDir);
  const connectors = new Map<string, LoginAuditConnector>();
  let demoStarted: Promise<readonly DemoLoginSource[]> | null = null;

  const ensureDemo = (): Promise<readonly DemoLoginSource[]> => {
    if (!options.demo) {
      throw new ProviderError({ kind: 'provider_error', code: null, detail: 'no demo', userMessage: 'The demo login sources are not available in this build.', retriable: false });
    }
    demoStarted ??= options.demo.start();
    // A failed start may succeed next time (e.g. a port was busy).
    demoStarted.catch(() => {
      demoStarted = null;
    });
    return demoStarted;
  };

  const connectorFor = async (sourceKey: string): Promise<LoginAuditConnector> => {
    const cached = connectors.get(sourceKey);
    if (cached) return cached;
    const source = await registry.get(sourceKey);
    if (!source) throw notFound(sourceKey);
    // A demo simulator listens on a new port each launch: use where it is now.
    const demo = source.demo ? (await ensureDemo()).find((d) => d.settings.kind === source.settings.kind) : undefined;
    const secret = demo ? demo.secret : await options.secretStore.get(loginSecretKey(sourceKey));
    if (secret === null) {
      throw new ProviderError({
        kind: 'invalid_credentials', code: null, detail: 'secret missing from store',
        userMessage: 'The secret for this login source is no longer stored on this computer. Remove the source and add it again; cached events stay browsable.',
        retriable: false,
      });
    }
    const connector = createLoginConnector(sourceKey, demo?.settings ?? source.settings, secret, options.connectorOverrides);
    connectors.set(sourceKey, connector);
    return connector;
  };

  const add = async (args: LoginSourceInput, demo: boolean): Promise<LoginSourceInfo> => {
    const input = validateLoginSourceInput(args);
    const sourceKey = `login_${randomBytes(8).toString('hex')}`;
    const connector = createLoginConnector(sourceKey, input.settings, input.secret, options.connectorOverrides);
    const report = await connector.testConnection();
    if (!report.ok) {
      throw new ProviderError({ kind: 'invalid_credentials', code: null, detail: 'connection test failed', userMessage: report.summary, retriable: false });
    }
    await options.secretStore.set(loginSecretKey(sourceKey), input.secret);
    const info: LoginSourceInfo = { sourceKey, label: input.label, settings: input.settings, addedAt: Date.now(), demo };
    await registry.put(info);
    connectors.set(sourceKey, connector);
    return info;
  };

  const handlers: LoginSourceHandlers = {
    listLoginSources: () => registry.list(),
    testLoginSource: async (args) => {
      let input: LoginSourceInput;
      try {
        input = validateLoginSourceInput(args);
      } catch (error) {
        // A form mistake is reported like a failed test: in words, next to the button.
        if (error instanceof ProviderError) return { ok: false, summary: error.userMessage, newestEventAt: null, sampleCount: 0 };
        throw error;
      }
      return createLoginConnector('test', input.settings, input.secret, options.connectorOverrides).testConnection();
    },
    addLoginSource: (args) => add(args, false),
    addDemoLoginSources: async () => {
      const existing = (await registry.list()).filter((s) => s.demo);
      const demos = await ensureDemo();
      const added: LoginSourceInfo[] = [...existing];
      for (const demo of demos) {
        if (existing.some((s) => s.settings.kind === demo.settings.kind)) continue;
        added.push(await add(demo, true));
      }
      return added;
    },
    removeLoginSource: async ({ sourceKey }) => {
      connectors.get(sourceKey)?.cancelAll();
      connectors.delete(sourceKey);
      await options.secretStore.delete(loginSecretKey(sourceKey));
      await registry.remove(sourceKey);
    },
    fetchLoginPage: async ({ sourceKey, from, to, cursor }) => {
      if (!Number.isFinite(from) || !Number.isFinite(to) || from > to) throw invalidLoginSource('The sync asked for an impossible time window.', `from=${from} to=${to}`);
      if (cursor !== null && typeof cursor !== 'string') throw invalidLoginSource('The saved sync position is unreadable.', 'bad cursor');
      return (await connectorFor(sourceKey)).fetchPage({ from, to, cursor });
    },
    cancelLoginRequests: async ({ sourceKey }) => {
      connectors.get(sourceKey)?.cancelAll();
    },
  };

  return {
    handlers,
    async close() {
      for (const connector of connectors.values()) connector.cancelAll();
      connectors.clear();
      if (demoStarted) await options.demo?.close();
    },
  };
}

function notFound(sourceKey: string): ProviderError {
  return new ProviderError({
    kind: 'invalid_params', code: null, detail: `unknown login source ${sourceKey}`,
    userMessage: 'This login source is no longer configured. Add it again to sync; cached events stay browsable.',
    retriable: false,
  });
}
