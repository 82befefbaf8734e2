/**
 * deribit_sync_efficiency and deribit_sync_requests_over_minimum: a 20,000-row single-currency history,
 * simulator latency 50 ms, at Deribit's real limit (1 transaction-log request per second, enforced by
 * the simulator too). Efficiency = rows per second / the 250 rows/s bound.
 */
import 'fake-indexeddb/auto';
import { DeribitClient } from '../src/core/providers/deribit/deribit-client';
import { createClientPageSource } from '../src/core/sync/client-page-source';
import { runDeribitSync } from '../src/core/sync/deribit-sync';
import { ReconcilerDatabase } from '../src/renderer/db/database';
import { createDexieSyncStore } from '../src/renderer/db/dexie-sync-store';
import { DEFAULT_SIM_KEY, startDeribitSim } from '../test/sim/deribit/index';
import { report } from './bench-output';

const ROWS = 20_000;

export async function benchSyncEfficiency(): Promise<void> {
  const endTime = Date.UTC(2026, 9, 1);
  const sim = await startDeribitSim({
    dataset: { seed: 11, subaccounts: 0, currencies: ['BTC'], rowsPerStream: ROWS, accessLogEvents: 0, startTime: endTime - 3 * 365 * 86_400_000, endTime },
    latencyMs: 50,
  });
  try {
    const rows = sim.truthTransactions(sim.mainUserId, 'BTC').length;
    const client = new DeribitClient({ baseUrl: sim.url, clientId: DEFAULT_SIM_KEY.clientId, clientSecret: DEFAULT_SIM_KEY.clientSecret, authMethod: 'client_signature' });
    const db = new ReconcilerDatabase(`bench-sync-${Date.now()}`);
    const result = await runDeribitSync({
      accountKey: 'bench', source: createClientPageSource(client), store: createDexieSyncStore(db), now: () => Date.now(),
    });
    if (result.phase !== 'done') throw new Error(`sync ended ${result.phase}: ${result.message}`);
    const tx = sim.requests().filter((r) => r.method === 'private/get_transaction_log');
    const first = tx[0]?.startedAt ?? 0;
    const last = tx[tx.length - 1]?.startedAt ?? 0;
    // Time from the first page request to the last page committed.
    const elapsedMs = Date.now() - first;
    const cached = await db.transactions.count();
    if (cached !== rows) throw new Error(`cached ${cached} rows, simulator has ${rows}`);
    const rowsPerSecond = rows / (elapsedMs / 1000);
    report('deribit_sync_efficiency', rowsPerSecond / 250, 'ratio', { rows, requests: tx.length, elapsed_ms: elapsedMs, rows_per_s: Number(rowsPerSecond.toFixed(1)), first_to_last_request_ms: last - first, latency_ms: 50, rate_limited_answers: tx.filter((r) => r.errorCode === 10028).length });
    report('deribit_sync_requests_over_minimum', tx.length - Math.ceil(rows / 250), 'requests', { requests: tx.length, minimum: Math.ceil(rows / 250) });
    db.close();
  } finally {
    await sim.close();
  }
}
