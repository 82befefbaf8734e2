/**
 * The worker's export request: summaries and reconciliation first (the file's section), then the
 * period's rows chain by chain in export order (accountKey, userId, currency, user_seq, id), encoded
 * in batches and sent out as chunks as they are produced; the sidecar at the end.
 * Rows come from `ledgerRows`, read ahead in groups (period-row-groups.ts); the rows' SHA-256 is
 * computed by the injected digest (in the app: another worker, so hashing overlaps with encoding).
 */
import { classifyRow } from '../../core/recon/classify';
import { createExportEncoder, type ExportEncoder, type ExportFormat, type ExportRow } from '../../core/export/index';
import type { Period } from '../../core/recon/types';
import { listChains } from './chain-catalog';
import { periodRowGroups } from './period-row-groups';
import { summarizeAccounts } from './period-summaries';
import { inlineDigest } from './parallel-digest';
import type { ReconcileDeps } from './reconcile-accounts';
import { CancelledError, type ExportOutcome, type RequestChannel } from './protocol';

const BATCH_ROWS = 2000;

export interface ExportRequest {
  readonly accountKeys: readonly string[];
  readonly period: Period;
  readonly format: ExportFormat;
  readonly accountLabels: readonly (readonly [string, string])[];
}

export async function exportPeriod(deps: ReconcileDeps, request: ExportRequest, channel: RequestChannel): Promise<ExportOutcome> {
  const { summaries, reconciliation, usernames } = await summarizeAccounts(deps, request, channel);
  const accountLabels = new Map(request.accountLabels);
  // The summary CSV's lines are the summaries themselves (written by footer()): no rows to stream or hash apart.
  const streamsRows = request.format !== 'summary-csv';
  const digest = streamsRows ? (deps.newRowsDigest ?? inlineDigest)() : inlineDigest();
  try {
    const context = { period: request.period, summaries, chains: reconciliation.statuses, findings: reconciliation.findings, accountLabels, usernames };
    const encoder = createExportEncoder(request.format, context, digest);
    let bytes = 0;
    const emit = (data: string | Uint8Array): void => {
      if (data.length > 0) bytes += channel.chunk(data);
    };
    emit(encoder.header());
    if (streamsRows) await streamRows(deps, request, channel, { encoder, accountLabels, total: summaries.reduce((sum, s) => sum + s.rows, 0), emit });
    // The footer (Beancount) and the sidecar carry the digest: wait for its last bytes to be hashed.
    await digest.settle();
    emit(encoder.footer());
    const sidecar = encoder.sidecar();
    return {
      fileName: encoder.fileName,
      mimeType: encoder.mimeType,
      section: encoder.section(),
      sidecar: sidecar === null ? null : { fileName: `${encoder.fileName}.reconciliation.txt`, text: sidecar },
      bytes,
    };
  } finally {
    digest.dispose();
  }
}

/** The period's rows chain by chain, encoded in batches, with progress and a cancel check between batches. */
async function streamRows(
  deps: ReconcileDeps,
  request: ExportRequest,
  channel: RequestChannel,
  out: { readonly encoder: ExportEncoder; readonly accountLabels: ReadonlyMap<string, string>; readonly total: number; readonly emit: (bytes: Uint8Array) => void },
): Promise<void> {
  const { encoder, accountLabels, total, emit } = out;
  let done = 0;
  channel.progress({ done, total, phase: 'Exporting rows' });
  for (const info of await listChains(deps.db, request.accountKeys)) {
    if (channel.isCancelled()) throw new CancelledError();
    const { columns } = await deps.columns.full(info);
    const label = accountLabels.get(info.chain.accountKey) ?? info.chain.accountKey;
    for await (const rows of periodRowGroups(deps.db, columns, request.period)) {
      for (let start = 0; start < rows.length; start += BATCH_ROWS) {
        if (channel.isCancelled()) throw new CancelledError();
        const batch: ExportRow[] = rows.slice(start, start + BATCH_ROWS).map((row) => ({
          ...row,
          accountKey: info.chain.accountKey,
          accountLabel: label,
          username: info.username ?? row.username,
          kind: classifyRow(row),
        }));
        emit(encoder.encode(batch));
        done += batch.length;
        channel.progress({ done, total, phase: 'Exporting rows' });
        // Let a cancel message in between batches.
        await Promise.resolve();
      }
    }
  }
}
