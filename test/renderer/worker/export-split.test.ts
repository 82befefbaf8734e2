/**
 * An export's rows shared with a second thread (export-split.ts) give the bytes one thread gives, in
 * every format: Node has no Worker, so the second thread is the in-process stand-in (the same runner
 * the worker runs, fed structured clones). Whole history of the simulator (three years, BTC, ETH, USDC,
 * two subaccounts, swaps, transfers), prices downloaded from its public method, jobs of one page each
 * so that every chain is cut into several jobs.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodForRange } from '../../../src/core/recon/period';
import type { ReconcilerDatabase } from '../../../src/renderer/db/database';
import { downloadPrices } from '../../../src/renderer/prices/price-download';
import { exportPeriod, type ExportRequest } from '../../../src/renderer/worker/export-stream';
import { helperPays, inProcessEncodeHelper, type EncodeHelper } from '../../../src/renderer/worker/export-split';
import { ChainColumnsCache } from '../../../src/renderer/worker/ledger-reader';
import { CancelledError } from '../../../src/renderer/worker/protocol';
import type { ReconcileDeps } from '../../../src/renderer/worker/reconcile-accounts';
import { DeribitClient } from '../../../src/core/providers/deribit/deribit-client';
import type { AccountInfo } from '../../../src/shared/contract';
import type { DeribitSim } from '../../sim/deribit/index';
import { fastClient, freshDatabase, smallDataset, startFastSim, syncOnce } from '../../support/sync-harness';
import { collectingChannel } from '../../support/collecting-channel';

const ACCOUNT = 'deribit-split';
const START = Date.UTC(2023, 11, 1);
const END = Date.UTC(2026, 2, 1);
const WHOLE = periodForRange('2023-12-01', '2026-02-28', 'UTC');

let sim: DeribitSim;
let db: ReconcilerDatabase;
let serial: ReconcileDeps;

/**
 * Counts what the helper was given; `fail` makes it fail a job: at once, or once some of that job's
 * bytes went out (`sent`, the chunks the export sent so far, tells when).
 */
function countingHelper(options: { fail?: 'at-once' | 'after-bytes'; failJob?: number; sent?: () => number } = {}) {
  const stats = { helpers: 0, jobs: 0, disposed: 0, engines: [] as string[] };
  const newHelper = (asked?: { readonly digestEngine: string }): EncodeHelper => {
    stats.helpers++;
    stats.engines.push(asked?.digestEngine ?? 'not said');
    const inner = inProcessEncodeHelper(db);
    return {
      setup: (setup) => inner.setup(setup),
      run(job, onBytes) {
        const n = stats.jobs++;
        if (options.fail === 'at-once' && n === (options.failJob ?? 0)) return Promise.reject(new Error('helper gone'));
        if (options.fail === 'after-bytes' && n === (options.failJob ?? 0)) {
          const sent = options.sent ?? (() => 0);
          let before = 0;
          // Fails only once its bytes went out: a job whose bytes still wait here is simply done again.
          return inner.run(job, (bytes, rows) => {
            before = sent();
            onBytes(bytes, rows);
          }).then(async () => {
            while (sent() <= before) await new Promise((resolve) => setTimeout(resolve, 1));
            throw new Error('helper crashed');
          });
        }
        return inner.run(job, onBytes);
      },
      dispose() {
        stats.disposed++;
        inner.dispose();
      },
    };
  };
  return { stats, newHelper };
}

function splitDeps(newHelper: () => EncodeHelper | null): ReconcileDeps {
  return { ...serial, exportSplit: { newHelper, pagesPerJob: 1, minRows: 0 } };
}

type Options = Omit<ExportRequest, 'accountKeys' | 'period' | 'accountLabels'>;

async function exportWith(deps: ReconcileDeps, options: Options, stored = false, channel = collectingChannel()) {
  const { ch, bytes } = channel;
  const request = { accountKeys: [ACCOUNT], period: WHOLE, accountLabels: [[ACCOUNT, 'Split sim']] as [string, string][], ...options };
  // `stored`: a zip too large to deflate (above COMPRESS_MAX_ROWS), as a million-row export's.
  const outcome = await exportPeriod(deps, request, ch, stored ? { compressMaxRows: 0 } : {});
  const { timing: _timing, ...rest } = outcome;
  return { outcome: rest, bytes: bytes() };
}

beforeAll(async () => {
  sim = await startFastSim({ dataset: smallDataset({ rowsPerStream: 400, accessLogEvents: 5, startTime: START, endTime: END }) });
  db = freshDatabase();
  serial = { db, columns: new ChainColumnsCache(db), now: () => performance.now() };
  await syncOnce({ client: fastClient(sim), db, accountKey: ACCOUNT });
  const account = {
    accountKey: ACCOUNT, label: 'Split sim', environment: 'custom', baseUrl: sim.url, mainUserId: sim.mainUserId, username: 'main',
    keys: [], syncKeyId: null, scope: null, addedAt: 0, demo: false,
  } as unknown as AccountInfo;
  await db.accounts.put(account);
  const publicClient = new DeribitClient({ baseUrl: sim.url, clientId: '', clientSecret: '', retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 } });
  const prices = await downloadPrices(db, [account], (a) => publicClient.getDeliveryPrices(a.indexName, a.offset, a.count), { pageSize: 400 });
  expect(prices.errors).toEqual([]);
}, 60_000);

afterAll(async () => {
  db.close();
  await sim.close();
});

/** Each file, and how many jobs the helper is given (whichever thread is free takes the next job). */
const FILES: readonly [string, Options, boolean, (jobs: number) => boolean][] = [
  ['transactions CSV', { format: 'transactions-csv' }, false, (jobs) => jobs > 3],
  ['summary CSV', { format: 'summary-csv' }, false, (jobs) => jobs === 0],
  // Jobs are whole users (main and two subaccounts): the helper holds two jobs at once, this thread takes the third.
  ['Koinly CSV', { format: 'koinly-csv' }, false, (jobs) => jobs >= 1 && jobs <= 2],
  ['CoinTracking CSV', { format: 'cointracking-csv' }, false, (jobs) => jobs >= 1 && jobs <= 2],
  ['Beancount standalone', { format: 'beancount', beancountLayout: 'standalone' }, false, (jobs) => jobs === 0],
  ['Beancount continuing', { format: 'beancount', beancountLayout: 'continuation' }, false, (jobs) => jobs === 0],
  ['transactions CSV zipped with its sidecar, stored', { format: 'transactions-csv', zip: true }, true, (jobs) => jobs > 3],
  ['transactions CSV zipped with its sidecar, deflated (one thread)', { format: 'transactions-csv', zip: true }, false, (jobs) => jobs === 0],
  ['transactions CSV per wallet (zip, stored)', { format: 'transactions-csv', perWallet: true }, true, (jobs) => jobs > 3],
  // One user a file: one job each, nothing to share.
  ['Koinly per wallet (zip, stored)', { format: 'koinly-csv', perWallet: true }, true, (jobs) => jobs === 0],
  ['CoinTracking per wallet (zip, deflated)', { format: 'cointracking-csv', perWallet: true }, false, (jobs) => jobs === 0],
  ['Beancount per wallet (zip, stored)', { format: 'beancount', perWallet: true }, true, (jobs) => jobs === 0],
];

describe('an export split between two threads', () => {
  it('the history has what makes the formats carry state across rows and chains (swaps, own transfers, several users and currencies)', async () => {
    const { bytes } = await exportWith(serial, { format: 'transactions-csv' });
    const text = bytes.toString('utf8');
    expect(text.split('\r\n').length).toBeGreaterThan(3000);
    for (const kind of [',swap,', ',transfer,', ',deposit,', ',trade-future,']) expect(text).toContain(kind);
  });

  it.each(FILES)('%s: the same bytes, sidecar and sha256 as on one thread', async (_name, options, stored, helperJobs) => {
    const one = await exportWith(serial, options, stored);
    const { stats, newHelper } = countingHelper();
    const two = await exportWith(splitDeps(newHelper), options, stored);
    expect(two.bytes.equals(one.bytes)).toBe(true);
    expect(two.outcome).toEqual(one.outcome);
    expect(helperJobs(stats.jobs), `${stats.jobs} jobs`).toBe(true);
    expect(stats.disposed).toBe(stats.helpers);
  });

  it('a helper that fails a job before sending any of it: that job and the rest are done here, the same bytes', async () => {
    const one = await exportWith(serial, { format: 'koinly-csv' });
    const { stats, newHelper } = countingHelper({ fail: 'at-once', failJob: 0 });
    const two = await exportWith(splitDeps(newHelper), { format: 'koinly-csv' });
    expect(two.bytes.equals(one.bytes)).toBe(true);
    expect(two.outcome).toEqual(one.outcome);
    // Its two jobs (the failed one and the one it held next) were done here; it got no more.
    expect(stats.jobs).toBe(2);
  });

  it('the helper is asked for with the engine of the file\'s digest, once it started', async () => {
    const { stats, newHelper } = countingHelper();
    await exportWith(splitDeps(newHelper), { format: 'transactions-csv' });
    // Node tests digest inline, with the JavaScript SHA-256.
    expect(stats.engines).toEqual(['js']);
  });

  it('a second thread pays from 4 cores, on 2 or 3 only beside the WebAssembly SHA-256, never on one', () => {
    const table = [1, 2, 3, 4, 8].map((cores) => [cores, helperPays(cores, 'wasm'), helperPays(cores, 'js')]);
    expect(table).toEqual([[1, false, false], [2, true, false], [3, true, false], [4, true, true], [8, true, true]]);
  });

  it('a helper that cannot be started: the export runs on one thread', async () => {
    const one = await exportWith(serial, { format: 'transactions-csv', zip: true });
    const two = await exportWith(splitDeps(() => null), { format: 'transactions-csv', zip: true });
    expect(two.bytes.equals(one.bytes)).toBe(true);
  });

  it('a helper that fails after some of a job went out: the export stops with a clear error', async () => {
    const channel = collectingChannel();
    const { stats, newHelper } = countingHelper({ fail: 'after-bytes', failJob: 1, sent: () => channel.chunks() });
    await expect(exportWith(splitDeps(newHelper), { format: 'transactions-csv' }, false, channel)).rejects.toThrow(/second thread failed midway: helper crashed/);
    expect(stats.disposed).toBe(1);
  });

  it('a cancel stops both threads', async () => {
    const { stats, newHelper } = countingHelper();
    const { ch } = collectingChannel(4);
    await expect(exportPeriod(splitDeps(newHelper), { accountKeys: [ACCOUNT], period: WHOLE, accountLabels: [], format: 'transactions-csv' }, ch)).rejects.toBeInstanceOf(CancelledError);
    expect(stats.jobs).toBeGreaterThan(0);
    expect(stats.disposed).toBe(1);
  });
});
