/**
 * What every row-based encoder shares: the period filter, the row count, the digest over the data
 * bytes and the reconciliation section. Each format supplies its header, one row's text and a footer.
 */
import type { ReconciliationSection } from '../recon/types';
import { ExportDigest, type RowsDigest } from './export-digest';
import { periodSlug } from './export-dates';
import type { ExportContext, ExportEncoder, ExportFormat, ExportRow } from './export-types';
import { formatReconciliationSection } from './reconciliation-text';

export const CSV_MIME = 'text/csv;charset=utf-8';
export const TEXT_MIME = 'text/plain;charset=utf-8';

export interface RowFormat {
  readonly format: ExportFormat;
  readonly mimeType: string;
  /** e.g. "transactions" → deribit-transactions-2025-UTC.csv */
  readonly fileStem: string;
  readonly extension: string;
  header(): string;
  /** Text for one in-period row ('' when the format has nothing to say about it). */
  row(row: ExportRow): string;
  /** Text after the rows; the section is final (digest included). */
  footer(section: ReconciliationSection): string;
  /** Extra lines for the CSV sidecar, after the section (format caveats with their counts). */
  sidecarNotes(): readonly string[];
  /** Beancount carries the section itself: no sidecar. */
  readonly carriesSection: boolean;
}

export function exportFileName(ctx: ExportContext, stem: string, extension: string): string {
  return `deribit-${stem}-${periodSlug(ctx.period)}.${extension}`;
}

export function buildSection(
  ctx: ExportContext,
  fileName: string,
  rowsExported: number,
  sha256: string,
): ReconciliationSection {
  return {
    generatedFrom: `Deribit Reconciler: the cached Deribit transaction log, exported as ${fileName}`,
    period: ctx.period,
    rowsExported,
    chains: ctx.chains,
    findings: ctx.findings,
    summaries: ctx.summaries,
    sha256,
  };
}

export function sidecarText(section: ReconciliationSection, notes: readonly string[]): string {
  const text = formatReconciliationSection(section, '');
  return notes.length === 0 ? text : `${text}\nNotes on this format:\n${notes.map((n) => `  ${n}\n`).join('')}`;
}

export function createRowEncoder(ctx: ExportContext, format: RowFormat, digest: RowsDigest = new ExportDigest()): ExportEncoder {
  const fileName = exportFileName(ctx, format.fileStem, format.extension);
  const utf8 = new TextEncoder();
  const { fromMs, toMs } = ctx.period;
  let rows = 0;
  let finalSection: ReconciliationSection | null = null;
  const section = (): ReconciliationSection => {
    finalSection ??= buildSection(ctx, fileName, rows, digest.hex());
    return finalSection;
  };
  return {
    format: format.format,
    fileName,
    mimeType: format.mimeType,
    header: () => format.header(),
    encode(batch) {
      // Each row's text straight into one buffer: concatenating a batch's rows and encoding the whole
      // string costs six times as much (flattening and encoding an 800 kB string; measured in V8).
      let buffer = new Uint8Array(Math.max(4096, batch.length * 640));
      let at = 0;
      for (const row of batch) {
        if (row.timestamp < fromMs || row.timestamp >= toMs) continue;
        rows++;
        const text = format.row(row);
        // UTF-8 needs at most 3 bytes per UTF-16 unit.
        if (buffer.length - at < text.length * 3) {
          const grown = new Uint8Array(Math.max(buffer.length * 2, at + text.length * 3));
          grown.set(buffer.subarray(0, at));
          buffer = grown;
        }
        at += utf8.encodeInto(text, buffer.subarray(at)).written;
      }
      const bytes = buffer.slice(0, at);
      digest.update(bytes);
      return bytes;
    },
    footer: () => format.footer(section()),
    section,
    sidecar: () => (format.carriesSection ? null : sidecarText(section(), format.sidecarNotes())),
  };
}
