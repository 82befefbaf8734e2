/**
 * deribit_sync_efficiency, deribit_sync_requests_over_minimum and deribit_min_server_gap_ms: a 20,000-row
 * single-currency history, simulator latency 50 ± 40 ms per request (half of it on the way in, so arrivals
 * scatter like a real network scatters them), at Deribit's real limit (1 transaction-log request per
 * second, enforced by the simulator too). Efficiency = rows per second / the 250 rows/s bound. The client
 * paces through the account limiter the main process uses. Throws when two transaction-log requests
 * arrived less than 1,000 ms apart at the server or any 10028 came back: a fast sync that breaks the limit
 * is no result.
 */
import 'fake-indexeddb/auto';
import { DeribitClient } from '../src/core/providers/deribit/deribit-client';
import { createAccountLimiterPool } from '../src/main/services/account-rate-limits';
import { createClientPageSource } from '../src/core/sync/client-page-source';
import { runDeribitSync } from '../src/core/sync/deribit-sync';
import { ReconcilerDatabase } from '../src/renderer/db/database';
import { createDexieSyncStore } from '../src/renderer/db/dexie-sync-store';
import { DEFAULT_SIM_KEY, startDeribitSim } from '../test/sim/deribit/index';
import { report } from './bench-output';

const ROWS = 20_000;
const LATENCY_MS = 50;
const JITTER_MS = 40;
const LIMIT_MS = 1000;

export async function benchSyncEfficiency(): Promise<void> {
  const endTime = Date.UTC(2026, 9, 1);
  const sim = await startDeribitSim({
    dataset: { seed: 11, subaccounts: 0, currencies: ['BTC'], rowsPerStream: ROWS, accessLogEvents: 0, startTime: endTime - 3 * 365 * 86_400_000, endTime },
    latencyMs: LATENCY_MS,
    latencyJitterMs: JITTER_MS,
    txLogIntervalMs: LIMIT_MS,
  });
  try {
    const rows = sim.truthTransactions(sim.mainUserId, 'BTC').length;
    const scheduler = createAccountLimiterPool().limiterFor('bench');
    const client = new DeribitClient({ baseUrl: sim.url, clientId: DEFAULT_SIM_KEY.clientId, clientSecret: DEFAULT_SIM_KEY.clientSecret, authMethod: 'client_signature', scheduler });
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
    // Arrival stamps are the answers' usIn (the simulator logs them on the same clock).
    const gaps = tx.slice(1).map((r, i) => r.startedAt - (tx[i]?.startedAt ?? 0));
    const minGap = Math.min(...gaps);
    const rateLimited = sim.requests().filter((r) => r.errorCode === 10028).length;
    const latency = `${LATENCY_MS} ± ${JITTER_MS}`;
    report('deribit_sync_efficiency', rowsPerSecond / 250, 'ratio', { rows, requests: tx.length, elapsed_ms: elapsedMs, rows_per_s: Number(rowsPerSecond.toFixed(1)), first_to_last_request_ms: Number((last - first).toFixed(1)), latency_ms: latency, rate_limited_answers: rateLimited });
    report('deribit_sync_requests_over_minimum', tx.length - Math.ceil(rows / 250), 'requests', { requests: tx.length, minimum: Math.ceil(rows / 250) });
    const stats = scheduler.txLogStats();
    report('deribit_min_server_gap_ms', minGap, 'ms', {
      limit_ms: LIMIT_MS, mean_gap_ms: Number((gaps.reduce((a, b) => a + b, 0) / gaps.length).toFixed(1)), latency_ms: latency,
      gaps_below_limit: gaps.filter((g) => g < LIMIT_MS).length, final_margin_ms: Number(stats.marginMs.toFixed(1)),
    });
    if (rateLimited > 0) throw new Error(`${rateLimited} answers were 10028 too_many_requests`);
    if (minGap < LIMIT_MS) throw new Error(`two transaction-log requests arrived ${minGap.toFixed(2)} ms apart (limit ${LIMIT_MS} ms)`);
    db.close();
  } finally {
    await sim.close();
  }
}
