import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileSecretStore } from '../../../src/main/secrets/file-secret-store';
import { createMainServices } from '../../../src/main/services/main-services';
import { DEFAULT_SIM_KEY, type DeribitSim } from '../../sim/deribit/index';
import { smallDataset, startFastSim } from '../../support/sync-harness';

let sim: DeribitSim | null = null;
let dir: string | null = null;
afterEach(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  sim = dir = null;
});

async function services() {
  dir = await mkdtemp(join(tmpdir(), 'recon-services-'));
  const secretStore = await createFileSecretStore(join(dir, 'secrets.json'));
  return { dir, svc: createMainServices({ mode: 'browser', version: 'test', dataDir: dir, secretStore, clientOverrides: { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 } } }) };
}

const custom = (clientId: string, clientSecret: string) => ({
  label: 'Test', environment: 'custom' as const, baseUrl: sim!.url, clientId, clientSecret, authMethod: 'client_signature' as const,
});

describe('main services', () => {
  it('adds a key, never returns its secret, discovers users and currencies, and removes it with its secret', async () => {
    sim = await startFastSim({ dataset: smallDataset() });
    const { svc, dir: dataDir } = await services();
    const added = await svc.handlers.addAccount(custom(DEFAULT_SIM_KEY.clientId, DEFAULT_SIM_KEY.clientSecret));
    expect(JSON.stringify(added)).not.toContain(DEFAULT_SIM_KEY.clientSecret);
    expect(JSON.stringify(await svc.handlers.listAccounts({}))).not.toContain(DEFAULT_SIM_KEY.clientSecret);
    expect(await readFile(join(dataDir, 'accounts.json'), 'utf8')).not.toContain(DEFAULT_SIM_KEY.clientSecret);
    const found = await svc.handlers.discoverAccount({ accountKey: added.account.accountKey });
    expect(found.users[0]?.isMain).toBe(true);
    expect(found.users).toHaveLength(3);
    expect(found.currencies).toEqual(['BTC', 'ETH', 'USDC']);
    await svc.handlers.removeAccount({ accountKey: added.account.accountKey });
    expect(await svc.handlers.listAccounts({})).toEqual([]);
    expect(await readFile(join(dataDir, 'secrets.json'), 'utf8')).not.toContain(DEFAULT_SIM_KEY.clientSecret);
    await svc.close();
  });

  it('refuses a key without account:read, a wrong secret and a non-https custom URL, storing nothing', async () => {
    sim = await startFastSim({ dataset: smallDataset(), keys: [DEFAULT_SIM_KEY, { clientId: 'trade-only', clientSecret: 's', scope: 'trade:read' }] });
    const { svc } = await services();
    await expect(svc.handlers.addAccount(custom('trade-only', 's'))).rejects.toMatchObject({ kind: 'insufficient_scope' });
    // With client_signature a wrong secret is a bad signature: 13009 from public/auth (13004 with client_credentials).
    await expect(svc.handlers.addAccount(custom(DEFAULT_SIM_KEY.clientId, 'wrong'))).rejects.toMatchObject({ kind: 'unauthorized', userMessage: expect.stringMatching(/secret/i) });
    await expect(svc.handlers.addAccount({ ...custom(DEFAULT_SIM_KEY.clientId, 'wrong'), authMethod: 'client_credentials' })).rejects.toMatchObject({ kind: 'invalid_credentials' });
    await expect(svc.handlers.addAccount({ ...custom('a', 'b'), baseUrl: 'http://example.com/api/v2' })).rejects.toMatchObject({ kind: 'invalid_params' });
    await expect(svc.handlers.addAccount({ ...custom('', 'b') })).rejects.toMatchObject({ kind: 'invalid_params' });
    expect(await svc.handlers.listAccounts({})).toEqual([]);
    await svc.close();
  });
});
