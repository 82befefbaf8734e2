/**
 * The real demo (Deribit simulator + the three login simulators): the planted story is timed against
 * withdrawals the demo account really serves, and the demo login sources serve it through the connectors.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoProvider } from '../../../src/main/demo/demo-simulator';
import type { DemoLoginSimulators } from '../../../src/main/demo/demo-login-simulators';
import { createFileSecretStore } from '../../../src/main/secrets/file-secret-store';
import { createMainServices, type MainServices } from '../../../src/main/services/main-services';

const HOUR = 3_600_000;
let svc: MainServices | null = null;
let dir: string | null = null;
afterEach(async () => {
  await svc?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  svc = dir = null;
});

describe('demo login sources', () => {
  it('plant a 2FA switch-off and a new-country login shortly before real demo withdrawals, served by the sources', async () => {
    dir = await mkdtemp(join(tmpdir(), 'recon-demo-logins-'));
    const demo = createDemoProvider();
    svc = createMainServices({ mode: 'browser', version: 'test', dataDir: dir, secretStore: await createFileSecretStore(join(dir, 'secrets.json')), demo });
    const { account } = await svc.handlers.addDemoAccount({});
    const sources = await svc.handlers.addDemoLoginSources({});
    expect(sources.map((s) => s.label).sort()).toEqual(['Demo Cloudflare Access', 'Demo Ingedata Pulse', 'Demo NLPearl']);

    const story = (demo.logins as DemoLoginSimulators).story();
    const target = story?.twoFactorOffBefore;
    const earlier = story?.newCountryBefore;
    if (!target || !earlier) throw new Error('no story planted');
    // The withdrawal is one the demo account serves.
    const users = (await svc.handlers.discoverAccount({ accountKey: account.accountKey })).users;
    const user = users.find((u) => u.username === target.username);
    const page = await svc.handlers.fetchTransactionLogPage({
      accountKey: account.accountKey, currency: target.currency, startTimestamp: target.timestamp, endTimestamp: target.timestamp, count: 10,
      continuation: null, subaccountId: user === undefined || user.isMain ? null : user.userId,
    });
    expect(page.rows.some((r) => r.type === 'withdrawal' && r.timestamp === target.timestamp)).toBe(true);

    const pearl = sources.find((s) => s.settings.kind === 'nlpearl');
    const window = await svc.handlers.fetchLoginPage({ sourceKey: pearl?.sourceKey ?? '', from: target.timestamp - 24 * HOUR, to: target.timestamp, cursor: null });
    expect(window.events.some((e) => e.kind === '2fa-disabled' && target.timestamp - e.timestamp === 3 * HOUR)).toBe(true);
    const cf = sources.find((s) => s.settings.kind === 'cloudflare');
    let cursor: string | null = null;
    const seen: string[] = [];
    do {
      const p = await svc.handlers.fetchLoginPage({ sourceKey: cf?.sourceKey ?? '', from: earlier.timestamp - 24 * HOUR, to: earlier.timestamp, cursor });
      seen.push(...p.events.filter((e) => e.country === 'NG').map((e) => e.outcome));
      cursor = p.cursor;
    } while (cursor !== null);
    expect(seen.sort()).toEqual(['denied', 'denied', 'denied', 'denied', 'denied', 'success']);
  });
});
