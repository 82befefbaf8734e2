/**
 * The worker's export request: summaries and reconciliation first (the file's section), then the
 * period's rows chain by chain in export order (accountKey, userId, currency, user_seq, id), encoded
 * in batches and sent out as chunks as they are produced; the sidecar at the end.
 * Rows come from `ledgerRows`, read ahead in groups (period-row-groups.ts); the rows' SHA-256 is
 * computed by the injected digest (in the app: another worker, so hashing overlaps with encoding).
 * A large file of a format that allows it shares its rows with a second worker that reads and encodes
 * every other job of them (export-split.ts); the bytes still go out here, in export order.
 * Zipped (export-zip.ts), a CSV and its sidecar travel as one file; per wallet, each Deribit user's
 * chains (contiguous in export order) make a file of their own, named after the username.
 */
import { createExportEncoder, type BeancountLayout, type ExportContext, type ExportEncoder, type ExportFormat, type ExportRow } from '../../core/export/index';
import type { ChainId, Period, PeriodSummary, ReconciliationSection } from '../../core/recon/types';
import { listChains, type ChainInfo } from './chain-catalog';
import { summarizeAccounts } from './period-summaries';
import { inlineDigest, type DigestEngineName } from './parallel-digest';
import type { ReconcileDeps } from './reconcile-accounts';
import type { ExportEntry, ExportOutcome, RequestChannel } from './protocol';
import { zipWriter } from './export-zip';
import { forEachPeriodBatch, type WalkTiming } from './period-rows';
import { loadUsdPrices, usdTotalsOf } from './usd-prices';
import { encodeSetup, MIN_SPLIT_ROWS, PAGES_PER_JOB, planJobs, streamSplit, type EncodeHelper, type EncodeSetup } from './export-split';

/** Above this many rows a zipped export is stored, not deflated (export-zip.ts: deflate would cost seconds). */
export const COMPRESS_MAX_ROWS = 250_000;
/**
 * Above this many rows one file is saved as it is, with its sidecar beside it, not in a .zip: a zip
 * holds at most 4 GB here (ZIP_MAX_BYTES), and a row of Deribit's log makes about 0.9 kB of
 * transactions CSV (the simulator's rows, with every documented field), so 2M rows leave room for
 * rows twice that size.
 * Per wallet there is no other way than a zip: the writer refuses, with a clear line, past 4 GB.
 */
export const ZIP_MAX_ROWS = 2_000_000;

export interface ExportRequest {
  readonly accountKeys: readonly string[];
  readonly period: Period;
  readonly format: ExportFormat;
  readonly accountLabels: readonly (readonly [string, string])[];
  /** One .zip holding every file of the export (see protocol.ts). */
  readonly zip?: boolean;
  /** One file per Deribit user; implies zip. */
  readonly perWallet?: boolean;
  /** Beancount: a file that stands alone, or one that continues the previous period's file (beancount-opens.ts). */
  readonly beancountLayout?: BeancountLayout;
  /** Rows on the worker's own thread only, never shared with a second one (the benchmark's comparison). */
  readonly singleThread?: boolean;
  /**
   * Tests: share the rows with a second worker whatever this machine's cores, from `minRows` rows on, in
   * jobs of `pagesPerJob` pages (so the real second worker runs on small histories and any machine).
   */
  readonly forceSplit?: { readonly minRows: number; readonly pagesPerJob: number };
}

/** One file of the export: the chains whose rows it holds and the context its encoder sees. */
interface FilePlan {
  readonly username: string | null;
  readonly chains: readonly ChainInfo[];
  readonly context: ExportContext;
}

const userKey = (chain: ChainId): string => `${chain.accountKey}|${chain.userId}`;

/** `deribit-transactions-2025-UTC.csv` + `alice` → `deribit-transactions-2025-UTC-alice.csv` (only safe characters in the name). */
export function walletFileName(fileName: string, username: string): string {
  const dot = fileName.lastIndexOf('.');
  const safe = username.replace(/[^A-Za-z0-9._-]+/g, '_');
  return dot > 0 ? `${fileName.slice(0, dot)}-${safe}${fileName.slice(dot)}` : `${fileName}-${safe}`;
}

/** `deribit-transactions-2025-UTC.csv` → `deribit-transactions-2025-UTC.zip` (`-per-wallet.zip` per wallet). */
export function zipFileName(fileName: string, perWallet: boolean): string {
  const dot = fileName.lastIndexOf('.');
  return `${dot > 0 ? fileName.slice(0, dot) : fileName}${perWallet ? '-per-wallet' : ''}.zip`;
}

/** `compressMaxRows`, `zipMaxRows`, `zipMaxBytes`: COMPRESS_MAX_ROWS, ZIP_MAX_ROWS, ZIP_MAX_BYTES unless a test says otherwise. */
export async function exportPeriod(
  deps: ReconcileDeps,
  request: ExportRequest,
  channel: RequestChannel,
  options: { readonly compressMaxRows?: number; readonly zipMaxRows?: number; readonly zipMaxBytes?: number } = {},
): Promise<ExportOutcome> {
  const { summaries, reconciliation, usernames } = await summarizeAccounts(deps, request, channel);
  const accountLabels = new Map(request.accountLabels);
  const chains = await listChains(deps.db, request.accountKeys);
  // USD values from the cached prices; the summary CSV's per-year totals need one pass over the rows first.
  const prices = await loadUsdPrices(deps.db, request.accountKeys, chains);
  const totals = request.format === 'summary-csv' ? (await usdTotalsOf(deps, chains, request.period, prices.valuer, channel, accountLabels)).totals : null;
  const whole: ExportContext = {
    period: request.period, summaries, chains: reconciliation.statuses, findings: reconciliation.findings, accountLabels, usernames,
    usd: { valuer: prices.valuer, totals, coverage: prices.coverage },
  };
  const perWallet = request.perWallet === true;
  const total = summaries.reduce((sum, s) => sum + s.rows, 0);
  const tooLargeToZip = !perWallet && request.zip === true && total > (options.zipMaxRows ?? ZIP_MAX_ROWS);
  const zipped = perWallet || (request.zip === true && !tooLargeToZip);
  const wallets = perWallet ? walletPlans(whole, chains, summaries) : [];
  // No user at all (nothing cached): one whole-account file, however it was asked for.
  const plans: readonly FilePlan[] = wallets.length > 0 ? wallets : [{ username: null, chains, context: whole }];
  // The summary CSV's lines are the summaries themselves (written by footer()): no rows to stream or hash apart.
  const streamsRows = request.format !== 'summary-csv';
  let bytes = 0;
  const send = (data: string | Uint8Array): void => {
    if (data.length > 0) bytes += channel.chunk(data);
  };
  const compress = zipped && total <= (options.compressMaxRows ?? COMPRESS_MAX_ROWS);
  const zip = zipped ? zipWriter(send, { compress, maxBytes: options.zipMaxBytes }) : null;
  const progress = { done: 0, total };
  const timing: WalkTiming = { readMs: 0, workMs: 0 };
  const entries: ExportEntry[] = [];
  // Per wallet, the whole export's digest: every file's data rows in order (as one file's would be), on
  // a thread of its own like each file's. A single file's section has its own digest: no second one.
  const allRows = wallets.length > 0 && streamsRows ? (deps.newRowsDigest ?? inlineDigest)() : null;
  let baseName: string | null = null;
  let last: { fileName: string; section: ReconciliationSection; sidecar: string | null; mimeType: string } | null = null;
  let rowsExported = 0;
  // A second thread for the rows (export-split.ts), started with the first file that can use one.
  let helper: EncodeHelper | null | undefined;
  const helperFor = (digestEngine: DigestEngineName): EncodeHelper | null =>
    (helper ??= deps.exportSplit?.newHelper({ forced: request.forceSplit !== undefined, digestEngine }) ?? null);
  try {
    for (const plan of plans) {
      const digest = streamsRows ? (deps.newRowsDigest ?? inlineDigest)() : inlineDigest();
      try {
        const encoder = createExportEncoder(request.format, plan.context, digest, { beancount: { layout: request.beancountLayout ?? 'standalone' } });
        baseName ??= encoder.fileName;
        const fileName = plan.username === null ? encoder.fileName : walletFileName(encoder.fileName, plan.username);
        zip?.begin(fileName);
        const emit = (data: string | Uint8Array): void => {
          if (zip === null) send(data);
          else zip.write(data);
        };
        emit(encoder.header());
        if (streamsRows) {
          const rows = plan.context.summaries.reduce((sum, s) => sum + s.rows, 0);
          // Deflate's output depends on how its input is cut (a thread's share arrives cut otherwise): a
          // deflated zip is made on one thread. Stored (large) zips and bare files are the same bytes however cut.
          const splits =
            (encoder.split ?? null) !== null && !compress && request.singleThread !== true &&
            deps.exportSplit !== undefined && rows >= (request.forceSplit?.minRows ?? deps.exportSplit.minRows ?? MIN_SPLIT_ROWS);
          // Whether a helper pays depends on the digest's engine too (recon-worker.ts): ask it once it has started.
          const digestEngine = splits ? await digest.ready() : null;
          const split = digestEngine !== null ? { helperFor: () => helperFor(digestEngine), setup: encodeSetup(request.format, plan.context, prices.valuerInputs) } : null;
          await streamRows(deps, request, plan.chains, channel, { encoder, accountLabels, progress, timing, split, context: plan.context, emit: (data) => {
            allRows?.update(data);
            emit(data);
          } });
        }
        // The footer (Beancount) and the sidecar carry the digest: wait for its last bytes to be hashed.
        const settleStarted = performance.now();
        await digest.settle();
        timing.digestWaitMs = (timing.digestWaitMs ?? 0) + performance.now() - settleStarted;
        timing.digestEngine ??= digest.engine() ?? undefined;
        emit(encoder.footer());
        const section = encoder.section();
        const sidecar = encoder.sidecar();
        entries.push({ fileName, rowsExported: section.rowsExported, username: plan.username });
        rowsExported += section.rowsExported;
        if (zip !== null && sidecar !== null) {
          zip.begin(`${fileName}.reconciliation.txt`);
          zip.write(sidecar);
          entries.push({ fileName: `${fileName}.reconciliation.txt`, rowsExported: null, username: plan.username });
        }
        last = { fileName, section, sidecar, mimeType: encoder.mimeType };
      } finally {
        digest.dispose();
      }
    }
    await allRows?.settle();
  } finally {
    helper?.dispose();
    allRows?.dispose();
  }
  if (last === null) throw new Error('The export made no file.');
  if (zip === null) {
    return {
      fileName: last.fileName,
      mimeType: last.mimeType,
      section: last.section,
      sidecar: last.sidecar === null ? null : { fileName: `${last.fileName}.reconciliation.txt`, text: last.sidecar },
      bytes,
      ...(tooLargeToZip ? { notZipped: `${total.toLocaleString('en-US')} rows make a file too large for a .zip (4 GB at most)` } : {}),
      timing: roundTiming(timing),
    };
  }
  zip.end();
  const single = plans[0]?.username === null;
  const section: ReconciliationSection = single
    ? last.section
    : { ...last.section, rowsExported, chains: whole.chains, findings: whole.findings, summaries, sha256: allRows !== null ? allRows.hex() : last.section.sha256 };
  return { fileName: zipFileName(baseName ?? last.fileName, !single), mimeType: 'application/zip', section, sidecar: null, bytes, entries, timing: roundTiming(timing) };
}

const roundTiming = (t: WalkTiming): WalkTiming => {
  const rounded: WalkTiming = { readMs: Math.round(t.readMs), workMs: Math.round(t.workMs) };
  if (t.helperWaitMs !== undefined) rounded.helperWaitMs = Math.round(t.helperWaitMs);
  if (t.digestWaitMs !== undefined) rounded.digestWaitMs = Math.round(t.digestWaitMs);
  if (t.helperJobs !== undefined) rounded.helperJobs = t.helperJobs;
  if (t.helperFailure !== undefined) rounded.helperFailure = t.helperFailure;
  if (t.digestEngine !== undefined) rounded.digestEngine = t.digestEngine;
  return rounded;
};

/** One plan per Deribit user with chains, in export order, each seeing only its own summaries, chains and findings. */
function walletPlans(whole: ExportContext, chains: readonly ChainInfo[], summaries: readonly PeriodSummary[]): FilePlan[] {
  const plans = new Map<string, { username: string; chains: ChainInfo[] }>();
  const taken = new Set<string>();
  for (const info of chains) {
    const key = userKey(info.chain);
    let plan = plans.get(key);
    if (plan === undefined) {
      let username = whole.usernames.get(key) ?? info.username ?? `user-${info.chain.userId}`;
      if (taken.has(username)) username = `${username}-${info.chain.userId}`;
      taken.add(username);
      plan = { username, chains: [] };
      plans.set(key, plan);
    }
    plan.chains.push(info);
  }
  return [...plans].map(([key, plan]) => ({
    username: plan.username,
    chains: plan.chains,
    context: {
      ...whole,
      summaries: summaries.filter((s) => userKey(s.chain) === key),
      chains: whole.chains.filter((c) => userKey(c.chain) === key),
      findings: whole.findings.filter((f) => userKey(f.chain) === key),
    },
  }));
}

/**
 * The period's rows of these chains, encoded in batches, with progress and a cancel check between
 * batches: on this thread, or shared with a second one (export-split.ts) when the format allows it.
 */
async function streamRows(
  deps: ReconcileDeps,
  request: ExportRequest,
  chains: readonly ChainInfo[],
  channel: RequestChannel,
  out: {
    readonly encoder: ExportEncoder;
    readonly context: ExportContext;
    readonly accountLabels: ReadonlyMap<string, string>;
    readonly progress: { done: number; readonly total: number };
    readonly emit: (bytes: Uint8Array) => void;
    readonly timing: WalkTiming;
    readonly split: { readonly helperFor: () => EncodeHelper | null; readonly setup: EncodeSetup } | null;
  },
): Promise<void> {
  const progress = { done: out.progress.done, total: out.progress.total, phase: 'Exporting rows' };
  const unit = out.encoder.split ?? null;
  const helper = out.split === null || unit === null ? null : out.split.helperFor();
  const jobs = helper === null || unit === null ? [] : await planJobs(deps, chains, request.period, out.accountLabels, unit, request.forceSplit?.pagesPerJob ?? deps.exportSplit?.pagesPerJob ?? PAGES_PER_JOB);
  if (helper !== null && out.split !== null && jobs.length >= 2) {
    helper.setup(out.split.setup);
    channel.progress({ done: progress.done, total: progress.total, phase: progress.phase });
    const adopt = out.encoder.adopt?.bind(out.encoder);
    if (adopt === undefined) throw new Error(`${request.format} cannot be encoded apart`);
    await streamSplit({
      db: deps.db, period: request.period, format: request.format, context: out.context, jobs, helper, encoder: out.encoder, channel, timing: out.timing,
      forward: (bytes, rows) => {
        // Digested before it is emitted: emitting may transfer the bytes to the page.
        adopt(bytes, out.emit);
        progress.done += rows;
        channel.progress({ done: progress.done, total: progress.total, phase: progress.phase });
      },
    });
  } else {
    const encoder = out.encoder;
    // encodeTo hands each batch's buffer on without a copy; encode() where a format has none.
    const encodeBatch = (batch: ExportRow[]): void => {
      if (encoder.encodeTo !== undefined) encoder.encodeTo(batch, out.emit);
      else out.emit(encoder.encode(batch));
    };
    await forEachPeriodBatch(deps, chains, request.period, channel, progress, out.accountLabels, encodeBatch, out.timing);
  }
  out.progress.done = progress.done;
}
