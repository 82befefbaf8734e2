/**
 * A .zip written as it streams (fflate): entries one after another, each deflated as its chunks
 * arrive. Every entry carries the same fixed time (1980-01-01 00:00, the earliest a zip can say), so
 * the same files give the same zip bytes on every run. Output chunks are copied before they are handed
 * on: the sink may transfer them to another thread.
 * Deflate in JavaScript runs at about 65 MB/s (level 1, measured here); a million-row CSV of several
 * hundred MB would take seconds longer than the export itself, so large exports are stored uncompressed
 * (still one file, and as fast as the bare CSV); `compress` says which.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/** Built from local fields: zip times are local wall-clock fields, so this reads back as 1980-01-01 00:00 in every zone. */
const FIXED_ENTRY_TIME = (): Date => new Date(1980, 0, 1, 0, 0, 0);

export interface ZipWriter {
  /** Starts the next entry (ending the previous one). */
  begin(fileName: string): void;
  /** Bytes of the current entry. */
  write(data: string | Uint8Array): void;
  /** Ends the zip (its central directory is written). */
  end(): void;
}

export function zipWriter(out: (bytes: Uint8Array) => void, options: { readonly compress: boolean }): ZipWriter {
  const encoder = new TextEncoder();
  let failure: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else if (data.length > 0) out(data.slice());
  });
  let entry: ZipDeflate | ZipPassThrough | null = null;
  const check = (): void => {
    if (failure !== null) throw failure;
  };
  const close = (): void => {
    entry?.push(new Uint8Array(0), true);
    entry = null;
  };
  return {
    begin(fileName) {
      close();
      entry = options.compress ? new ZipDeflate(fileName, { level: 1 }) : new ZipPassThrough(fileName);
      // Set before add(): the local header (with the time) is written then.
      entry.mtime = FIXED_ENTRY_TIME();
      zip.add(entry);
      check();
    },
    write(data) {
      if (entry === null) throw new Error('zip entry written before it was begun');
      const bytes = typeof data === 'string' ? encoder.encode(data) : data;
      if (bytes.length > 0) entry.push(bytes);
      check();
    },
    end() {
      close();
      zip.end();
      check();
    },
  };
}
