/**
 * Identity in main: a history belongs to the Deribit account, keys attach to it. Against the simulator
 * over real HTTP, with the real file registry and secret store.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileSecretStore } from '../../../src/main/secrets/file-secret-store';
import { createMainServices, type MainServices } from '../../../src/main/services/main-services';
import { DEFAULT_SIM_KEY, type DeribitSim } from '../../sim/deribit/index';
import { smallDataset, startFastSim } from '../../support/sync-harness';

const READ_ONLY = { clientId: 'second-read', clientSecret: 'second-secret', scope: 'account:read wallet:read' };
const POWER = { clientId: 'power-key', clientSecret: 'power-secret', scope: 'account:read_write wallet:read_write trade:read_write' };

let sims: DeribitSim[] = [];
let svc: MainServices | null = null;
let dir: string | null = null;
afterEach(async () => {
  await svc?.close();
  for (const sim of sims) await sim.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  sims = [];
  svc = dir = null;
});

async function setup(keys = [DEFAULT_SIM_KEY, READ_ONLY, POWER]) {
  const sim = await startFastSim({ dataset: smallDataset(), keys });
  sims.push(sim);
  dir ??= await mkdtemp(join(tmpdir(), 'recon-identity-'));
  const secretStore = await createFileSecretStore(join(dir, 'secrets.json'));
  svc = createMainServices({ mode: 'browser', version: 'test', dataDir: dir, secretStore, clientOverrides: { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 } } });
  return { sim, svc, dataDir: dir };
}

const keyArgs = (sim: DeribitSim, key: { clientId: string; clientSecret: string }, label = '') => ({
  label, environment: 'custom' as const, baseUrl: sim.url, clientId: key.clientId, clientSecret: key.clientSecret, authMethod: 'client_signature' as const,
});

describe('Deribit accounts: one history per account', () => {
  it('names the account by its main user id and says what it found', async () => {
    const { sim, svc } = await setup();
    const first = await svc.handlers.addAccount(keyArgs(sim, DEFAULT_SIM_KEY, 'Trader'));
    expect(first.outcome).toBe('created');
    expect(first.account.accountKey).toBe(`deribit-${sim.mainUserId}`);
    expect(first.account.mainUserId).toBe(sim.mainUserId);
    expect(first.message).toContain('Added Trader');
    expect(first.message).toContain('2 subaccounts');
  });

  it('the same key twice is one account with one key', async () => {
    const { sim, svc } = await setup();
    await svc.handlers.addAccount(keyArgs(sim, DEFAULT_SIM_KEY));
    const again = await svc.handlers.addAccount(keyArgs(sim, DEFAULT_SIM_KEY));
    expect(again.outcome).toBe('refreshed');
    const list = await svc.handlers.listAccounts({});
    expect(list).toHaveLength(1);
    expect(list[0]?.keys).toHaveLength(1);
  });

  it('a second key of the account attaches to it; syncs keep the read-only key and the message says which', async () => {
    const { sim, svc } = await setup();
    const first = await svc.handlers.addAccount(keyArgs(sim, DEFAULT_SIM_KEY));
    const power = await svc.handlers.addAccount(keyArgs(sim, POWER));
    expect(power.outcome).toBe('attached');
    expect(power.account.accountKey).toBe(first.account.accountKey);
    expect(power.message).toMatch(/already in the app/);
    expect(power.message).toContain(`Syncs use key ${DEFAULT_SIM_KEY.clientId}, the read-only one`);
    const list = await svc.handlers.listAccounts({});
    expect(list).toHaveLength(1);
    expect(list[0]?.keys.map((k) => k.clientId)).toEqual([DEFAULT_SIM_KEY.clientId, POWER.clientId]);
    expect(list[0]?.keys.find((k) => k.keyId === list[0]?.syncKeyId)?.clientId).toBe(DEFAULT_SIM_KEY.clientId);
  });

  it('a read-only key added to an account that only had a powerful one becomes the sync key', async () => {
    const { sim, svc } = await setup();
    await svc.handlers.addAccount(keyArgs(sim, POWER));
    const readOnly = await svc.handlers.addAccount(keyArgs(sim, READ_ONLY));
    expect(readOnly.message).toBe(`This key belongs to ${readOnly.account.label}, already in the app: it will be used for future syncs.`);
    expect(readOnly.account.keys.find((k) => k.keyId === readOnly.account.syncKeyId)?.clientId).toBe(READ_ONLY.clientId);
    expect(readOnly.account.scope?.warnings.some((w) => /read_write/.test(w))).toBe(false);
  });

  it('removing the last key keeps the account and its name; adding a key again continues the same history', async () => {
    const { sim, svc, dataDir } = await setup();
    const { account } = await svc.handlers.addAccount(keyArgs(sim, DEFAULT_SIM_KEY));
    const keyId = account.keys[0]?.keyId ?? '';
    const after = await svc.handlers.removeKey({ accountKey: account.accountKey, keyId });
    expect(after.keys).toEqual([]);
    expect(after.label).toBe(sim.users.find((u) => u.isMain)?.username);
    expect(await readFile(join(dataDir, 'secrets.json'), 'utf8')).not.toContain(DEFAULT_SIM_KEY.clientSecret);
    await expect(svc.handlers.discoverAccount({ accountKey: account.accountKey })).rejects.toMatchObject({ userMessage: expect.stringMatching(/no key.*cached history stays/i) });
    const back = await svc.handlers.addAccount(keyArgs(sim, DEFAULT_SIM_KEY));
    expect(back.outcome).toBe('attached');
    expect(back.account.accountKey).toBe(account.accountKey);
    expect(back.message).toMatch(/history is already cached/);
    expect((await svc.handlers.discoverAccount({ accountKey: account.accountKey })).users).toHaveLength(3);
  });

  it('replace key: a key of the same account takes the old one’s place; a key of another account changes nothing', async () => {
    const { sim, svc, dataDir } = await setup();
    const { account } = await svc.handlers.addAccount(keyArgs(sim, DEFAULT_SIM_KEY));
    const oldKeyId = account.keys[0]?.keyId ?? '';
    const replace = { accountKey: account.accountKey, keyId: oldKeyId, clientId: READ_ONLY.clientId, clientSecret: READ_ONLY.clientSecret, authMethod: 'client_signature' as const };

    const replaced = await svc.handlers.replaceKey(replace);
    expect(replaced.account.accountKey).toBe(account.accountKey);
    expect(replaced.account.keys.map((k) => k.clientId)).toEqual([READ_ONLY.clientId]);
    expect(replaced.message).toContain(`Key ${DEFAULT_SIM_KEY.clientId} was replaced by ${READ_ONLY.clientId}`);
    expect(await readFile(join(dataDir, 'secrets.json'), 'utf8')).not.toContain(oldKeyId);
    expect((await svc.handlers.discoverAccount({ accountKey: account.accountKey })).users[0]?.userId).toBe(sim.mainUserId);

    // Another account answers at the same address now: its key must not take this account's place.
    const port = Number(new URL(sim.url).port);
    await sim.close();
    sims = [await startFastSim({ dataset: smallDataset({ seed: 99 }), keys: [DEFAULT_SIM_KEY], port })];
    const current = replaced.account.keys[0]?.keyId ?? '';
    await expect(svc.handlers.replaceKey({ ...replace, keyId: current, clientId: DEFAULT_SIM_KEY.clientId, clientSecret: DEFAULT_SIM_KEY.clientSecret }))
      .rejects.toMatchObject({ userMessage: expect.stringMatching(/belongs to another Deribit account .*Nothing was changed/) });
    expect((await svc.handlers.listAccounts({}))[0]?.keys.map((k) => k.clientId)).toEqual([READ_ONLY.clientId]);
  });

  it('racing calls right after start share one client: one sign-in', async () => {
    const { sim, svc: first } = await setup();
    const { account } = await first.handlers.addAccount(keyArgs(sim, DEFAULT_SIM_KEY));
    await first.close();
    const secretStore = await createFileSecretStore(join(dir ?? '', 'secrets.json'));
    svc = createMainServices({ mode: 'browser', version: 'test', dataDir: dir ?? '', secretStore });
    sim.resetRequests();
    const calls = Array.from({ length: 5 }, () => svc!.handlers.getAccountSummary({ accountKey: account.accountKey, currency: 'BTC', subaccountId: null }));
    await Promise.all(calls);
    expect(sim.requests().filter((r) => r.method === 'public/auth')).toHaveLength(1);
  });

  it('reads an accounts file from before identities and merges two keys of one account once the cache names it', async () => {
    const { sim } = await setup();
    await svc?.close();
    const secretStore = await createFileSecretStore(join(dir ?? '', 'secrets.json'));
    await secretStore.set('acc_one', DEFAULT_SIM_KEY.clientSecret);
    await secretStore.set('acc_two', READ_ONLY.clientSecret);
    await secretStore.set('acc_never', POWER.clientSecret);
    const legacy = (accountKey: string, clientId: string, addedAt: number) => ({
      accountKey, label: accountKey, environment: 'custom', baseUrl: sim.url, clientId, authMethod: 'client_signature', scope: null, addedAt, demo: false,
    });
    await writeFile(join(dir ?? '', 'accounts.json'), JSON.stringify([legacy('acc_one', DEFAULT_SIM_KEY.clientId, 1), legacy('acc_two', READ_ONLY.clientId, 2), legacy('acc_never', POWER.clientId, 3)]));
    svc = createMainServices({ mode: 'browser', version: 'test', dataDir: dir ?? '', secretStore, clientOverrides: { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 } } });
    const before = await svc.handlers.listAccounts({});
    expect(before.map((a) => a.mainUserId)).toEqual([null, null, null]);
    await expect(svc.handlers.discoverAccount({ accountKey: 'acc_one' })).rejects.toMatchObject({ userMessage: expect.stringMatching(/not been matched/) });

    const accountKey = `deribit-${sim.mainUserId}`;
    // The cache knows acc_one and acc_two; acc_never never synced, so Deribit is asked.
    const identities = ['acc_one', 'acc_two'].map((legacyKey) => ({ legacyKey, accountKey, mainUserId: sim.mainUserId, username: 'from-cache' }));
    const after = await svc.handlers.identifyAccounts({ identities });
    expect(after).toHaveLength(1);
    expect(after[0]?.accountKey).toBe(accountKey);
    expect(after[0]?.keys.map((k) => k.keyId)).toEqual(['acc_one', 'acc_two', 'acc_never']);
    expect(after[0]?.addedAt).toBe(1);
    // Secrets stayed where they were: the merged account syncs with them.
    expect((await svc.handlers.discoverAccount({ accountKey })).users).toHaveLength(3);
    const file = JSON.parse(await readFile(join(dir ?? '', 'accounts.json'), 'utf8')) as { version: number };
    expect(file.version).toBe(2);
  });
});

describe('Deribit accounts: one limiter per account, measured at the server', () => {
  const INTERVAL = 60;
  const page = (accountKey: string, currency: string) => ({ accountKey, currency, startTimestamp: 0, endTimestamp: Date.now(), count: 10, continuation: null, subaccountId: null });

  it('two keys, a removed and re-added key, racing calls from two windows and a restart: every transaction-log arrival an interval apart', async () => {
    const sim = await startFastSim({ dataset: smallDataset(), keys: [DEFAULT_SIM_KEY, READ_ONLY], txLogIntervalMs: INTERVAL, latencyMs: 8, latencyJitterMs: 6 });
    sims.push(sim);
    dir = await mkdtemp(join(tmpdir(), 'recon-limits-'));
    const secretStore = await createFileSecretStore(join(dir, 'secrets.json'));
    const limits = { txLogIntervalMs: INTERVAL, credit: { capacity: 50_000, refillPerSec: 10_000, cost: 500 } };
    const make = () => createMainServices({ mode: 'browser', version: 'test', dataDir: dir ?? '', secretStore, clientOverrides: { limits, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } } });
    svc = make();
    const { account } = await svc.handlers.addAccount(keyArgs(sim, DEFAULT_SIM_KEY));
    await svc.handlers.addAccount(keyArgs(sim, READ_ONLY));
    const burst = (s: MainServices) => Promise.all(['BTC', 'ETH', 'USDC', 'BTC', 'ETH'].map((c) => s.handlers.fetchTransactionLogPage(page(account.accountKey, c))));
    await burst(svc);
    // The sync key goes and comes back: a new client object, the same account's limiter.
    const syncKeyId = (await svc.handlers.listAccounts({}))[0]?.syncKeyId ?? '';
    await svc.handlers.removeKey({ accountKey: account.accountKey, keyId: syncKeyId });
    await svc.handlers.addAccount(keyArgs(sim, DEFAULT_SIM_KEY));
    await Promise.all([burst(svc), burst(svc)]);
    // A restart: a new process's limiter opens its first slot an interval after it starts.
    await svc.close();
    svc = make();
    await burst(svc);
    const arrivals = sim.requests().filter((r) => r.method === 'private/get_transaction_log').map((r) => r.startedAt).sort((a, b) => a - b);
    expect(arrivals).toHaveLength(20);
    const gaps = arrivals.slice(1).map((t, i) => t - (arrivals[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(INTERVAL);
    expect(sim.requests().filter((r) => r.errorCode === 10028)).toEqual([]);
  });
});
