/**
 * An export's rows encoded on two threads. The file's rows, in export order, are cut into jobs: slices
 * of a chain's pages (period-row-groups.ts chainSlices) for formats whose rows are independent
 * ('rows': transactions CSV), one Deribit user's chains for formats that pair rows across a user's
 * chains ('user': Koinly and CoinTracking swaps). Jobs alternate between this thread and a helper
 * (export-encode-worker.ts), each reading its own pages from IndexedDB and encoding them with a
 * format of its own (createSegmentEncoderFor); this thread emits every job's bytes strictly in export
 * order and adds each job's counts (rows, USD values, the format's notes) in that order, so the file,
 * its digest and its notes are what one encoder gives. The helper works at most one job ahead, so no
 * more than one job's bytes wait here. A helper that fails before any of a job's bytes went out has
 * that job and the rest done here; one that cannot be started means the serial path.
 * Beancount carries state across chains (running balances, each day's first price, opens): never split.
 */
import { createSegmentEncoderFor } from '../../core/export/export-encoder';
import type { ExportContext, ExportEncoder, ExportFormat, UsdExport } from '../../core/export/export-types';
import type { SegmentEncoder, SegmentTally } from '../../core/export/row-encoder';
import { UsdValuer, type DeliveryPriceRecord, type IndexCoverage } from '../../core/fiat/usd-valuer';
import type { Period } from '../../core/recon/types';
import type { ReconcilerDatabase } from '../db/database';
import type { ChainInfo } from './chain-catalog';
import { chainSlices, sliceRowGroups, type RowSlice } from './period-row-groups';
import { forEachGroupBatch, rowOwner, type RowOwner, type WalkTiming } from './period-rows';
import { CancelledError, type RequestChannel } from './protocol';
import type { ReconcileDeps } from './reconcile-accounts';

/** 200 pages of 250 rows: a job of 50,000 rows (about 20 MB of CSV waiting here at most). */
export const PAGES_PER_JOB = 200;
/** Below this many rows a second thread costs more than it saves. */
export const MIN_SPLIT_ROWS = 20_000;

export interface SplitPart {
  readonly owner: RowOwner;
  readonly slice: RowSlice;
}

/** A share of a file's rows: parts in export order. */
export interface SplitJob {
  readonly parts: readonly SplitPart[];
}

/** What the helper encodes a file's jobs with: the file's context as plain data (structured clone). */
export interface EncodeSetup {
  readonly format: ExportFormat;
  readonly context: Omit<ExportContext, 'usd'> & { readonly usd?: Omit<UsdExport, 'valuer'> };
  readonly prices: { readonly records: readonly DeliveryPriceRecord[]; readonly coverage: ReadonlyMap<string, IndexCoverage> } | null;
}

/** The other thread, as this one sees it (a worker in the app; in-process in Node tests). */
export interface EncodeHelper {
  /** The file the next jobs belong to. */
  setup(setup: EncodeSetup): void;
  /** Encodes a job; its bytes arrive through onBytes in order, then the promise gives its counts. */
  run(job: SplitJob, onBytes: (bytes: Uint8Array, rows: number) => void): Promise<SegmentTally>;
  dispose(): void;
}

export interface ExportSplitDeps {
  /**
   * A helper for one export; null when none can be started or the machine has too few cores for one to
   * pay (then the export runs on this thread alone). `forced`: a test asks for one whatever the cores.
   */
  readonly newHelper: (options: { readonly forced: boolean }) => EncodeHelper | null;
  readonly pagesPerJob?: number;
  readonly minRows?: number;
}

export type HelperRequest =
  | { readonly type: 'setup'; readonly setup: EncodeSetup }
  | { readonly type: 'run'; readonly seq: number; readonly job: SplitJob };
export type HelperResponse =
  | { readonly type: 'bytes'; readonly seq: number; readonly bytes: Uint8Array; readonly rows: number }
  | { readonly type: 'done'; readonly seq: number; readonly tally: SegmentTally }
  | { readonly type: 'failed'; readonly seq: number; readonly message: string };

export function encodeSetup(format: ExportFormat, ctx: ExportContext, prices: EncodeSetup['prices']): EncodeSetup {
  const { usd, ...rest } = ctx;
  return { format, context: usd === undefined ? rest : { ...rest, usd: { totals: usd.totals, coverage: usd.coverage } }, prices };
}

function contextOf(setup: EncodeSetup): ExportContext {
  const { usd, ...rest } = setup.context;
  if (usd === undefined) return rest;
  const valuer = new UsdValuer(setup.prices?.records ?? [], setup.prices?.coverage ?? new Map());
  return { ...rest, usd: { ...usd, valuer } };
}

/** The helper's side: jobs of the file last set up, read from `db` and encoded. */
export class SegmentRunner {
  private file: { readonly format: ExportFormat; readonly ctx: ExportContext } | null = null;

  constructor(private readonly db: ReconcilerDatabase) {}

  setup(setup: EncodeSetup): void {
    this.file = { format: setup.format, ctx: contextOf(setup) };
  }

  async run(job: SplitJob, onBytes: (bytes: Uint8Array, rows: number) => void, isCancelled: () => boolean): Promise<SegmentTally> {
    if (this.file === null) throw new Error('export job before its file was set up');
    const { format, ctx } = this.file;
    const encoder = createSegmentEncoderFor(format, ctx);
    if (encoder === null) throw new Error(`${format} cannot be encoded apart`);
    await encodeJob(this.db, ctx.period, job, encoder, isCancelled, { readMs: 0, workMs: 0 }, onBytes);
    return encoder.tally();
  }
}

async function encodeJob(
  db: ReconcilerDatabase,
  period: Period,
  job: SplitJob,
  encoder: SegmentEncoder,
  isCancelled: () => boolean,
  timing: WalkTiming,
  onBytes: (bytes: Uint8Array, rows: number) => void,
): Promise<void> {
  for (const part of job.parts) {
    await forEachGroupBatch(sliceRowGroups(db, part.slice, period), part.owner, isCancelled, timing, (batch) => onBytes(encoder.encode(batch), batch.length));
  }
}

/** The helper as a worker (export-encode-worker.ts). */
export class WorkerEncodeHelper implements EncodeHelper {
  private nextSeq = 0;
  private failure: Error | null = null;
  private readonly pending = new Map<number, { onBytes: (bytes: Uint8Array, rows: number) => void; resolve: (t: SegmentTally) => void; reject: (e: Error) => void }>();

  constructor(private readonly worker: Worker) {
    worker.addEventListener('message', (event: MessageEvent<HelperResponse>) => {
      const m = event.data;
      const job = this.pending.get(m.seq);
      if (job === undefined) return;
      if (m.type === 'bytes') job.onBytes(m.bytes, m.rows);
      else {
        this.pending.delete(m.seq);
        if (m.type === 'done') job.resolve(m.tally);
        else job.reject(new Error(m.message));
      }
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.fail(new Error(event.message || 'the export encoder worker failed'));
    });
    worker.addEventListener('messageerror', () => this.fail(new Error('the export encoder worker sent a message that could not be read')));
  }

  setup(setup: EncodeSetup): void {
    this.worker.postMessage({ type: 'setup', setup } satisfies HelperRequest);
  }

  run(job: SplitJob, onBytes: (bytes: Uint8Array, rows: number) => void): Promise<SegmentTally> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const seq = this.nextSeq++;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { onBytes, resolve, reject });
      this.worker.postMessage({ type: 'run', seq, job } satisfies HelperRequest);
    });
  }

  dispose(): void {
    this.worker.terminate();
    this.fail(new Error('the export encoder worker was stopped'));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }
}

/**
 * The helper on this thread (Node tests, which have no Worker): the same runner over the same
 * database, fed copies made by structuredClone as postMessage would make them, one job at a time.
 */
export function inProcessEncodeHelper(db: ReconcilerDatabase): EncodeHelper {
  const runner = new SegmentRunner(db);
  let queue: Promise<unknown> = Promise.resolve();
  let disposed = false;
  return {
    setup(setup) {
      const copy = structuredClone(setup);
      queue = queue.then(() => runner.setup(copy));
    },
    run(job, onBytes) {
      const copy = structuredClone(job);
      const done = queue.then(() => runner.run(copy, (bytes, rows) => onBytes(bytes, rows), () => disposed));
      queue = done.catch(() => undefined);
      return done;
    },
    dispose() {
      disposed = true;
    },
  };
}

const userOf = (info: ChainInfo): string => `${info.chain.accountKey}|${info.chain.userId}`;

/** The file's jobs, in export order: a slice each ('rows'), or a user's chains each ('user'). */
export async function planJobs(
  deps: ReconcileDeps,
  chains: readonly ChainInfo[],
  period: Period,
  accountLabels: ReadonlyMap<string, string>,
  unit: 'rows' | 'user',
  pagesPerJob: number,
): Promise<SplitJob[]> {
  const jobs: SplitPart[][] = [];
  let user: string | null = null;
  for (const info of chains) {
    const { columns } = await deps.columns.full(info);
    const owner = rowOwner(info, accountLabels);
    const slices = await chainSlices(deps.db, columns, period, unit === 'rows' ? pagesPerJob : Infinity);
    if (unit === 'rows') {
      for (const slice of slices) jobs.push([{ owner, slice }]);
      continue;
    }
    if (userOf(info) !== user || jobs.length === 0) {
      user = userOf(info);
      jobs.push([]);
    }
    (jobs[jobs.length - 1] as SplitPart[]).push(...slices.map((slice) => ({ owner, slice })));
  }
  return jobs.filter((parts) => parts.length > 0).map((parts) => ({ parts }));
}

interface RemoteJob {
  readonly chunks: [Uint8Array, number][];
  tally: SegmentTally | null;
  error: Error | null;
  wake: (() => void) | null;
}

/**
 * The jobs' bytes in export order through `forward`, the even jobs (and any the helper could not do)
 * encoded here, the odd ones by the helper; each job's counts go to the file's encoder after its bytes.
 */
export async function streamSplit(args: {
  readonly db: ReconcilerDatabase;
  readonly period: Period;
  readonly format: ExportFormat;
  readonly context: ExportContext;
  readonly jobs: readonly SplitJob[];
  readonly helper: EncodeHelper;
  readonly encoder: ExportEncoder;
  readonly channel: RequestChannel;
  readonly timing: WalkTiming;
  readonly forward: (bytes: Uint8Array, rows: number) => void;
}): Promise<void> {
  const { jobs, encoder, channel, timing } = args;
  const addTally = (tally: SegmentTally): void => {
    if (encoder.addTally === undefined) throw new Error(`${encoder.format} cannot be encoded apart`);
    encoder.addTally(tally);
  };
  let helper: EncodeHelper | null = args.helper;
  const remote = new Map<number, RemoteJob>();
  const startRemote = (i: number): void => {
    const job = jobs[i];
    if (helper === null || job === undefined || i % 2 === 0) return;
    const r: RemoteJob = { chunks: [], tally: null, error: null, wake: null };
    helper.run(job, (bytes, rows) => {
      r.chunks.push([bytes, rows]);
      r.wake?.();
    }).then(
      (tally) => {
        r.tally = tally;
        r.wake?.();
      },
      (error: unknown) => {
        r.error = error instanceof Error ? error : new Error(String(error));
        r.wake?.();
      },
    );
    remote.set(i, r);
  };
  const encodeHere = async (job: SplitJob): Promise<void> => {
    const segment = createSegmentEncoderFor(args.format, args.context);
    if (segment === null) throw new Error(`${args.format} cannot be encoded apart`);
    await encodeJob(args.db, args.period, job, segment, () => channel.isCancelled(), timing, args.forward);
    addTally(segment.tally());
  };
  for (let i = 0; i < jobs.length; i++) {
    if (channel.isCancelled()) throw new CancelledError();
    const job = jobs[i] as SplitJob;
    const r = remote.get(i);
    if (r === undefined) {
      // Ours: the helper starts on the next job meanwhile.
      startRemote(i + 1);
      await encodeHere(job);
      continue;
    }
    remote.delete(i);
    let forwarded = false;
    for (;;) {
      for (let chunk = r.chunks.shift(); chunk !== undefined; chunk = r.chunks.shift()) {
        if (channel.isCancelled()) throw new CancelledError();
        args.forward(chunk[0], chunk[1]);
        forwarded = true;
      }
      if (r.tally !== null) {
        addTally(r.tally);
        timing.helperJobs = (timing.helperJobs ?? 0) + 1;
        break;
      }
      if (r.error !== null) {
        timing.helperFailure ??= r.error.message;
        if (forwarded) throw new Error(`The export's second thread failed midway: ${r.error.message}`);
        // Nothing of this job went out: it and every later job are done here.
        helper?.dispose();
        helper = null;
        await encodeHere(job);
        break;
      }
      const waitStarted = performance.now();
      await new Promise<void>((resolve) => {
        r.wake = resolve;
      });
      r.wake = null;
      timing.helperWaitMs = (timing.helperWaitMs ?? 0) + performance.now() - waitStarted;
    }
  }
}
