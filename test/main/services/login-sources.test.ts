/**
 * The login-source calls of the main services, over real HTTP against the three simulators: add, test
 * with a right and a wrong secret (answers in words), validation, paging a window to its end, remove
 * (the secret goes too), the secret never in a handler's result nor in login-sources.json, and the demo.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoginEvent } from '../../../src/core/logins/types';
import { createDemoLoginProvider } from '../../../src/main/demo/demo-login-simulators';
import { createFileSecretStore } from '../../../src/main/secrets/file-secret-store';
import { createMainServices, type MainServices } from '../../../src/main/services/main-services';
import type { LoginSourceInput } from '../../../src/shared/contract';
import { SIM_ACCOUNT_ID, SIM_TOKEN, startCloudflareSim } from '../../sim/cloudflare/index';
import { DEFAULT_PULSE_KEY, startIngedataSim } from '../../sim/ingedata/index';
import { DEFAULT_NLPEARL_ACCOUNT, startNlpearlSim } from '../../sim/nlpearl/index';

const DAY = 86_400_000;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function services(extra: Partial<Parameters<typeof createMainServices>[0]> = {}): Promise<{ svc: MainServices; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'recon-login-sources-'));
  const secretStore = await createFileSecretStore(join(dir, 'secrets.json'));
  const svc = createMainServices({
    mode: 'browser', version: 'test', dataDir: dir, secretStore,
    loginConnectorOverrides: {
      cloudflare: { pageSize: 100, retry: { maxAttempts: 2 } },
      ingedata: { pageSize: 100, retry: { maxAttempts: 2 } },
      nlpearl: { maxRequestsPerPage: 1, retry: { maxAttempts: 2 } },
    },
    ...extra,
  });
  closers.push(async () => {
    await svc.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { svc, dir };
}

/** Pages [from, to] through the contract call until the cursor is null. */
async function pageAll(svc: MainServices, sourceKey: string, from: number, to: number): Promise<{ events: LoginEvent[]; pages: number }> {
  const events: LoginEvent[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await svc.handlers.fetchLoginPage({ sourceKey, from, to, cursor });
    events.push(...page.events);
    cursor = page.cursor;
    pages += 1;
    if (pages > 500) throw new Error('paging did not end');
  } while (cursor !== null);
  return { events, pages };
}

async function startSims() {
  const end = Date.now() - DAY;
  const start = end - 20 * DAY;
  const cloudflare = await startCloudflareSim({ dataset: { seed: 11, count: 450, startTime: start, endTime: end, twinRate: 0 } });
  const ingedata = await startIngedataSim({ dataset: { seed: 11, logins: 350, startTime: start, endTime: end }, rateLimit: null });
  const nlpearl = await startNlpearlSim({ dataset: { seed: 11, events: 400, startTime: start, endTime: end }, cap: 150 });
  closers.push(async () => {
    await Promise.all([cloudflare.close(), ingedata.close(), nlpearl.close()]);
  });
  const inputs = {
    cloudflare: { label: 'Access', settings: { kind: 'cloudflare', baseUrl: cloudflare.url, accountId: SIM_ACCOUNT_ID, authMethod: 'api-token', email: null }, secret: SIM_TOKEN },
    ingedata: { label: 'Pulse', settings: { kind: 'ingedata', baseUrl: ingedata.url }, secret: DEFAULT_PULSE_KEY },
    nlpearl: { label: 'Pearl', settings: { kind: 'nlpearl', baseUrl: nlpearl.url, accountId: DEFAULT_NLPEARL_ACCOUNT.accountId }, secret: DEFAULT_NLPEARL_ACCOUNT.secretKey },
  } satisfies Record<string, LoginSourceInput>;
  return { cloudflare, ingedata, nlpearl, inputs, start, end };
}

describe('login sources in the main services', () => {
  it('adds one source per provider, pages each window to its end, and never shows or files a secret', async () => {
    const sims = await startSims();
    const { svc, dir } = await services();
    const secrets = Object.values(sims.inputs).map((i) => i.secret);
    const added = [];
    for (const input of Object.values(sims.inputs)) added.push(await svc.handlers.addLoginSource(input));
    expect(added.map((a) => a.label)).toEqual(['Access', 'Pulse', 'Pearl']);
    const listed = await svc.handlers.listLoginSources({});
    expect(listed.map((s) => s.sourceKey).sort()).toEqual(added.map((a) => a.sourceKey).sort());
    const registryText = await readFile(join(dir, 'login-sources.json'), 'utf8');
    for (const secret of secrets) {
      expect(JSON.stringify(added)).not.toContain(secret);
      expect(JSON.stringify(listed)).not.toContain(secret);
      expect(registryText).not.toContain(secret);
    }

    const [cf, pulse, pearl] = added as [(typeof added)[number], (typeof added)[number], (typeof added)[number]];
    const from = sims.start - DAY;
    const to = Date.now();
    const cfRun = await pageAll(svc, cf.sourceKey, from, to);
    expect(cfRun.pages).toBeGreaterThan(1);
    expect(new Set(cfRun.events.map((e) => e.key)).size).toBe(cfRun.events.length);
    expect(cfRun.events.map((e) => e.raw).sort()).toEqual(sims.cloudflare.truth().map((t) => t.json).sort());
    expect(cfRun.events.every((e) => e.sourceKey === cf.sourceKey && e.source === 'cloudflare')).toBe(true);

    const pulseRun = await pageAll(svc, pulse.sourceKey, from, to);
    expect(pulseRun.pages).toBeGreaterThan(1);
    expect(pulseRun.events.map((e) => e.raw).sort()).toEqual(sims.ingedata.truth().map((t) => t.json).sort());

    const pearlRun = await pageAll(svc, pearl.sourceKey, from, to);
    expect(pearlRun.pages).toBeGreaterThan(1);
    expect(new Set(pearlRun.events.map((e) => e.key)).size).toBe(pearlRun.events.length);
    expect(pearlRun.events.map((e) => e.raw).sort()).toEqual(sims.nlpearl.truth().map((t) => t.text).sort());
  });

  it('tests a connection in words: right secret connects, a wrong one says which credential to check; a failed add stores nothing', async () => {
    const sims = await startSims();
    const { svc, dir } = await services();
    for (const input of Object.values(sims.inputs)) {
      const ok = await svc.handlers.testLoginSource(input);
      expect(ok.ok, ok.summary).toBe(true);
      expect(ok.summary).toMatch(/connect|read|logins?|events?/i);
      expect(ok.summary).not.toContain(input.secret);
      const wrong = await svc.handlers.testLoginSource({ ...input, secret: `${input.secret}x` });
      expect(wrong.ok).toBe(false);
      expect(wrong.summary).toMatch(/token|key|secret|credential/i);
      await expect(svc.handlers.addLoginSource({ ...input, secret: 'wrong-secret' })).rejects.toMatchObject({ kind: 'invalid_credentials' });
    }
    expect(await svc.handlers.listLoginSources({})).toEqual([]);
    const secretsText = await readFile(join(dir, 'secrets.json'), 'utf8').catch(() => '');
    expect(secretsText).not.toContain('wrong-secret');
  });

  it('refuses what cannot be right before sending anything: a non-https URL, a malformed account id, an empty secret', async () => {
    const sims = await startSims();
    const { svc } = await services();
    const cf = sims.inputs.cloudflare;
    const cases: [LoginSourceInput, RegExp][] = [
      [{ ...cf, settings: { ...cf.settings, baseUrl: 'http://api.example.com/client/v4' } }, /https/],
      [{ ...cf, settings: { ...cf.settings, baseUrl: 'ftp://127.0.0.1/x' } }, /https/],
      [{ ...cf, settings: { ...cf.settings, baseUrl: 'not a url' } }, /not a valid URL/],
      [{ ...cf, settings: { ...cf.settings, accountId: 'my-account' } }, /32 letters and digits/],
      [{ ...cf, settings: { ...cf.settings, authMethod: 'global-key', email: 'nobody' } }, /email/],
      [{ ...cf, secret: '   ' }, /Enter the Cloudflare API token/],
      [{ ...sims.inputs.nlpearl, settings: { ...sims.inputs.nlpearl.settings, accountId: 'acc:1' } }, /account ID/],
      [{ ...sims.inputs.ingedata, secret: '' }, /Ingedata Pulse API key/],
    ];
    const before = sims.cloudflare.requests().length;
    for (const [input, words] of cases) {
      await expect(svc.handlers.addLoginSource(input)).rejects.toMatchObject({ kind: 'invalid_params', userMessage: expect.stringMatching(words) });
      const report = await svc.handlers.testLoginSource(input);
      expect(report.ok).toBe(false);
      expect(report.summary).toMatch(words);
    }
    expect(sims.cloudflare.requests().length).toBe(before);
    // The global key works with its email; the label defaults to the provider's name.
    const global = await svc.handlers.addLoginSource({
      label: ' ', secret: 'c2547eb745079dac9320b638f5e225cf483cc5cfdda41',
      settings: { ...cf.settings, authMethod: 'global-key', email: 'admin@treasury.example' },
    });
    expect(global.label).toBe('Cloudflare Access');
    expect(global.settings).toMatchObject({ authMethod: 'global-key', email: 'admin@treasury.example' });
  });

  it('remove cancels, forgets the source and deletes its secret; other sources keep theirs', async () => {
    const sims = await startSims();
    const { svc, dir } = await services();
    const pearl = await svc.handlers.addLoginSource(sims.inputs.nlpearl);
    const pulse = await svc.handlers.addLoginSource(sims.inputs.ingedata);
    expect(await readFile(join(dir, 'secrets.json'), 'utf8')).toContain(DEFAULT_NLPEARL_ACCOUNT.secretKey);
    await svc.handlers.removeLoginSource({ sourceKey: pearl.sourceKey });
    const secretsText = await readFile(join(dir, 'secrets.json'), 'utf8');
    expect(secretsText).not.toContain(DEFAULT_NLPEARL_ACCOUNT.secretKey);
    expect(secretsText).toContain(DEFAULT_PULSE_KEY);
    expect((await svc.handlers.listLoginSources({})).map((s) => s.sourceKey)).toEqual([pulse.sourceKey]);
    await expect(svc.handlers.fetchLoginPage({ sourceKey: pearl.sourceKey, from: sims.start, to: sims.end, cursor: null })).rejects.toMatchObject({
      kind: 'invalid_params', userMessage: expect.stringMatching(/no longer configured/),
    });
    expect(await readFile(join(dir, 'login-sources.json'), 'utf8')).not.toContain(pearl.sourceKey);
  });

  it('adds the three demo sources once, served by the simulators with the planted 2FA change before a withdrawal', async () => {
    const end = Date.UTC(2026, 10, 1);
    const withdrawal = { timestamp: end - 5 * DAY, username: 'SimTrader2026', currency: 'BTC' };
    const earlier = { timestamp: end - 40 * DAY, username: 'SimTrader2026_sub1', currency: 'ETH' };
    const logins = createDemoLoginProvider({ endTime: end, spanMs: 60 * DAY }, async () => [earlier, withdrawal]);
    const { svc } = await services({ demo: { start: () => Promise.reject(new Error('not used')), close: async () => undefined, logins } });
    const sources = await svc.handlers.addDemoLoginSources({});
    expect(sources.map((s) => s.settings.kind).sort()).toEqual(['cloudflare', 'ingedata', 'nlpearl']);
    expect(sources.every((s) => s.demo)).toBe(true);
    expect((await svc.handlers.addDemoLoginSources({})).map((s) => s.sourceKey).sort()).toEqual(sources.map((s) => s.sourceKey).sort());
    expect(await svc.handlers.listLoginSources({})).toHaveLength(3);

    const pearl = sources.find((s) => s.settings.kind === 'nlpearl');
    const around = await pageAll(svc, pearl?.sourceKey ?? '', withdrawal.timestamp - 6 * 3_600_000, withdrawal.timestamp);
    const off = around.events.find((e) => e.kind === '2fa-disabled' && e.timestamp === withdrawal.timestamp - 3 * 3_600_000);
    expect(off?.actor).toBe('Alice Martin');
    const cf = sources.find((s) => s.settings.kind === 'cloudflare');
    const intrusion = await pageAll(svc, cf?.sourceKey ?? '', earlier.timestamp - 3 * 3_600_000, earlier.timestamp);
    const fromNigeria = intrusion.events.filter((e) => e.country === 'NG').sort((a, b) => a.timestamp - b.timestamp);
    expect(fromNigeria.map((e) => e.outcome)).toEqual(['denied', 'denied', 'denied', 'denied', 'denied', 'success']);
    expect(logins.story()?.newCountryBefore).toEqual(earlier);
  });
});
