/**
 * Test harness: the Deribit simulator, the core client at a fast injected limit, and the Dexie store over
 * fake-indexeddb — the same engine the renderer runs, end to end over real HTTP.
 */
import 'fake-indexeddb/auto';
import { expect } from 'vitest';
import { DeribitClient, type DeribitClientOptions } from '../../src/core/providers/deribit/deribit-client';
import { chainKeyOf } from '../../src/core/recon/types';
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

/** A server clock a test can move forward (the simulator's `now`): real time plus `shift`. */
export function movableClock(): { now: () => number; advance: (ms: number) => void } {
  let shift = 0;
  return { now: () => Date.now() + shift, advance: (ms) => void (shift += ms) };
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
  now?: () => number;
  pageSize?: number;
  accessPageSize?: number;
}): Promise<SyncProgress> {
  return runDeribitSync({
    accountKey: params.accountKey ?? 'acc_test',
    source: createClientPageSource(params.client),
    store: params.store ?? createDexieSyncStore(params.db),
    now: params.now ?? (() => Date.now()),
    signal: params.signal,
    onProgress: params.onProgress,
    txIntervalMs: FAST_INTERVAL_MS,
    pageSize: params.pageSize,
    accessPageSize: params.accessPageSize,
  });
}

/** The cache holds exactly the simulator's rows (grid and ledger) and events: same ids, once each, exact text. */
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
  await expectLedgerMatchesTransactions(db);
  const access = sim.truthAccessLog();
  const cachedAccess = await db.accessLog.toArray();
  expect(cachedAccess.map((e) => e.id).sort((a, b) => a - b)).toEqual(access.map((e) => e.id).sort((a, b) => a - b));
  const accessById = new Map(cachedAccess.map((e) => [e.id, e.raw]));
  expect(access.every((e) => accessById.get(e.id) === e.json), 'access events exactly as sent').toBe(true);
  return total;
}

/**
 * The ledger says what the grid says, chain by chain: every cached row once across the ledger's rows
 * pages with the same content, and each column page holds exactly the ids of its rows page.
 */
export async function expectLedgerMatchesTransactions(db: ReconcilerDatabase): Promise<void> {
  const rowsByChain = new Map<string, Map<number, string>>();
  for (const r of await db.transactions.toArray()) {
    const key = chainKeyOf(r);
    const chain = rowsByChain.get(key) ?? new Map<number, string>();
    chain.set(r.id, r.raw);
    rowsByChain.set(key, chain);
  }
  const ledgerByChain = new Map<string, Map<number, string>>();
  const columns = new Map((await db.ledger.toArray()).map((p) => [p.pageKey, p]));
  for (const page of await db.ledgerRows.toArray()) {
    const chain = ledgerByChain.get(page.chainKey) ?? new Map<number, string>();
    for (const row of page.rows) {
      expect(chain.has(row.id), `row ${row.id} twice in the ledger of ${page.chainKey}`).toBe(false);
      chain.set(row.id, row.raw);
    }
    ledgerByChain.set(page.chainKey, chain);
    const column = columns.get(page.pageKey);
    expect([...(column?.ids ?? [])].sort((a, b) => a - b), `ledger columns of ${page.pageKey}`).toEqual(page.rows.map((r) => r.id).sort((a, b) => a - b));
  }
  expect(columns.size).toBe(await db.ledgerRows.count());
  expect([...ledgerByChain.keys()].sort()).toEqual([...rowsByChain.keys()].sort());
  for (const [key, rows] of rowsByChain) {
    const ledger = ledgerByChain.get(key);
    expect(ledger?.size, `ledger rows of ${key}`).toBe(rows.size);
    for (const [id, raw] of rows) expect(ledger?.get(id), `ledger content of row ${id}`).toBe(raw);
  }
}

/**
 * Every table a sync writes, as canonical text (typed arrays and BigInts spelled out, records in key
 * order): two dumps are equal exactly when the cache is byte-for-byte the same.
 */
export async function dumpCache(db: ReconcilerDatabase): Promise<Record<string, string>> {
  const tables = [db.transactions, db.ledger, db.ledgerRows, db.syncState, db.accessLog, db.loginEvents] as const;
  const out: Record<string, string> = {};
  for (const table of tables) {
    const keys = await table.toCollection().primaryKeys();
    const values = await table.toArray();
    out[table.name] = canonical(values.map((value, i) => [keys[i], value]));
  }
  return out;
}

function canonical(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}[${Array.from(value as unknown as ArrayLike<number | bigint>, (v) => String(v)).join(',')}]`;
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return value === undefined ? 'undefined' : JSON.stringify(value);
}
