/**
 * An export's rows encoded on two threads. The file's rows, in export order, are cut into jobs: slices
 * of a chain's pages (period-row-groups.ts chainSlices) for formats whose rows are independent
 * ('rows': transactions CSV), one Deribit user's chains for formats that pair rows across a user's
 * chains ('user': Koinly and CoinTracking swaps). Whichever of this thread and a helper
 * (export-encode-worker.ts) is free takes the next job, each reading its own pages from IndexedDB and
 * encoding them with a format of its own (createSegmentEncoderFor); this thread emits every job's bytes
 * strictly in export order and adds each job's counts (rows, USD values, the format's notes) in that
 * order, so the file, its digest and its notes are what one encoder gives. No thread starts a job more
 * than MAX_JOBS_AHEAD past the next one to go out, which bounds the bytes waiting here. A helper that
 * fails before any of a job's bytes went out has that job and the rest done here; one that cannot be
 * started means the serial path.
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
import type { DigestEngineName } from './parallel-digest';
import type { ReconcileDeps } from './reconcile-accounts';

/** 80 pages of 250 rows: a job of 20,000 rows (about 9 MB of CSV), small enough for the threads to share evenly. */
export const PAGES_PER_JOB = 80;
/** Below this many rows a second thread costs more than it saves. */
export const MIN_SPLIT_ROWS = 20_000;

/**
 * Whether a second thread pays on a machine with `cores` cores beside the export's digest. Not on one
 * core. On 2 and 3, only beside the WebAssembly SHA-256: the threads take jobs as they are free, so the
 * helper does what the second core has left after hashing and IndexedDB (measured over 1M rows on 2
 * cores: 4.2–4.3 s split vs 6.5–6.7 s on one thread), but with the JavaScript SHA-256 (where WebAssembly
 * cannot be compiled) hashing takes most of that core and the split was slower than one thread (8.1–8.2 s
 * vs about 6.6 s). From 4 cores, always.
 */
export function helperPays(cores: number, digestEngine: DigestEngineName): boolean {
  return cores >= 4 || (cores >= 2 && digestEngine === 'wasm');
}

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
   * `digestEngine`: the SHA-256 the export's digest runs (on 2 cores a helper pays only beside the fast one).
   */
  readonly newHelper: (options: { readonly forced: boolean; readonly digestEngine: DigestEngineName }) => EncodeHelper | null;
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

/** A job taken by one of the two threads: its bytes wait here until every job before it went out. */
interface JobState {
  readonly remote: boolean;
  readonly chunks: [Uint8Array, number][];
  tally: SegmentTally | null;
  error: Error | null;
  /** Some of its bytes went out already (a failure then cannot be made good by doing it again). */
  emitted: boolean;
}

/** Jobs the helper holds at once: one it works on and the next, so it never waits for this thread between jobs. */
const HELPER_QUEUE = 2;
/**
 * How far past the next job to go out either thread may start one: the bytes of at most this many
 * finished jobs wait here (a job of PAGES_PER_JOB pages is about 9 MB of CSV).
 */
export const MAX_JOBS_AHEAD = 4;

/**
 * The jobs' bytes in export order through `forward`. Whichever thread is free takes the next job (the
 * helper is kept HELPER_QUEUE jobs deep): on a machine whose other core is busy hashing, the helper does
 * fewer, and neither thread waits for a fixed share of the other's. Each job's counts go to the file's
 * encoder right after its bytes. A helper that fails has its jobs whose bytes did not go out yet done
 * here, and every later one; one whose bytes went out partly fails the export.
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
  let helper: EncodeHelper | null = args.helper;
  const states = new Map<number, JobState>();
  /** The next job nobody took, the next job to go out, jobs to do here again after the helper failed. */
  let nextJob = 0;
  let emitNext = 0;
  const redo: number[] = [];
  let helperHolds = 0;
  let wake: (() => void) | null = null;
  const poke = (): void => {
    const resume = wake;
    wake = null;
    resume?.();
  };

  const feedHelper = (): void => {
    while (helper !== null && helperHolds < HELPER_QUEUE && nextJob < jobs.length && nextJob <= emitNext + MAX_JOBS_AHEAD) {
      const i = nextJob++;
      const state: JobState = { remote: true, chunks: [], tally: null, error: null, emitted: false };
      states.set(i, state);
      helperHolds++;
      helper.run(jobs[i] as SplitJob, (bytes, rows) => {
        state.chunks.push([bytes, rows]);
        poke();
      }).then(
        (tally) => {
          state.tally = tally;
          helperHolds--;
          poke();
        },
        (error: unknown) => {
          state.error = error instanceof Error ? error : new Error(String(error));
          helperHolds--;
          poke();
        },
      );
    }
  };

  /** A failed helper: its jobs not yet out are done here (in order), and no more go to it. */
  const dropFailedHelper = (): void => {
    for (const [i, state] of states) {
      if (!state.remote || state.error === null) continue;
      timing.helperFailure ??= state.error.message;
      if (state.emitted) throw new Error(`The export's second thread failed midway: ${state.error.message}`);
      states.delete(i);
      redo.push(i);
    }
    if (redo.length === 0) return;
    redo.sort((a, b) => a - b);
    helper?.dispose();
    helper = null;
  };

  /** Everything that can go out, in order. */
  const flush = (): void => {
    for (;;) {
      const state = states.get(emitNext);
      if (state === undefined || state.error !== null) return;
      for (let chunk = state.chunks.shift(); chunk !== undefined; chunk = state.chunks.shift()) {
        if (channel.isCancelled()) throw new CancelledError();
        args.forward(chunk[0], chunk[1]);
        state.emitted = true;
      }
      if (state.tally === null) return;
      if (encoder.addTally === undefined) throw new Error(`${encoder.format} cannot be encoded apart`);
      encoder.addTally(state.tally);
      if (state.remote) timing.helperJobs = (timing.helperJobs ?? 0) + 1;
      states.delete(emitNext);
      emitNext++;
    }
  };

  const encodeHere = async (i: number): Promise<void> => {
    const segment = createSegmentEncoderFor(args.format, args.context);
    if (segment === null) throw new Error(`${args.format} cannot be encoded apart`);
    const state: JobState = { remote: false, chunks: [], tally: null, error: null, emitted: false };
    states.set(i, state);
    await encodeJob(args.db, args.period, jobs[i] as SplitJob, segment, () => channel.isCancelled(), timing, (bytes, rows) => {
      state.chunks.push([bytes, rows]);
      // Between batches: what the helper finished goes out, and it gets its next job.
      flush();
      feedHelper();
    });
    state.tally = segment.tally();
  };

  for (;;) {
    if (channel.isCancelled()) throw new CancelledError();
    dropFailedHelper();
    flush();
    if (emitNext >= jobs.length) return;
    feedHelper();
    const mine = redo.length > 0 ? (redo.shift() as number) : nextJob < jobs.length && nextJob <= emitNext + MAX_JOBS_AHEAD ? nextJob++ : null;
    if (mine !== null) {
      await encodeHere(mine);
      continue;
    }
    // Every job is taken and the next to go out is the helper's: wait for it.
    const waitStarted = performance.now();
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
    timing.helperWaitMs = (timing.helperWaitMs ?? 0) + performance.now() - waitStarted;
  }
}
