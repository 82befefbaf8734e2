/**
 * The period's rows of some chains in export order, as ExportRows, in batches with progress and a cancel
 * check between them: what the export streams and what the USD totals walk.
 */
import type { ExportRow } from '../../core/export/export-types';
import { classifyRow } from '../../core/recon/classify';
import type { Period } from '../../core/recon/types';
import type { ChainInfo } from './chain-catalog';
import { periodRowGroups } from './period-row-groups';
import { CancelledError, type RequestChannel } from './protocol';
import type { ReconcileDeps } from './reconcile-accounts';

export const BATCH_ROWS = 2000;

export async function forEachPeriodBatch(
  deps: ReconcileDeps,
  chains: readonly ChainInfo[],
  period: Period,
  channel: RequestChannel,
  progress: { done: number; readonly total: number; readonly phase: string },
  accountLabels: ReadonlyMap<string, string>,
  onBatch: (batch: ExportRow[]) => void,
): Promise<void> {
  channel.progress({ done: progress.done, total: progress.total, phase: progress.phase });
  for (const info of chains) {
    if (channel.isCancelled()) throw new CancelledError();
    const { columns } = await deps.columns.full(info);
    const label = accountLabels.get(info.chain.accountKey) ?? info.chain.accountKey;
    for await (const rows of periodRowGroups(deps.db, columns, period)) {
      for (let start = 0; start < rows.length; start += BATCH_ROWS) {
        if (channel.isCancelled()) throw new CancelledError();
        const batch: ExportRow[] = rows.slice(start, start + BATCH_ROWS).map((row) => ({
          ...row,
          accountKey: info.chain.accountKey,
          accountLabel: label,
          username: info.username ?? row.username,
          kind: classifyRow(row),
        }));
        onBatch(batch);
        progress.done += batch.length;
        channel.progress({ done: progress.done, total: progress.total, phase: progress.phase });
        // Let a cancel message in between batches.
        await Promise.resolve();
      }
    }
  }
}
