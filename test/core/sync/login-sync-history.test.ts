/**
 * Login history covers the money history: a source's first sync reaches back to the oldest cached Deribit
 * row (not a year from today), bounded only by what the provider keeps; the user can reach further back;
 * every run says which window it asked for. Each simulator holds logins 2–3 years old. Real HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LoginAuditConnector } from '../../../src/core/logins/types';
import { describeSourceHistory } from '../../../src/core/logins/source-retention';
import { createCloudflareConnector } from '../../../src/core/providers/cloudflare/index';
import { createIngedataConnector } from '../../../src/core/providers/ingedata';
import { createNlpearlConnector } from '../../../src/core/providers/nlpearl/index';
import { runLoginSync, type LoginStreamState, type RunLoginSyncOptions } from '../../../src/core/sync/login-sync';
import { SIM_TOKEN, startCloudflareSim } from '../../sim/cloudflare/index';
import { DEFAULT_PULSE_KEY, startIngedataSim } from '../../sim/ingedata';
import { startNlpearlSim } from '../../sim/nlpearl/index';
import { MemoryLoginStore } from '../providers/cloudflare/connector-harness';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 7, 9, 0);
/** The account's money history: rows from January 2023 to May 2024, as in the issue. */
const HISTORY_START = Date.UTC(2023, 0, 4);
const LOGINS_FROM = Date.UTC(2023, 0, 5);
const LOGINS_TO = Date.UTC(2024, 4, 21);
const now = (): number => NOW;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

interface Source {
  readonly kind: 'cloudflare' | 'ingedata' | 'nlpearl';
  readonly connector: LoginAuditConnector;
  /** Raw texts of every record the provider still serves. */
  readonly served: () => string[];
  /** How many records the simulator holds in all (retention ignored). */
  readonly count: number;
}

async function cloudflare(retentionMs: number): Promise<Source> {
  const sim = await startCloudflareSim({ dataset: { seed: 4, count: 300, startTime: LOGINS_FROM, endTime: NOW - DAY }, now, retentionMs });
  closers.push(() => sim.close());
  const connector = createCloudflareConnector({ sourceKey: 'cf', accountId: sim.accountId, credentials: { kind: 'api-token', token: SIM_TOKEN }, baseUrl: sim.url, now, random: () => 0, pageSize: 100 });
  return { kind: 'cloudflare', connector, served: () => sim.truth().map((t) => t.json), count: sim.truth({ all: true }).length };
}

async function ingedata(): Promise<Source> {
  const sim = await startIngedataSim({ dataset: { seed: 4, logins: 124, startTime: LOGINS_FROM, endTime: LOGINS_TO }, now, rateLimit: null });
  closers.push(() => sim.close());
  const connector = createIngedataConnector({ sourceKey: 'pulse', apiKey: DEFAULT_PULSE_KEY, baseUrl: sim.url, now, sleep: () => Promise.resolve(), random: () => 0.5, pageSize: 50 });
  return { kind: 'ingedata', connector, served: () => sim.truth().map((t) => t.json), count: 124 };
}

async function nlpearl(): Promise<Source> {
  const sim = await startNlpearlSim({ dataset: { seed: 4, events: 400, startTime: LOGINS_FROM, endTime: LOGINS_TO }, now });
  closers.push(() => sim.close());
  const connector = createNlpearlConnector({ sourceKey: 'nl', baseUrl: sim.url, accountId: sim.account.accountId, secretKey: sim.account.secretKey, now, retry: { baseDelayMs: 5, maxDelayMs: 20 } });
  return { kind: 'nlpearl', connector, served: () => sim.truth().map((r) => r.text), count: sim.truth().length };
}

const run = (source: Source, store: MemoryLoginStore, extra: Partial<RunLoginSyncOptions> = {}) =>
  runLoginSync({ sourceKey: source.kind, source: source.kind, connector: source.connector, store, now, ...extra });

const cachedRaws = (store: MemoryLoginStore): string[] => [...store.events.values()].map((e) => e.raw).sort();

describe('the first sync reaches back to the money history', () => {
  it.each([
    ['ingedata', ingedata],
    ['nlpearl', nlpearl],
    ['cloudflare (a plan keeping 4 years)', () => cloudflare(4 * 365 * DAY)],
  ] as const)('%s: logins 2–3 years old arrive on the first sync', async (_name, open) => {
    const source = await open();
    const store = new MemoryLoginStore();
    const progress = await run(source, store, { historyStart: HISTORY_START });
    expect(progress.phase).toBe('done');
    expect(progress.newEvents).toBe(source.count);
    expect(cachedRaws(store)).toEqual(source.served().sort());
    expect(progress.askedFrom).toBeLessThanOrEqual(HISTORY_START);
    expect(progress.askedTo).toBe(NOW);
    const state = store.state as LoginStreamState;
    expect(state.coveredFrom).toBeLessThanOrEqual(HISTORY_START);
    expect(state.watermark).toBe(NOW);
  });

  it('without a money history the first sync asks for a year, and says so with its 0 events', async () => {
    const source = await ingedata();
    const store = new MemoryLoginStore();
    const progress = await run(source, store);
    expect(progress).toMatchObject({ phase: 'done', newEvents: 0, askedFrom: NOW - 365 * DAY, askedTo: NOW });
  });

  it('Cloudflare (180 days kept): asks back to the history, gets what is kept, and says what is gone', async () => {
    const source = await cloudflare(180 * DAY);
    const store = new MemoryLoginStore();
    const progress = await run(source, store, { historyStart: HISTORY_START });
    expect(progress.phase).toBe('done');
    expect(cachedRaws(store)).toEqual(source.served().sort());
    expect(store.events.size).toBeLessThan(source.count);
    const oldest = Math.min(...[...store.events.values()].map((e) => e.timestamp));
    const words = describeSourceHistory({ kind: 'cloudflare', now: NOW, askedFrom: store.state?.coveredFrom ?? null, oldestEvent: oldest }).join(' ');
    expect(words).toContain('events before 2026-06-10 are gone');
    expect(words).toContain('Asked back to 2023-01-04');
  });
});

describe('reaching further back', () => {
  it('the user extends a synced source back in time: only the older window is read, newer events stay', async () => {
    const source = await nlpearl();
    const store = new MemoryLoginStore();
    const middle = Date.UTC(2024, 0, 1);
    // Synced while the money history started in 2024: events before that were not asked for.
    const first = await run(source, store, { historyStart: middle, lookbackMs: NOW - middle });
    expect(first.askedFrom).toBe(middle);
    const before = store.events.size;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(source.count);
    const second = await run(source, store, { reachBackTo: HISTORY_START, lookbackMs: NOW - middle });
    expect(second.phase).toBe('done');
    expect(second.askedFrom).toBe(HISTORY_START);
    expect(second.newEvents).toBe(source.count - before);
    expect(cachedRaws(store)).toEqual(source.served().sort());
    expect(store.state).toMatchObject({ coveredFrom: HISTORY_START, requestedFrom: HISTORY_START, phase: 'idle' });
    // Nothing more to reach: the next run reads only the recent window.
    const third = await run(source, store, { reachBackTo: HISTORY_START });
    expect(third).toMatchObject({ newEvents: 0, askedTo: NOW });
    expect(third.askedFrom).toBeGreaterThan(NOW - DAY);
  });

  it('a money history that grows older (an older Deribit account synced later) pulls the logins along', async () => {
    const source = await ingedata();
    const store = new MemoryLoginStore();
    await run(source, store, { historyStart: Date.UTC(2024, 2, 1), lookbackMs: 10 * DAY });
    const partial = store.events.size;
    const again = await run(source, store, { historyStart: HISTORY_START, lookbackMs: 10 * DAY });
    expect(again.newEvents).toBe(124 - partial);
    expect(store.events.size).toBe(124);
  });

  it('a state saved before windows could reach back (no coveredFrom) still reaches the money history', async () => {
    const source = await ingedata();
    const store = new MemoryLoginStore();
    const legacy: LoginStreamState = {
      streamKey: 'login|ingedata', sourceKey: 'ingedata', source: 'ingedata', phase: 'idle', windowStart: NOW - 400 * DAY, windowEnd: NOW - DAY,
      cursor: null, watermark: NOW - DAY, eventsStored: 0, pagesFetched: 3, lastSyncedAt: NOW - DAY, lastError: null, notes: [],
    };
    store.state = legacy;
    const progress = await run(source, store, { historyStart: HISTORY_START });
    expect(progress.askedFrom).toBe(HISTORY_START);
    expect(store.events.size).toBe(124);
  });

  it('a cancelled reach-back resumes where it stopped', async () => {
    const source = await nlpearl();
    const store = new MemoryLoginStore();
    const middle = Date.UTC(2024, 0, 1);
    await run(source, store, { historyStart: middle, lookbackMs: NOW - middle });
    const controller = new AbortController();
    let pages = 0;
    const cancelled = await run(source, store, {
      reachBackTo: HISTORY_START, signal: controller.signal, onProgress: () => (++pages === 3 ? controller.abort() : undefined),
    });
    expect(cancelled.phase).toBe('cancelled');
    expect(store.state?.requestedFrom).toBe(HISTORY_START);
    const resumed = await run(source, store);
    expect(resumed.phase).toBe('done');
    expect(cachedRaws(store)).toEqual(source.served().sort());
  });
});
