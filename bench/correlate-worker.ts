/// <reference lib="dom" />
/**
 * correlate_1m_x_100k_ms measured IN the app's worker, in Chromium, over a Dexie cache: the same
 * 1,000,000 ledger rows (4,000 pages of 250, valid chains) and 100,000 login events as bench/correlate.ts
 * (its generator), written into the app's IndexedDB (the events also as the login store's compact columns,
 * one record per 1,000-event sync page), then one `correlate` request to the built worker. The
 * figure is the worker's own elapsed time: reading every ledger page and every event from IndexedDB,
 * selectMovements, correlate and the incident grouping. A second, unchanged request shows what the
 * in-memory cache costs. Then a full reconciliation over the same rows on a fresh worker gives
 * reconcile_1m_same_rows_ms and correlate_vs_reconcile_ratio (target ≤ 2.0).
 */
import { resolve } from 'node:path';
import { eventColumnsOf, type LoginEventColumns } from '../src/core/correlate/event-columns';
import type { LoginEvent } from '../src/core/logins/types';
import type { LedgerPage } from '../src/core/recon/types';
import { builtWorkerFile, openBenchBrowser } from './bench-browser';
import { buildEvents, buildPages } from './correlate';

const PAGES_PER_CHUNK = 200;
const EVENTS_PER_CHUNK = 10_000;
/** A login sync page (Cloudflare, Ingedata and the Deribit access log ask for 1,000 events). */
const EVENTS_PER_SYNC_PAGE = 1000;

/** A ledger page as plain JSON (bigints as text) for the trip into the page. */
interface WirePage extends Omit<LedgerPage, 'ids' | 'userSeqs' | 'timestamps' | 'kindCodes' | 'changes' | 'balances' | 'commissions' | 'otherUserIds'> {
  readonly ids: number[];
  readonly userSeqs: number[];
  readonly timestamps: number[];
  readonly kindCodes: number[];
  readonly changes: string[];
  readonly balances: string[];
}

/** A login-event columns record as plain JSON for the trip into the page. */
interface WireColumns extends Omit<LoginEventColumns, 'timestamps' | 'codes'> {
  readonly timestamps: number[];
  readonly codes: number[];
}

/**
 * The columns records the login store writes for these events: one per sync page of one source, each page
 * the next 1,000 events walking back in time (newest first, as the access log and Cloudflare are paged).
 */
function columnRecordsOf(events: readonly LoginEvent[]): WireColumns[] {
  const bySource = new Map<string, LoginEvent[]>();
  for (const e of events) {
    const group = bySource.get(e.sourceKey);
    if (group) group.push(e);
    else bySource.set(e.sourceKey, [e]);
  }
  const records: WireColumns[] = [];
  for (const group of bySource.values()) {
    group.sort((x, y) => y.timestamp - x.timestamp || (x.key < y.key ? 1 : x.key > y.key ? -1 : 0));
    for (let i = 0; i < group.length; i += EVENTS_PER_SYNC_PAGE) {
      for (const c of eventColumnsOf(group.slice(i, i + EVENTS_PER_SYNC_PAGE))) records.push({ ...c, timestamps: [...c.timestamps], codes: [...c.codes] });
    }
  }
  return records;
}

const toWire = (p: LedgerPage): WirePage => ({
  pageKey: p.pageKey, chainKey: p.chainKey, accountKey: p.accountKey, userId: p.userId, currency: p.currency, count: p.count,
  minId: p.minId, maxId: p.maxId, minTimestamp: p.minTimestamp, maxTimestamp: p.maxTimestamp, kindNames: p.kindNames, scale: p.scale,
  ips: p.ips, texts: null, ids: [...p.ids], userSeqs: [...p.userSeqs], timestamps: [...p.timestamps], kindCodes: [...p.kindCodes], changes: [...p.changes].map(String),
  balances: [...p.balances].map(String),
});

export async function benchCorrelateWorker(staticDir = resolve(process.env.RENDERER_DIR ?? 'out/renderer')): Promise<{ name: string; value: number; unit: string }[]> {
  const workerFile = builtWorkerFile(staticDir);
  const { page, close } = await openBenchBrowser('corr', staticDir);
  try {

    const pages = buildPages();
    const events = buildEvents();
    const fillStarted = Date.now();
    for (let i = 0; i < pages.length; i += PAGES_PER_CHUNK) await page.evaluate(putLedgerPages, pages.slice(i, i + PAGES_PER_CHUNK).map(toWire));
    for (let i = 0; i < events.length; i += EVENTS_PER_CHUNK) await page.evaluate(putLoginEvents, events.slice(i, i + EVENTS_PER_CHUNK));
    await page.evaluate(putLoginEventColumns, columnRecordsOf(events));
    const fillMs = Date.now() - fillStarted;

    const request = { accountKeys: [...new Set(pages.map((p) => p.accountKey))], settings: { windowHours: 24, lossThresholds: [['BTC', '1'], ['ETH', '1'], ['USDC', '1']] } };
    const first = await page.evaluate(runInWorker, { url: `assets/${workerFile}`, request, times: 2 });
    const [cold, warm] = first;
    if (cold === undefined || warm === undefined) throw new Error('the worker did not answer');
    // The reconciliation over the same 1M rows, on a worker started just now (nothing in memory).
    const reconcile = await page.evaluate(reconcileInWorker, { url: `assets/${workerFile}`, request: { accountKeys: request.accountKeys, mode: 'full' } });
    if (reconcile.rowsRead !== cold.rowsScanned) throw new Error(`the reconciliation read ${reconcile.rowsRead} rows, the correlation ${cold.rowsScanned}`);
    return [
      { name: 'correlate_1m_x_100k_ms', value: Number(cold.elapsedMs.toFixed(1)), unit: 'ms' },
      { name: 'reconcile_1m_same_rows_ms', value: Number(reconcile.elapsedMs.toFixed(1)), unit: 'ms' },
      { name: 'correlate_vs_reconcile_ratio', value: Number((cold.elapsedMs / reconcile.elapsedMs).toFixed(2)), unit: 'ratio' },
      { name: 'correlate_worker_ledger_read_select_ms', value: Number(cold.phaseMs.movements.toFixed(1)), unit: 'ms' },
      { name: 'correlate_worker_ledger_read_wait_ms', value: Number(cold.ledgerReadWaitMs.toFixed(1)), unit: 'ms' },
      { name: 'correlate_worker_ledger_select_ms', value: Number(cold.ledgerSelectMs.toFixed(1)), unit: 'ms' },
      { name: 'correlate_worker_events_read_ms', value: Number(cold.phaseMs.events.toFixed(1)), unit: 'ms' },
      { name: 'correlate_worker_correlate_ms', value: Number(cold.phaseMs.findings.toFixed(1)), unit: 'ms' },
      { name: 'correlate_worker_cached_ms', value: Number(warm.elapsedMs.toFixed(1)), unit: 'ms' },
      { name: 'correlate_worker_round_trip_cached_ms', value: Number(warm.roundTripMs.toFixed(1)), unit: 'ms' },
      { name: 'correlate_worker_rows_scanned', value: cold.rowsScanned, unit: 'rows' },
      { name: 'correlate_worker_events_read', value: cold.eventsRead, unit: 'events' },
      { name: 'correlate_worker_findings', value: cold.findings, unit: 'findings' },
      { name: 'correlate_worker_incidents', value: cold.incidents, unit: 'incidents' },
      { name: 'correlate_worker_cache_fill_ms', value: fillMs, unit: 'ms' },
    ];
  } finally {
    await close();
  }
}


/** Runs in the page: ledger pages with typed columns, exactly as the sync store writes them. Self-contained. */
async function putLedgerPages(wire: WirePage[]): Promise<void> {
  const db = await new Promise<IDBDatabase>((res, rej) => {
    const req = indexedDB.open('deribit-reconciler');
    req.onsuccess = () => res(req.result);
    req.onerror = () => rej(req.error);
  });
  await new Promise<void>((res, rej) => {
    const tx = db.transaction('ledger', 'readwrite', { durability: 'relaxed' });
    for (const p of wire) {
      const n = p.count;
      tx.objectStore('ledger').put({
        ...p,
        ids: Float64Array.from(p.ids), userSeqs: Float64Array.from(p.userSeqs), timestamps: Float64Array.from(p.timestamps), kindCodes: Uint8Array.from(p.kindCodes),
        changes: BigInt64Array.from(p.changes.map((c) => BigInt(c))), balances: BigInt64Array.from(p.balances.map((b) => BigInt(b))), commissions: new BigInt64Array(n), otherUserIds: new Float64Array(n).fill(-1),
      });
    }
    tx.oncomplete = () => res();
    tx.onerror = () => rej(tx.error);
  });
  db.close();
}

async function putLoginEvents(events: LoginEvent[]): Promise<void> {
  const db = await new Promise<IDBDatabase>((res, rej) => {
    const req = indexedDB.open('deribit-reconciler');
    req.onsuccess = () => res(req.result);
    req.onerror = () => rej(req.error);
  });
  await new Promise<void>((res, rej) => {
    const tx = db.transaction('loginEvents', 'readwrite', { durability: 'relaxed' });
    for (const e of events) tx.objectStore('loginEvents').put(e);
    tx.oncomplete = () => res();
    tx.onerror = () => rej(tx.error);
  });
  db.close();
}

/** Runs in the page: the compact login-event columns (schema v6) with typed arrays, as the login store writes them. */
async function putLoginEventColumns(records: WireColumns[]): Promise<void> {
  const db = await new Promise<IDBDatabase>((res, rej) => {
    const req = indexedDB.open('deribit-reconciler');
    req.onsuccess = () => res(req.result);
    req.onerror = () => rej(req.error);
  });
  await new Promise<void>((res, rej) => {
    const tx = db.transaction('loginEventColumns', 'readwrite', { durability: 'relaxed' });
    for (const r of records) tx.objectStore('loginEventColumns').add({ ...r, timestamps: Float64Array.from(r.timestamps), codes: Int32Array.from(r.codes) });
    tx.oncomplete = () => res();
    tx.onerror = () => rej(tx.error);
  });
  db.close();
}

/** Runs in the page: the built worker, `times` identical correlate requests, the worker's own figures. */
interface WorkerFigures {
  elapsedMs: number;
  roundTripMs: number;
  phaseMs: { movements: number; events: number; findings: number };
  ledgerReadWaitMs: number;
  ledgerSelectMs: number;
  rowsScanned: number;
  eventsRead: number;
  findings: number;
  incidents: number;
}

async function runInWorker(args: { url: string; request: unknown; times: number }): Promise<WorkerFigures[]> {
  const worker = new Worker(new URL(args.url, location.href), { type: 'module' });
  const results: WorkerFigures[] = [];
  for (let id = 1; id <= args.times; id++) {
    const sent = performance.now();
    const outcome = await new Promise<Omit<WorkerFigures, 'findings' | 'incidents' | 'roundTripMs'> & { findings: unknown[]; incidents: unknown[] }>((res, rej) => {
      const onMessage = (event: MessageEvent<{ id: number; type: string; result?: unknown; message?: string }>): void => {
        if (event.data.id !== id) return;
        if (event.data.type === 'result') res(event.data.result as Omit<WorkerFigures, 'findings' | 'incidents' | 'roundTripMs'> & { findings: unknown[]; incidents: unknown[] });
        else if (event.data.type === 'error') rej(new Error(event.data.message));
        else return;
        worker.removeEventListener('message', onMessage);
      };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', (e) => rej(new Error(e.message)));
      worker.postMessage({ id, type: 'correlate', body: args.request });
    });
    const roundTripMs = performance.now() - sent;
    const { elapsedMs, phaseMs, ledgerReadWaitMs, ledgerSelectMs, rowsScanned, eventsRead } = outcome;
    results.push({ elapsedMs, phaseMs, ledgerReadWaitMs, ledgerSelectMs, rowsScanned, eventsRead, roundTripMs, findings: outcome.findings.length, incidents: outcome.incidents.length });
  }
  worker.terminate();
  return results;
}

/** Runs in the page: one full reconciliation on a fresh worker; its own elapsed time and rows read. */
async function reconcileInWorker(args: { url: string; request: unknown }): Promise<{ elapsedMs: number; rowsRead: number }> {
  const worker = new Worker(new URL(args.url, location.href), { type: 'module' });
  try {
    return await new Promise((res, rej) => {
      worker.addEventListener('message', (event: MessageEvent<{ id: number; type: string; result?: { elapsedMs: number; rowsRead: number }; message?: string }>) => {
        if (event.data.type === 'result' && event.data.result) res({ elapsedMs: event.data.result.elapsedMs, rowsRead: event.data.result.rowsRead });
        else if (event.data.type === 'error') rej(new Error(event.data.message));
      });
      worker.addEventListener('error', (e) => rej(new Error(e.message)));
      worker.postMessage({ id: 1, type: 'reconcile', body: args.request });
    });
  } finally {
    worker.terminate();
  }
}

// `tsx bench/correlate-worker.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const { name, value, unit } of await benchCorrelateWorker()) console.log(JSON.stringify({ name, value, unit }));
  process.exit(0);
}
