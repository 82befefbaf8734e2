/**
 * One export at a time, run in the worker: chunks are collected here as Blobs and handed to the
 * browser as ONE download when the worker says the file is complete — a .zip holding a CSV and its
 * `….reconciliation.txt` sidecar (or one file per user), so the desktop shows one save dialog.
 * Kept in a store so switching tabs does not lose the export.
 */
import { create } from 'zustand';
import type { ExportFormat } from '../../../core/export/export-types';
import type { BeancountLayout } from '../../../core/export/index';
import type { Period } from '../../../core/recon/types';
import type { ExportOutcome } from '../../worker/protocol';
import { reconWorker, WorkerCancelledError, type WorkerJob } from '../../worker/recon-worker-client';
import { downloadFile } from './browser-download';

export interface ExportRun {
  readonly format: ExportFormat;
  readonly periodLabel: string;
  readonly startedAt: number;
  readonly done: number;
  readonly total: number;
  readonly phase: string;
}

interface ExportState {
  readonly running: ExportRun | null;
  readonly last: (ExportOutcome & { readonly format: ExportFormat; readonly elapsedMs: number }) | null;
  readonly error: string | null;
  start(
    format: ExportFormat,
    period: Period,
    accountKeys: readonly string[],
    accountLabels: readonly (readonly [string, string])[],
    options?: { readonly perWallet?: boolean; readonly beancountLayout?: BeancountLayout },
  ): Promise<void>;
  cancel(): void;
  /** Forgets the last result and error (the period they were about is no longer the chosen one). */
  clearResult(): void;
}

let job: WorkerJob<ExportOutcome> | null = null;

export const useExports = create<ExportState>()((set, get) => ({
  running: null,
  last: null,
  error: null,
  async start(format, period, accountKeys, accountLabels, options = {}) {
    if (get().running !== null) return;
    const startedAt = Date.now();
    // A Blob per chunk as it arrives: joining them at the end is cheap, while one Blob built from a
    // large export's buffers at once copies them all on this thread (about a second per 400 MB).
    const parts: Blob[] = [];
    set({ running: { format, periodLabel: period.label, startedAt, done: 0, total: 0, phase: 'Preparing' }, error: null, last: null });
    try {
      job = reconWorker().request(
        'export',
        { accountKeys, period, format, accountLabels, zip: true, perWallet: options.perWallet === true, beancountLayout: options.beancountLayout },
        {
          onChunk: (bytes) => parts.push(new Blob([bytes])),
          onProgress: (p) => set((s) => (s.running ? { running: { ...s.running, done: p.done, total: p.total, phase: p.phase } } : s)),
        },
      );
      const outcome = await job.result;
      downloadFile(parts, outcome.fileName, outcome.mimeType);
      if (outcome.sidecar !== null) downloadFile([outcome.sidecar.text], outcome.sidecar.fileName, 'text/plain;charset=utf-8');
      set({ last: { ...outcome, format, elapsedMs: Date.now() - startedAt } });
    } catch (error) {
      set({ error: error instanceof WorkerCancelledError ? 'Export cancelled.' : `The export failed: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      job = null;
      set({ running: null });
    }
  },
  cancel() {
    job?.cancel();
  },
  clearResult() {
    if (get().last !== null || get().error !== null) set({ last: null, error: null });
  },
}));
