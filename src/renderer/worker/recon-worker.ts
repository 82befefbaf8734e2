/// <reference lib="webworker" />
/**
 * The reconciliation Web Worker: opens the same Dexie database as the page and answers the typed
 * protocol (protocol.ts). All logic lives in plain modules (tested in Node over fake-indexeddb); this
 * entry only routes messages, streams export chunks as transferable UTF-8 buffers and tracks cancels.
 */
import { DATABASE_NAME, ReconcilerDatabase } from '../db/database';
import type { CorrelationMemory } from './correlate-accounts';
import { exportPeriod } from './export-stream';
import { readHistoryBounds } from './period-bounds';
import { ChainColumnsCache } from './ledger-reader';
import { inlineDigest, ParallelDigest } from './parallel-digest';
import { helperPays, WorkerEncodeHelper } from './export-split';
import { FirstScreenGate } from './first-screen-gate';
import { buildOverview } from './overview';
import { fundingByMonth } from './overview-funding';
import { summarizeAccounts } from './period-summaries';
import { CancelledError, type RequestChannel, type WorkerRequest, type WorkerResponse } from './protocol';
import { reconcileAccounts, type ReconcileDeps } from './reconcile-accounts';
import { tieOutChains } from './tie-out-chains';
import { matchWallet } from './wallet-check';
import { listChains } from './chain-catalog';
import { loadUsdPrices, usdTotalsOf } from './usd-prices';

declare const self: DedicatedWorkerGlobalScope;

const db = new ReconcilerDatabase(DATABASE_NAME);
const deps: ReconcileDeps = {
  db,
  columns: new ChainColumnsCache(db),
  now: () => performance.now(),
  // Hash an export's rows on another core while this thread reads and encodes them (here, where no
  // nested worker can be started).
  newRowsDigest: () => {
    try {
      return new ParallelDigest(new Worker(new URL('./digest-worker.ts', import.meta.url), { type: 'module', name: 'export digest' }));
    } catch {
      return inlineDigest();
    }
  },
  // Encode a share of a large export's rows on a thread of its own too; none when it cannot be started,
  // nor where it does not pay (helperPays).
  exportSplit: {
    newHelper: ({ forced, digestEngine }) => {
      if (!forced && !helperPays(self.navigator.hardwareConcurrency || 1, digestEngine)) return null;
      try {
        return new WorkerEncodeHelper(new Worker(new URL('./export-encode-worker.ts', import.meta.url), { type: 'module', name: 'export encoder' }));
      } catch {
        return null;
      }
    },
  },
};
/**
 * Correlation (with its country and place tables, most of this worker's code) is loaded on its first
 * request, so the first screen's requests start without waiting for it to be parsed.
 */
let correlationMemory: CorrelationMemory | null = null;
const cancelled = new Set<number>();
const encoder = new TextEncoder();

const post = (message: WorkerResponse, transfer: Transferable[] = []): void => self.postMessage(message, transfer);

function channelFor(id: number): RequestChannel {
  return {
    progress: (progress) => post({ id, type: 'progress', progress }),
    chunk: (data) => {
      const bytes = typeof data === 'string' ? encoder.encode(data) : data;
      // Read the length first: a transferred buffer reads as empty afterwards.
      const length = bytes.byteLength;
      // Handed over (RequestChannel.chunk): its buffer is transferred, never copied, even when the bytes
      // fill only part of it (an encoder's batch buffer).
      post({ id, type: 'chunk', bytes: bytes as Uint8Array<ArrayBuffer> }, [bytes.buffer]);
      return length;
    },
    isCancelled: () => cancelled.has(id),
  };
}

const gate = new FirstScreenGate();
const BACKGROUND: ReadonlySet<WorkerRequest['type']> = new Set(['correlate', 'reconcile', 'overviewFunding']);

async function handle(request: Exclude<WorkerRequest, { type: 'cancel' }>): Promise<WorkerResponse> {
  if (request.type === 'overview') return gate.first(() => route(request));
  return BACKGROUND.has(request.type) ? gate.background(() => route(request)) : route(request);
}

async function route(request: Exclude<WorkerRequest, { type: 'cancel' }>): Promise<WorkerResponse> {
  const channel = channelFor(request.id);
  const id = request.id;
  switch (request.type) {
    case 'reconcile':
      return { id, type: 'result', request: 'reconcile', result: await reconcileAccounts(deps, request.body, channel) };
    case 'correlate': {
      const { correlateAccounts, CorrelationMemory } = await import('./correlate-accounts');
      correlationMemory ??= new CorrelationMemory();
      return { id, type: 'result', request: 'correlate', result: await correlateAccounts({ db, memory: correlationMemory, now: () => performance.now() }, request.body, channel) };
    }
    case 'tieOut':
      return { id, type: 'result', request: 'tieOut', result: await tieOutChains(db, request.body) };
    case 'walletMatch':
      return { id, type: 'result', request: 'walletMatch', result: await matchWallet(db, request.body) };
    case 'summaries': {
      const { summaries } = await summarizeAccounts(deps, request.body, channel);
      return { id, type: 'result', request: 'summaries', result: { summaries } };
    }
    case 'export':
      return { id, type: 'result', request: 'export', result: await exportPeriod(deps, request.body, channel) };
    case 'bounds':
      return { id, type: 'result', request: 'bounds', result: { bounds: await readHistoryBounds(db, request.body.accountKeys) } };
    case 'usdSummary': {
      const chains = await listChains(db, request.body.accountKeys);
      const prices = await loadUsdPrices(db, request.body.accountKeys, chains);
      const summary = await usdTotalsOf(deps, chains, request.body.period, prices.valuer, channel);
      return { id, type: 'result', request: 'usdSummary', result: { summary, coverage: prices.coverage, source: prices.source, missing: prices.missing } };
    }
    case 'overview':
      return { id, type: 'result', request: 'overview', result: await buildOverview(deps, request.body, channel) };
    case 'overviewFunding':
      return { id, type: 'result', request: 'overviewFunding', result: await fundingByMonth(deps, request.body, channel) };
  }
}

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === 'cancel') {
    cancelled.add(request.target);
    return;
  }
  handle(request).then(
    (response) => post(response),
    (error: unknown) =>
      post({
        id: request.id,
        type: 'error',
        message: error instanceof Error ? error.message : String(error),
        cancelled: error instanceof CancelledError,
      }),
  ).finally(() => cancelled.delete(request.id));
});
