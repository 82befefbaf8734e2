/**
 * The period's rows of some chains in export order, as ExportRows, in batches with progress and a cancel
 * check between them: what the export streams and what the USD totals walk.
 */
import type { ExportRow } from '../../core/export/export-types';
import type { TransactionLogRow } from '../../core/providers/deribit/types';
import { classifyRow } from '../../core/recon/classify';
import type { Period } from '../../core/recon/types';
import type { ChainInfo } from './chain-catalog';
import { periodRowGroups } from './period-row-groups';
import { CancelledError, type RequestChannel } from './protocol';
import type { ReconcileDeps } from './reconcile-accounts';

export const BATCH_ROWS = 2000;

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Where a walk over the rows spent its time (ms): waiting for rows read from IndexedDB, and in `onBatch`. */
export interface WalkTiming {
  readMs: number;
  workMs: number;
  /** A split export (export-split.ts): time spent waiting for the other thread's share, the jobs it did, why it stopped. */
  helperWaitMs?: number;
  helperJobs?: number;
  helperFailure?: string;
  /** An export: time spent waiting, after the last row, for the digest's thread to finish. */
  digestWaitMs?: number;
  /** An export: the SHA-256 that hashed its rows ('wasm' or 'js', parallel-digest.ts). */
  digestEngine?: string;
}

export async function forEachPeriodBatch(
  deps: ReconcileDeps,
  chains: readonly ChainInfo[],
  period: Period,
  channel: RequestChannel,
  progress: { done: number; readonly total: number; readonly phase: string },
  accountLabels: ReadonlyMap<string, string>,
  onBatch: (batch: ExportRow[]) => void,
  timing: WalkTiming = { readMs: 0, workMs: 0 },
): Promise<void> {
  channel.progress({ done: progress.done, total: progress.total, phase: progress.phase });
  for (const info of chains) {
    if (channel.isCancelled()) throw new CancelledError();
    const { columns } = await deps.columns.full(info);
    const owner = rowOwner(info, accountLabels);
    await forEachGroupBatch(periodRowGroups(deps.db, columns, period), owner, () => channel.isCancelled(), timing, (batch) => {
      onBatch(batch);
      progress.done += batch.length;
      channel.progress({ done: progress.done, total: progress.total, phase: progress.phase });
    });
  }
}

/** What completes a chain's rows into ExportRows (plain data: it travels to the thread that encodes a share apart). */
export interface RowOwner {
  readonly accountKey: string;
  readonly accountLabel: string;
  /** The chain's username when the catalog knows it (else each row keeps its own). */
  readonly username: string | null;
}

export function rowOwner(info: ChainInfo, accountLabels: ReadonlyMap<string, string>): RowOwner {
  const accountKey = info.chain.accountKey;
  return { accountKey, accountLabel: accountLabels.get(accountKey) ?? accountKey, username: info.username };
}

/** Rows in groups (period-row-groups.ts) completed and handed on in batches of BATCH_ROWS, with a cancel check between batches. */
export async function forEachGroupBatch(
  groups: AsyncGenerator<TransactionLogRow[]>,
  owner: RowOwner,
  isCancelled: () => boolean,
  timing: WalkTiming,
  onBatch: (batch: ExportRow[]) => void,
): Promise<void> {
  const { accountKey, accountLabel, username } = owner;
  for (;;) {
    const readStarted = performance.now();
    const next = await groups.next();
    timing.readMs += performance.now() - readStarted;
    if (next.done === true) break;
    const rows = next.value;
    for (let start = 0; start < rows.length; start += BATCH_ROWS) {
      if (isCancelled()) throw new CancelledError();
      // The rows were just read for this request and are seen once: completed in place. A spread copy of
      // a million wide rows costs seconds of allocation and GC (measured: 15 s vs 0.5 s in Node).
      const batch: ExportRow[] = [];
      const end = Math.min(rows.length, start + BATCH_ROWS);
      for (let i = start; i < end; i++) {
        const row = rows[i] as Writable<ExportRow>;
        row.accountKey = accountKey;
        row.accountLabel = accountLabel;
        row.username = username ?? row.username;
        row.kind = classifyRow(row);
        batch.push(row);
      }
      const workStarted = performance.now();
      onBatch(batch);
      timing.workMs += performance.now() - workStarted;
      // Let a cancel message in between batches.
      await Promise.resolve();
    }
  }
}
