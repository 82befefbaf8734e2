/**
 * The worker's export request: summaries and reconciliation first (the file's section), then the
 * period's rows chain by chain in export order (accountKey, userId, currency, user_seq, id), encoded
 * in batches and sent out as text chunks as they are produced; the sidecar at the end.
 * Rows come from `ledgerRows`; only pages whose time span meets the period are read.
 */
import { classifyRow } from '../../core/recon/classify';
import { createExportEncoder, type ExportFormat, type ExportRow } from '../../core/export/index';
import type { TransactionLogRow } from '../../core/providers/deribit/types';
import type { ChainColumns } from '../../core/recon/chain-columns';
import type { Period } from '../../core/recon/types';
import type { ReconcilerDatabase } from '../db/database';
import { listChains } from './chain-catalog';
import { summarizeAccounts } from './period-summaries';
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
  const encoder = createExportEncoder(request.format, {
    period: request.period,
    summaries,
    chains: reconciliation.statuses,
    findings: reconciliation.findings,
    accountLabels,
    usernames,
  });
  let bytes = 0;
  const emit = (text: string): void => {
    if (text !== '') bytes += channel.chunk(text);
  };
  emit(encoder.header());

  // The summary CSV's lines are the summaries themselves (written by footer()): no rows to stream.
  if (request.format !== 'summary-csv') {
    const total = summaries.reduce((sum, s) => sum + s.rows, 0);
    let done = 0;
    channel.progress({ done, total, phase: 'Exporting rows' });
    for (const info of await listChains(deps.db, request.accountKeys)) {
      if (channel.isCancelled()) throw new CancelledError();
      const { columns } = await deps.columns.full(info.chain, info.chainKey);
      const rows = await periodRows(deps.db, columns, request.period);
      const label = accountLabels.get(info.chain.accountKey) ?? info.chain.accountKey;
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
  emit(encoder.footer());
  const sidecar = encoder.sidecar();
  return {
    fileName: encoder.fileName,
    mimeType: encoder.mimeType,
    section: encoder.section(),
    sidecar: sidecar === null ? null : { fileName: `${encoder.fileName}.reconciliation.txt`, text: sidecar },
    bytes,
  };
}

/**
 * The chain's rows inside [fromMs, toMs), in chain order (user_seq, then id). Which rows pages to read
 * is decided without reading any page: the period's id range comes from the chain's columns, each
 * page's id range from its key (pageKey ends in its smallest id) and the [chainKey+maxId] index.
 */
export async function periodRows(db: ReconcilerDatabase, columns: ChainColumns, period: Period): Promise<TransactionLogRow[]> {
  let minId = Infinity;
  let maxId = -Infinity;
  for (let i = 0; i < columns.count; i++) {
    const t = columns.timestamps[i] as number;
    if (t < period.fromMs || t >= period.toMs) continue;
    const id = columns.ids[i] as number;
    if (id < minId) minId = id;
    if (id > maxId) maxId = id;
  }
  if (minId > maxId) return [];
  const chainKey = columns.chainKey;
  const { maxKeys, pageKeys } = await db.transaction('r', db.ledger, async () => {
    const pages = db.ledger.where('[chainKey+maxId]').between([chainKey, minId], [chainKey, Infinity], true, true);
    return { maxKeys: await pages.keys(), pageKeys: await pages.primaryKeys() };
  });
  const wanted = pageKeys.filter((pageKey, i) => {
    const pageMin = Number(pageKey.slice(pageKey.lastIndexOf('|') + 1));
    const pageMax = (maxKeys[i] as unknown as readonly [string, number] | undefined)?.[1] ?? Infinity;
    return pageMin <= maxId && pageMax >= minId;
  });
  const pages = await db.ledgerRows.bulkGet(wanted);
  const rows: TransactionLogRow[] = [];
  for (const page of pages) {
    if (page === undefined) continue;
    for (const row of page.rows) if (row.timestamp >= period.fromMs && row.timestamp < period.toMs) rows.push(row);
  }
  return rows.sort((a, b) => a.userSeq - b.userSeq || a.id - b.id);
}
