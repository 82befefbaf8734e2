/**
 * Deribit accounts behind the contract: a history belongs to the Deribit account (its main user id), keys
 * are credentials attached to it. Adding a key learns its account from Deribit first, so a second key of
 * an account (or the same key again) joins the account already in the app instead of starting a second
 * history. One client per key, created once even when calls race; syncs use the read-only key.
 */
import { randomBytes } from 'node:crypto';
import { DeribitClient } from '../../core/providers/deribit/deribit-client';
import { ProviderError } from '../../core/providers/deribit/errors';
import type { DeribitSubaccount } from '../../core/providers/deribit/types';
import { assertWalletListKind } from '../../core/providers/deribit/wallet-responses';
import { createClientPageSource } from '../../core/sync/client-page-source';
import type { AccountInfo, AddAccountArgs, AddKeyResult, ApiKeyInfo, CachedIdentity, ContractCalls } from '../../shared/contract';
import type { SecretStore } from '../secret-store';
import { accountKeyFor, chooseSyncKey, isReadOnly, mergeRecords, toAccountInfo, type AccountRecord } from './account-records';
import { createFileAccountRegistry } from './account-registry';
import type { AccountLimiterPool } from './account-rate-limits';
import { KEY_PROBE_ATTEMPT_TIMEOUT_MS, KEY_PROBE_DEADLINE_MS, KEY_PROBE_RETRY, probeFailure, resolveBaseUrl, validateAddAccount } from './account-input';
import type { DemoProvider, Emit, MainServicesOptions } from './main-services';

type AccountCalls = Pick<
  ContractCalls,
  | 'listAccounts' | 'addAccount' | 'addDemoAccount' | 'removeKey' | 'replaceKey' | 'removeAccount' | 'identifyAccounts'
  | 'discoverAccount' | 'getAccountSummary' | 'fetchTransactionLogPage' | 'fetchAccessLogPage' | 'fetchWalletPage' | 'cancelRequests'
  | 'cancelAddAccount' | 'fetchDeliveryPrices'
>;

export interface DeribitAccountServices {
  readonly handlers: AccountCalls;
  close(): void;
}

/** How long the account list waits for Deribit to name an old key's account. */
const IDENTIFY_TIMEOUT_MS = 10_000;

interface Identity {
  readonly mainUserId: number;
  readonly username: string;
  readonly subaccounts: number;
}

export function createDeribitAccountServices(options: {
  readonly dataDir: string;
  readonly secretStore: SecretStore;
  readonly demo: DemoProvider | undefined;
  readonly clientOverrides: MainServicesOptions['clientOverrides'];
  readonly limiters: AccountLimiterPool;
  readonly emit: () => Emit;
}): DeribitAccountServices {
  const registry = createFileAccountRegistry(options.dataDir);
  /** keyId → the key's client, as a promise so racing calls share one sign-in. */
  const clients = new Map<string, { readonly accountKey: string; readonly client: Promise<DeribitClient> }>();
  let demoStarted: ReturnType<DemoProvider['start']> | null = null;

  const ensureDemo = (): ReturnType<DemoProvider['start']> => {
    if (!options.demo) throw failure('provider_error', 'no demo', 'The demo account is not available in this build.');
    demoStarted ??= options.demo.start();
    return demoStarted;
  };

  const makeClient = (accountKey: string | null, baseUrl: string, clientId: string, clientSecret: string, authMethod: ApiKeyInfo['authMethod']): DeribitClient =>
    new DeribitClient({
      baseUrl, clientId, clientSecret, authMethod,
      ...options.clientOverrides,
      // Every key of one account paces through the account's one limiter (Deribit counts per account).
      ...(accountKey !== null ? { scheduler: options.limiters.limiterFor(accountKey) } : {}),
      onStatus: (status) => {
        if (accountKey !== null) options.emit()('providerStatus', { accountKey, ...status });
      },
    });

  /**
   * One keyless client per Deribit base URL for public price data, paced by its own limiter (public calls are
   * counted per IP, apart from any account's credits), so a price download never delays an account's sync.
   */
  const publicClients = new Map<string, DeribitClient>();
  const publicClient = async (accountKey: string): Promise<DeribitClient> => {
    const record = await recordOf(accountKey);
    const baseUrl = record.demo ? (await ensureDemo()).baseUrl : record.baseUrl;
    let client = publicClients.get(baseUrl);
    if (!client) {
      client = new DeribitClient({ baseUrl, clientId: '', clientSecret: '', ...options.clientOverrides, scheduler: options.limiters.limiterFor(`public|${baseUrl}`) });
      publicClients.set(baseUrl, client);
    }
    return client;
  };

  const dropClients = (accountKey: string): void => {
    for (const [keyId, entry] of clients) {
      if (entry.accountKey !== accountKey) continue;
      clients.delete(keyId);
      void entry.client.then((c) => c.cancelAll(), () => undefined);
    }
  };

  const recordOf = async (accountKey: string): Promise<AccountRecord> => {
    const record = await registry.get(accountKey);
    if (!record) {
      throw failure('invalid_params', `unknown account ${accountKey}`,
        'This account has no key in the app. Add a key of this Deribit account to sync it again; its cached history stays browsable.');
    }
    return record;
  };

  const keyClient = (record: AccountRecord, key: ApiKeyInfo): Promise<DeribitClient> => {
    const cached = clients.get(key.keyId);
    if (cached) return cached.client;
    const client = (async () => {
      const demo = record.demo ? await ensureDemo() : null;
      const secret = demo ? demo.clientSecret : await options.secretStore.get(key.keyId);
      if (secret === null) {
        throw failure('invalid_credentials', 'secret missing from store',
          `The secret of key ${key.clientId} is no longer stored on this computer. Use "Replace key" on the account to enter it again.`);
      }
      return makeClient(record.accountKey, demo?.baseUrl ?? record.baseUrl, key.clientId, secret, key.authMethod);
    })();
    clients.set(key.keyId, { accountKey: record.accountKey, client });
    client.catch(() => clients.delete(key.keyId));
    return client;
  };

  const syncClient = async (accountKey: string): Promise<DeribitClient> => {
    const record = await recordOf(accountKey);
    if (record.mainUserId === null) {
      throw failure('invalid_params', `account ${accountKey} not identified`,
        `${toAccountInfo(record).label} was added by an older version and has not been matched to its Deribit account yet. Open the Accounts page while online so the app can match it, then sync.`);
    }
    const key = chooseSyncKey(record.keys);
    if (!key) {
      throw failure('invalid_credentials', 'no usable key',
        `${toAccountInfo(record).label} has no key that can read it. Add a read-only key (account:read, wallet:read) to sync again; the cached history stays.`);
    }
    return keyClient(record, key);
  };

  /** Key checks in progress, by the renderer's probe id: "Cancel" aborts one. */
  const probes = new Map<string, AbortController>();

  /**
   * Signs in with a new key, checks its rights and learns which Deribit account it reads, within a few
   * seconds: a server that does not answer is named with the reason, and the renderer can cancel.
   */
  const checkKey = async (baseUrl: string, clientId: string, clientSecret: string, authMethod: ApiKeyInfo['authMethod'], probeId?: string) => {
    const client = new DeribitClient({
      baseUrl, clientId, clientSecret, authMethod, ...options.clientOverrides,
      requestTimeoutMs: Math.min(options.clientOverrides?.requestTimeoutMs ?? KEY_PROBE_ATTEMPT_TIMEOUT_MS, KEY_PROBE_ATTEMPT_TIMEOUT_MS),
      retry: KEY_PROBE_RETRY,
    });
    const cancel = new AbortController();
    if (probeId !== undefined) probes.set(probeId, cancel);
    const deadline = AbortSignal.timeout(KEY_PROBE_DEADLINE_MS);
    const signal = AbortSignal.any([cancel.signal, deadline]);
    const stop = (): void => client.cancelAll();
    signal.addEventListener('abort', stop, { once: true });
    try {
      const scope = await client.authenticate(signal);
      if (scope.insufficient) {
        throw new ProviderError({
          kind: 'insufficient_scope', code: null, detail: `granted scope: ${scope.scope}`,
          userMessage: scope.warnings.join(' ') || 'This key cannot read the account. Create a key with account:read and wallet:read.',
          retriable: false,
        });
      }
      return { scope, identity: identityOf(await client.getSubaccounts(signal)) };
    } catch (error) {
      throw probeFailure(baseUrl, error, deadline.aborted && !cancel.signal.aborted, cancel.signal.aborted);
    } finally {
      signal.removeEventListener('abort', stop);
      if (probeId !== undefined) probes.delete(probeId);
      client.cancelAll();
    }
  };

  const add = async (args: AddAccountArgs, demo: boolean): Promise<AddKeyResult> => {
    const input = validateAddAccount(args);
    const baseUrl = resolveBaseUrl(input);
    const { scope, identity } = await checkKey(baseUrl, input.clientId, input.clientSecret, input.authMethod, args.probeId);
    const accountKey = accountKeyFor(identity.mainUserId);
    const existing = await registry.get(accountKey);
    if (existing && existing.environment !== null && existing.environment !== input.environment) {
      throw failure('invalid_params', `environment ${input.environment} vs ${existing.environment}`,
        `This key reads Deribit user ${identity.mainUserId} on ${input.environment}, but the app already holds a user ${identity.mainUserId} on ${existing.environment}. These are different accounts with the same number; the app cannot keep both. Nothing was added.`);
    }
    const same = existing?.keys.find((k) => k.clientId === input.clientId);
    const keyId = same?.keyId ?? `key_${randomBytes(8).toString('hex')}`;
    await options.secretStore.set(keyId, input.clientSecret);
    const key: ApiKeyInfo = { keyId, clientId: input.clientId, authMethod: input.authMethod, scope, addedAt: same?.addedAt ?? Date.now() };
    const record: AccountRecord = existing
      ? { ...existing, environment: existing.environment ?? input.environment, username: identity.username, demo: existing.demo || demo,
          keys: same ? existing.keys.map((k) => (k.keyId === keyId ? key : k)) : [...existing.keys, key] }
      : { accountKey, customLabel: input.label === input.clientId ? '' : input.label, environment: input.environment, baseUrl,
          mainUserId: identity.mainUserId, username: identity.username, keys: [key], addedAt: Date.now(), demo };
    await registry.put(record);
    const account = toAccountInfo(record);
    // A spare key joining changes nothing in flight; a new sync key (or a refreshed secret) does.
    if (!existing || same !== undefined || toAccountInfo(existing).syncKeyId !== account.syncKeyId) dropClients(accountKey);
    return { account, outcome: !existing ? 'created' : same ? 'refreshed' : 'attached', message: addedMessage(account, existing, same !== undefined, key, identity) };
  };

  const removeKeyOf = async (record: AccountRecord, keyId: string): Promise<AccountRecord> => {
    dropClients(record.accountKey);
    await options.secretStore.delete(keyId);
    const next = { ...record, keys: record.keys.filter((k) => k.keyId !== keyId) };
    await registry.put(next);
    return next;
  };

  /** Accounts from before identities: the cache knows most; Deribit tells the rest (while online). */
  const identify = async (identities: readonly CachedIdentity[]): Promise<readonly AccountInfo[]> => {
    let all = [...(await registry.list())];
    for (const record of all.filter((r) => r.mainUserId === null)) {
      const known = identities.find((i) => i.legacyKey === record.accountKey);
      let identity: Pick<Identity, 'mainUserId' | 'username'> | null = known ? { mainUserId: known.mainUserId, username: known.username ?? String(known.mainUserId) } : null;
      const key = chooseSyncKey(record.keys) ?? record.keys[0];
      if (identity === null && key) {
        try {
          // Bounded: the account list waits for this, and an offline start must not hang it.
          identity = identityOf(await (await keyClient(record, key)).getSubaccounts(AbortSignal.timeout(IDENTIFY_TIMEOUT_MS)));
        } catch {
          continue; // offline or key revoked: stays unmatched, and says so when a sync is asked for
        }
      }
      if (identity === null) continue;
      dropClients(record.accountKey);
      const rekeyed: AccountRecord = { ...record, accountKey: accountKeyFor(identity.mainUserId), mainUserId: identity.mainUserId, username: identity.username };
      const twin = all.find((r) => r !== record && r.accountKey === rekeyed.accountKey);
      all = all.filter((r) => r !== record && r !== twin);
      all.push(twin ? mergeRecords(twin, rekeyed) : rekeyed);
    }
    await registry.replaceAll(all);
    return all.map(toAccountInfo);
  };

  const handlers: AccountCalls = {
    listAccounts: async () => (await registry.list()).map(toAccountInfo),
    addAccount: (args) => add(args, false),
    addDemoAccount: async () => {
      const demo = await ensureDemo();
      return add({ label: 'Demo account', environment: 'custom', baseUrl: demo.baseUrl, clientId: demo.clientId, clientSecret: demo.clientSecret, authMethod: 'client_signature' }, true);
    },
    removeKey: async ({ accountKey, keyId }) => toAccountInfo(await removeKeyOf(await recordOf(accountKey), keyId)),
    replaceKey: async (args) => {
      const record = await recordOf(args.accountKey);
      const old = record.keys.find((k) => k.keyId === args.keyId);
      if (!old) throw failure('invalid_params', `unknown key ${args.keyId}`, 'That key is no longer attached to this account. Reload the Accounts page.');
      const input = validateAddAccount({ label: '', environment: record.environment ?? 'custom', baseUrl: record.baseUrl, ...args });
      const { identity } = await checkKey(record.demo ? (await ensureDemo()).baseUrl : record.baseUrl, input.clientId, input.clientSecret, input.authMethod);
      if (accountKeyFor(identity.mainUserId) !== record.accountKey) {
        throw failure('invalid_params', `key reads user ${identity.mainUserId}`,
          `This key belongs to another Deribit account (${identity.username}, user ${identity.mainUserId}), not ${toAccountInfo(record).label}. Nothing was changed.`);
      }
      const result = await add({ label: '', environment: record.environment ?? 'custom', baseUrl: record.baseUrl, clientId: input.clientId, clientSecret: input.clientSecret, authMethod: input.authMethod }, record.demo);
      const after = result.account.keys.some((k) => k.keyId === args.keyId && k.clientId !== input.clientId)
        ? await removeKeyOf(await recordOf(record.accountKey), args.keyId)
        : await recordOf(record.accountKey);
      const account = toAccountInfo(after);
      return { account, outcome: 'attached', message: `Key ${old.clientId} was replaced by ${input.clientId}. Syncs continue the same history of ${account.label}.` };
    },
    removeAccount: async ({ accountKey }) => {
      const record = await registry.get(accountKey);
      dropClients(accountKey);
      for (const key of record?.keys ?? []) await options.secretStore.delete(key.keyId);
      await registry.remove(accountKey);
    },
    identifyAccounts: ({ identities }) => identify(identities ?? []),
    discoverAccount: async ({ accountKey }) => {
      const client = await syncClient(accountKey);
      const found = await createClientPageSource(client).discover();
      const record = await recordOf(accountKey);
      const main = found.users.find((u) => u.isMain);
      if (main && record.mainUserId !== null && main.userId !== record.mainUserId) {
        throw failure('invalid_params', `key reads user ${main.userId}, account is ${record.mainUserId}`,
          `The key used for ${toAccountInfo(record).label} now reads another Deribit account (${main.username}). Nothing was synced; replace the key.`);
      }
      const scope = client.grantedScope ?? (await client.authenticate());
      const syncKey = chooseSyncKey(record.keys);
      await registry.put({ ...record, username: main?.username ?? record.username, keys: record.keys.map((k) => (k.keyId === syncKey?.keyId ? { ...k, scope } : k)) });
      return { accountKey, ...found, scope };
    },
    getAccountSummary: async ({ accountKey, currency, subaccountId }) => (await syncClient(accountKey)).getAccountSummary(currency, subaccountId),
    fetchTransactionLogPage: async ({ accountKey, ...req }) => (await syncClient(accountKey)).getTransactionLog(req),
    fetchAccessLogPage: async ({ accountKey, ...req }) => (await syncClient(accountKey)).getAccessLog(req),
    fetchWalletPage: async ({ accountKey, ...req }) => {
      assertWalletListKind(req.kind);
      return (await syncClient(accountKey)).getWalletList(req);
    },
    cancelAddAccount: async ({ probeId }) => {
      probes.get(probeId)?.abort();
    },
    cancelRequests: async ({ accountKey }) => {
      for (const entry of clients.values()) if (entry.accountKey === accountKey) void entry.client.then((c) => c.cancelAll(), () => undefined);
    },
    fetchDeliveryPrices: async ({ accountKey, indexName, offset, count }) => (await publicClient(accountKey)).getDeliveryPrices(indexName, offset, count),
  };

  return {
    handlers,
    close() {
      for (const entry of clients.values()) void entry.client.then((c) => c.cancelAll(), () => undefined);
      clients.clear();
      for (const client of publicClients.values()) client.cancelAll();
      publicClients.clear();
    },
  };
}

function identityOf(users: readonly DeribitSubaccount[]): Identity {
  const main = users.find((u) => u.isMain);
  if (!main) throw failure('malformed_response', 'get_subaccounts listed no main account', 'Deribit did not say which account this key belongs to (no main account in get_subaccounts). Nothing was added; try again later.');
  return { mainUserId: main.userId, username: main.username, subaccounts: users.length - 1 };
}

function addedMessage(account: AccountInfo, before: AccountRecord | undefined, sameKey: boolean, key: ApiKeyInfo, identity: Identity): string {
  if (!before) {
    const subs = identity.subaccounts === 1 ? '1 subaccount' : `${identity.subaccounts} subaccounts`;
    return `Added ${account.label}: Deribit account ${identity.username} (user ${identity.mainUserId}) with ${subs}.`;
  }
  if (sameKey) return `Key ${key.clientId} is already attached to ${account.label}; its secret and rights were checked again. Nothing else changed.`;
  if (before.keys.length === 0) return `This key belongs to ${account.label}, whose history is already cached: syncs continue it with this key.`;
  const syncKey = account.keys.find((k) => k.keyId === account.syncKeyId);
  if (syncKey && syncKey.keyId !== key.keyId) {
    const why = isReadOnly(syncKey) && !isReadOnly(key) ? `, the read-only one` : '';
    return `This key belongs to ${account.label}, already in the app: it is kept as a spare. Syncs use key ${syncKey.clientId}${why}.`;
  }
  return `This key belongs to ${account.label}, already in the app: it will be used for future syncs.`;
}

function failure(kind: 'invalid_params' | 'invalid_credentials' | 'provider_error' | 'malformed_response', detail: string, userMessage: string): ProviderError {
  return new ProviderError({ kind, code: null, detail, userMessage, retriable: false });
}
