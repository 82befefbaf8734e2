/**
 * Test harness: the Deribit simulator, the core client at a fast injected limit, and the Dexie store over
 * fake-indexeddb — the same engine the renderer runs, end to end over real HTTP.
 */
import 'fake-indexeddb/auto';
import { expect } from 'vitest';
import { DeribitClient, type DeribitClientOptions } from '../../src/core/providers/deribit/deribit-client';
import { createClientPageSource } from '../../src/core/sync/client-page-source';
import { runDeribitSync } from '../../src/core/sync/deribit-sync';
import type { SyncProgress, SyncStore } from '../../src/core/sync/types';
import { ReconcilerDatabase } from '../../src/renderer/db/database';
import { createDexieSyncStore } from '../../src/renderer/db/dexie-sync-store';
import { DEFAULT_SIM_KEY, startDeribitSim, type DatasetSpec, type DeribitSim, type DeribitSimOptions } from '../sim/deribit/index';

export const FAST_INTERVAL_MS = 15;
const DAY = 86_400_000;
let dbCounter = 0;

export function smallDataset(overrides: Partial<DatasetSpec> = {}): DatasetSpec {
  const endTime = Date.UTC(2026, 9, 1);
  return { seed: 7, subaccounts: 2, currencies: ['BTC', 'ETH', 'USDC'], rowsPerStream: 120, accessLogEvents: 1100, startTime: endTime - 400 * DAY, endTime, ...overrides };
}

export async function startFastSim(options: Partial<DeribitSimOptions> & { dataset: DatasetSpec }): Promise<DeribitSim> {
  return startDeribitSim({ txLogIntervalMs: FAST_INTERVAL_MS, ...options });
}

export function fastClient(sim: DeribitSim, overrides: Partial<DeribitClientOptions> = {}): DeribitClient {
  return new DeribitClient({
    baseUrl: sim.url,
    clientId: DEFAULT_SIM_KEY.clientId,
    clientSecret: DEFAULT_SIM_KEY.clientSecret,
    authMethod: 'client_signature',
    limits: { txLogIntervalMs: FAST_INTERVAL_MS + 3, credit: { capacity: 50_000, refillPerSec: 10_000, cost: 500 } },
    retry: { maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 40 },
    requestTimeoutMs: 2_000,
    ...overrides,
  });
}

export function freshDatabase(): ReconcilerDatabase {
  dbCounter += 1;
  return new ReconcilerDatabase(`test-${process.pid}-${dbCounter}-${Date.now()}`);
}

export async function syncOnce(params: {
  client: DeribitClient;
  db: ReconcilerDatabase;
  store?: SyncStore;
  accountKey?: string;
  signal?: AbortSignal;
  onProgress?: (p: SyncProgress) => void;
}): Promise<SyncProgress> {
  return runDeribitSync({
    accountKey: params.accountKey ?? 'acc_test',
    source: createClientPageSource(params.client),
    store: params.store ?? createDexieSyncStore(params.db),
    now: () => Date.now(),
    signal: params.signal,
    onProgress: params.onProgress,
    txIntervalMs: FAST_INTERVAL_MS,
  });
}

/** The cache holds exactly the simulator's rows: same ids, no duplicates, nothing missing, exact text. */
export async function expectCacheEqualsTruth(db: ReconcilerDatabase, sim: DeribitSim, currencies: readonly string[], accountKey = 'acc_test'): Promise<number> {
  let total = 0;
  for (const user of sim.users) {
    for (const currency of currencies) {
      const truth = sim.truthTransactions(user.userId, currency);
      const cached = await db.transactions
        .where('[userId+currency+userSeq]')
        .between([user.userId, currency, -Infinity], [user.userId, currency, Infinity])
        .toArray();
      expect(cached.map((r) => r.id).sort((a, b) => a - b), `${user.username} ${currency} ids`).toEqual(
        truth.map((t) => t.id).sort((a, b) => a - b),
      );
      const byId = new Map(cached.map((r) => [r.id, r]));
      for (const t of truth) {
        const row = byId.get(t.id);
        expect(row?.balance).toBe(t.balance);
        expect(row?.change).toBe(t.change);
        expect(row?.raw).toBe(t.json);
        expect(row?.accountKey).toBe(accountKey);
      }
      total += truth.length;
    }
  }
  expect(await db.transactions.count()).toBe(total);
  const access = sim.truthAccessLog();
  const cachedAccess = await db.accessLog.toArray();
  expect(cachedAccess.map((e) => e.id).sort((a, b) => a - b)).toEqual(access.map((e) => e.id).sort((a, b) => a - b));
  return total;
}
