/**
 * What every row-based encoder shares: the period filter, the row count, the digest over the data
 * bytes and the reconciliation section. Each format supplies its header, one row's text and a footer.
 */
import type { ReconciliationSection } from '../recon/types';
import { CsvBytes } from './csv-bytes';
import { ExportDigest, type RowsDigest } from './export-digest';
import { periodSlug } from './export-dates';
import type { ExportContext, ExportEncoder, ExportFormat, ExportRow } from './export-types';
import { formatReconciliationSection } from './reconciliation-text';
import type { UsdTally } from './usd-columns';

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
  /** The same row's bytes written straight into `out` (the hot path of formats that have it); must equal row()'s UTF-8. */
  writeRow?(row: ExportRow, out: CsvBytes): void;
  /** Text after the rows; the section is final (digest included). */
  footer(section: ReconciliationSection): string;
  /** Extra lines for the CSV sidecar, after the section (format caveats with their counts). */
  sidecarNotes(): readonly string[];
  /** Beancount carries the section itself: no sidecar. */
  readonly carriesSection: boolean;
  /**
   * How the rows may be shared among encoders that run apart (export-split.ts), each with a format of
   * its own: 'rows' anywhere (each row's text depends on that row only), 'user' only between Deribit
   * users (swap legs pair across a user's chains). Absent: never (Beancount: running balances, the
   * first price of each day and opens carry across chains).
   */
  readonly split?: 'rows' | 'user';
  /** What the format counted over its rows (for its notes): with `split`, what encoders apart add up. */
  tally?(): FormatTally;
  /** Counts of rows that follow the ones this format saw, added in export order. */
  addTally?(tally: FormatTally): void;
}

/** A format's counts as plain data (see RowFormat.tally). */
export interface FormatTally {
  readonly counts: readonly number[];
  readonly usd: UsdTally;
}

/** What an encoder apart made of its share of the rows (besides its bytes). */
export interface SegmentTally {
  readonly rows: number;
  readonly format: FormatTally;
}

/** Encodes a share of a file's rows (no header, footer or digest): the encoder's work, run apart. */
export interface SegmentEncoder {
  encode(batch: readonly ExportRow[]): Uint8Array;
  tally(): SegmentTally;
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

/** One batch's in-period rows into `out` (reset first); returns how many rows were written. */
function encodeRows(ctx: ExportContext, format: RowFormat, out: CsvBytes, batch: readonly ExportRow[]): number {
  const { fromMs, toMs } = ctx.period;
  const writeRow = format.writeRow;
  let rows = 0;
  out.reset();
  for (const row of batch) {
    if (row.timestamp < fromMs || row.timestamp >= toMs) continue;
    rows++;
    if (writeRow !== undefined) writeRow.call(format, row, out);
    else out.encoded(format.row(row));
  }
  return rows;
}

export function createSegmentEncoder(ctx: ExportContext, format: RowFormat): SegmentEncoder {
  const out = new CsvBytes();
  let rows = 0;
  return {
    encode(batch) {
      rows += encodeRows(ctx, format, out, batch);
      // Handed over whole (transferred to the thread that emits it): nothing to copy.
      return out.detach();
    },
    tally: () => {
      if (format.tally === undefined) throw new Error(`${format.format} cannot be encoded apart`);
      return { rows, format: format.tally() };
    },
  };
}

export function createRowEncoder(ctx: ExportContext, format: RowFormat, digest: RowsDigest = new ExportDigest()): ExportEncoder {
  const fileName = exportFileName(ctx, format.fileStem, format.extension);
  const out = new CsvBytes();
  let rows = 0;
  let finalSection: ReconciliationSection | null = null;
  const section = (): ReconciliationSection => {
    finalSection ??= buildSection(ctx, fileName, rows, digest.hex());
    return finalSection;
  };
  const digestThen = (bytes: Uint8Array, emit: (bytes: Uint8Array) => void): void => {
    if (digest.pass !== undefined) digest.pass(bytes, emit);
    else {
      digest.update(bytes);
      emit(bytes);
    }
  };
  return {
    format: format.format,
    fileName,
    mimeType: format.mimeType,
    split: format.split !== undefined && format.tally !== undefined && format.addTally !== undefined ? format.split : null,
    header: () => format.header(),
    encode(batch) {
      // Each row straight into one reused buffer: concatenating a batch's rows and encoding the whole
      // string costs six times as much (flattening and encoding an 800 kB string; measured in V8).
      rows += encodeRows(ctx, format, out, batch);
      const bytes = out.take();
      digest.update(bytes);
      return bytes;
    },
    encodeTo(batch, emit) {
      rows += encodeRows(ctx, format, out, batch);
      digestThen(out.detach(), emit);
    },
    adopt(bytes, emit) {
      digestThen(bytes, emit);
    },
    addTally(tally) {
      if (format.addTally === undefined) throw new Error(`${format.format} cannot be encoded apart`);
      rows += tally.rows;
      format.addTally(tally.format);
    },
    footer: () => format.footer(section()),
    section,
    sidecar: () => (format.carriesSection ? null : sidecarText(section(), format.sidecarNotes())),
  };
}
