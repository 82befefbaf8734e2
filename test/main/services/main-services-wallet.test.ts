import { mkdtemp, rm } from 'node:fs/promises';
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

async function servicesWithAccount(clientId: string, clientSecret: string) {
  dir = await mkdtemp(join(tmpdir(), 'recon-wallet-'));
  const secretStore = await createFileSecretStore(join(dir, 'secrets.json'));
  const svc = createMainServices({ mode: 'browser', version: 'test', dataDir: dir, secretStore, clientOverrides: { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 } } });
  const account = await svc.handlers.addAccount({ label: 'Test', environment: 'custom', baseUrl: sim!.url, clientId, clientSecret, authMethod: 'client_signature' });
  return { svc, accountKey: account.account.accountKey };
}

describe('main services: fetchWalletPage', () => {
  it('serves one page of a wallet list for the account, plain JSON with exact amounts', async () => {
    sim = await startFastSim({ dataset: smallDataset({ walletPending: [{ kind: 'withdrawal', currency: 'ETH', amount: '2.5' }] }) });
    const { svc, accountKey } = await servicesWithAccount(DEFAULT_SIM_KEY.clientId, DEFAULT_SIM_KEY.clientSecret);
    const page = await svc.handlers.fetchWalletPage({ accountKey, kind: 'withdrawals', currency: 'ETH', offset: 0, count: 2 });
    const rows = sim.truthTransactions(sim.mainUserId, 'ETH').filter((r) => r.type === 'withdrawal');
    expect(page.total).toBe(rows.length + 1);
    expect(page.records).toHaveLength(2);
    expect(page.records[0]).toMatchObject({ kind: 'withdrawals', state: 'unconfirmed', amount: '2.5', id: 900_000_000 });
    expect(page.records[1]?.id).toBe(rows[0]?.id);
    // Crosses the contract as plain JSON unchanged.
    expect(JSON.parse(JSON.stringify(page))).toEqual(page);
    const next = await svc.handlers.fetchWalletPage({ accountKey, kind: 'withdrawals', currency: 'ETH', offset: 2, count: 2 });
    expect(next.records.map((r) => r.id)).toEqual(rows.slice(1, 3).map((r) => r.id));
    await svc.close();
  });

  it('fails with a plain-words forbidden error when the key lacks wallet:read', async () => {
    sim = await startFastSim({ dataset: smallDataset(), keys: [{ clientId: 'account-only', clientSecret: 's', scope: 'account:read' }] });
    const { svc, accountKey } = await servicesWithAccount('account-only', 's');
    await expect(svc.handlers.fetchWalletPage({ accountKey, kind: 'deposits', currency: 'BTC', offset: 0, count: 10 })).rejects.toMatchObject({
      kind: 'forbidden', code: 13021, userMessage: expect.stringMatching(/needs wallet:read/),
    });
    await svc.close();
  });
});
